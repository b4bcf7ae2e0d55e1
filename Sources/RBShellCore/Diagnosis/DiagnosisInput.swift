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
  /// Indexes other schemas' migrations create: their invalid leftovers belong to those schemas.
  public var otherSchemasIndexes: Set<String> = []

  public init(
    schema: Schema, database: String, ledger: LedgerSnapshot, catalog: CatalogSnapshot, definitions: Definitions,
    reportsDatabaseWideFacts: Bool = true, now: Double = 0
  ) {
    self.schema = schema
    self.database = database
    self.ledger = ledger
    self.catalog = catalog
    self.definitions = definitions
    self.reportsDatabaseWideFacts = reportsDatabaseWideFacts
    self.now = now
  }

  var graph: MigrationGraph? { definitions.graph }
}

extension DiagnosisInput.Definitions {
  /// The definitions' graph, when they loaded.
  public var graph: MigrationGraph? {
    if case .graph(let graph) = self { return graph }
    return nil
  }
}
