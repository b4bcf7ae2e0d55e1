/// A failure reported by libpq or by the server, keeping every field psql shows.
///
/// Server errors carry the SQLSTATE and the diagnostic fields; connection failures
/// carry libpq's message with any password already removed.
public struct PostgresError: Error, Sendable, Equatable, CustomStringConvertible {
  public enum Kind: String, Sendable, Equatable {
    /// The connection could not be established.
    case connectionFailed
    /// An established connection broke (server restart, `pg_terminate_backend`, network).
    case connectionLost
    /// The server rejected a statement.
    case server
    /// libpq refused the request before it reached the server.
    case client
  }

  public var kind: Kind
  /// `ERROR`, `FATAL`, `PANIC` (non-localised), when the server said.
  public var severity: String?
  public var sqlState: SQLState?
  /// Primary message, one line.
  public var message: String
  public var detail: String?
  public var hint: String?
  /// 1-based character position in `statement`, when the server reported one.
  public var position: Int?
  /// The statement that failed, when there was one.
  public var statement: String?
  /// The object the server named in the error (schema, table, column, constraint), when it did.
  public var object: String?

  public init(
    kind: Kind, message: String, severity: String? = nil, sqlState: SQLState? = nil,
    detail: String? = nil, hint: String? = nil, position: Int? = nil, statement: String? = nil
  ) {
    self.kind = kind
    self.message = message
    self.severity = severity
    self.sqlState = sqlState
    self.detail = detail
    self.hint = hint
    self.position = position
    self.statement = statement
  }

  /// psql-like rendering: `ERROR 42P01: relation "x" does not exist` plus detail and hint lines.
  public var description: String {
    var head = severity ?? (kind == .server ? "ERROR" : "error")
    if let sqlState { head += " \(sqlState.rawValue)" }
    var lines = ["\(head): \(message)"]
    if let detail { lines.append("DETAIL: \(detail)") }
    if let hint { lines.append("HINT: \(hint)") }
    return lines.joined(separator: "\n")
  }
}

/// A five-character SQLSTATE code. A struct rather than an enum so unknown codes stay representable.
public struct SQLState: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
  public let rawValue: String
  public init(rawValue: String) { self.rawValue = rawValue }
  public var description: String { rawValue }

  public static let successfulCompletion = SQLState(rawValue: "00000")
  public static let connectionFailure = SQLState(rawValue: "08006")
  public static let invalidPassword = SQLState(rawValue: "28P01")
  public static let invalidAuthorization = SQLState(rawValue: "28000")
  public static let insufficientPrivilege = SQLState(rawValue: "42501")
  public static let undefinedTable = SQLState(rawValue: "42P01")
  public static let undefinedColumn = SQLState(rawValue: "42703")
  public static let undefinedObject = SQLState(rawValue: "42704")
  public static let duplicateTable = SQLState(rawValue: "42P07")
  public static let duplicateObject = SQLState(rawValue: "42710")
  public static let duplicateColumn = SQLState(rawValue: "42701")
  public static let syntaxError = SQLState(rawValue: "42601")
  public static let divisionByZero = SQLState(rawValue: "22012")
  public static let readOnlySQLTransaction = SQLState(rawValue: "25006")
  public static let queryCanceled = SQLState(rawValue: "57014")
  public static let lockNotAvailable = SQLState(rawValue: "55P03")
  public static let adminShutdown = SQLState(rawValue: "57P01")
  public static let uniqueViolation = SQLState(rawValue: "23505")
}
