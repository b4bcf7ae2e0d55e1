import Migrations

/// Everything diagnose knows about one schema, already read: the rules are pure functions of it.
public struct DiagnosisInput: Sendable {
  public enum Definitions: Sendable {
    /// No definitions were given or found; rules that need them are skipped (and say so).
    case none(String)
    case invalid(InvalidDefinitions)
    case graph(MigrationGraph)
  }

  public var schema: Schema
  /// The database's name (other tools derive their lock keys from it).
  public var database: String
  public var ledger: LedgerSnapshot
  public var catalog: CatalogSnapshot
  public var definitions: Definitions
  /// Report invalid indexes that no migration of this schema creates, and other tools' locks:
  /// true for one schema per database, so shared facts are reported once.
  public var reportsDatabaseWideFacts: Bool
  /// Seconds since 1970, for "held for 3m".
  public var now: Double
  public var commands: SuggestionContext
  /// Indexes other schemas' migrations create: their invalid leftovers belong to those schemas.
  public var otherSchemasIndexes: Set<String> = []

  public init(
    schema: Schema, database: String, ledger: LedgerSnapshot, catalog: CatalogSnapshot, definitions: Definitions,
    reportsDatabaseWideFacts: Bool = true, now: Double = 0, commands: SuggestionContext = SuggestionContext()
  ) {
    self.schema = schema
    self.database = database
    self.ledger = ledger
    self.catalog = catalog
    self.definitions = definitions
    self.reportsDatabaseWideFacts = reportsDatabaseWideFacts
    self.now = now
    self.commands = commands
  }

  var graph: MigrationGraph? {
    if case .graph(let graph) = definitions { return graph }
    return nil
  }
}

/// How suggested commands reach the same database and definitions the operator used.
public struct SuggestionContext: Sendable {
  /// Extra arguments, already shell-quoted, e.g. `--dsn 'dbname=sg'` (never a password).
  public var connection: String
  public var migrations: String

  public init(connection: String = "", migrations: String = "") {
    self.connection = connection
    self.migrations = migrations
  }

  /// `rbshell <verb> --db <schema> <arguments> <connection> <definitions>`.
  func command(_ verb: String, _ arguments: String = "", schema: Schema, needsDefinitions: Bool = true) -> String {
    let parts = ["rbshell", verb, "--db", schema.rawValue, arguments, connection, needsDefinitions ? migrations : ""]
    return parts.filter { !$0.isEmpty }.joined(separator: " ")
  }
}
