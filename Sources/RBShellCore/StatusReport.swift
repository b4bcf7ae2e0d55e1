import Migrations

/// `rbshell status` for several schemas; each may come from its own database.
public struct StatusReport: Sendable, Equatable, Codable {
  public var schemas: [SchemaEntry]

  public init(schemas: [SchemaEntry]) { self.schemas = schemas }

  /// One schema's status and where it was read.
  public struct SchemaEntry: Sendable, Equatable, Codable {
    public var database: DatabaseLabel
    public var status: SchemaStatus

    public init(database: DatabaseLabel, status: SchemaStatus) {
      self.database = database
      self.status = status
    }
  }

  public var needsRepair: Bool { schemas.contains { $0.status.needsRepair } }
}

/// Where a schema's ledger lives, for humans: never a password.
public struct DatabaseLabel: Sendable, Equatable, Codable {
  public var host: String
  public var port: String
  public var name: String
  public var user: String

  public init(host: String, port: String, name: String, user: String) {
    self.host = host
    self.port = port
    self.name = name
    self.user = user
  }
}
