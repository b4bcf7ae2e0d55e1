import Migrations

/// An error the database reported, as values (the core does not see libpq).
public struct ServerError: Error, Sendable, Equatable {
  public var severity: String?
  public var sqlState: String?
  public var message: String
  public var detail: String?
  public var hint: String?
  /// The connection was lost (the server rolled back what was open).
  public var connectionLost: Bool

  public init(
    severity: String? = "ERROR", sqlState: String? = nil, message: String, detail: String? = nil, hint: String? = nil,
    connectionLost: Bool = false
  ) {
    self.severity = severity
    self.sqlState = sqlState
    self.message = message
    self.detail = detail
    self.hint = hint
    self.connectionLost = connectionLost
  }

  /// SQLSTATE 57014: the statement was cancelled (Ctrl-C, a signal).
  public var wasCancelled: Bool { sqlState == "57014" }
}
