import Migrations

/// The migrations of a tool whose ledger records a failure (Prisma, Flyway, Atlas, Sqitch), keyed
/// as its ledger names them: what a failed entry's file did, tested against the catalog. One
/// home for the lookup, the analysis and the catalog it needs, whichever tool.
public struct FailedMigrationFiles: Sendable {
  public struct File: Sendable {
    public var definition: Definition
    /// Whether the tool runs it all or nothing; nil: as its SQL says.
    public var atomic: Bool?

    public init(definition: Definition, atomic: Bool?) {
      self.definition = definition
      self.atomic = atomic
    }
  }

  let files: [String: File]
  /// Whether the catalog read also covers the down SQL (a revert the repair may run).
  let withDown: Bool

  public init(_ files: [(key: String, file: File)], withDown: Bool = false) {
    self.files = Dictionary(files, uniquingKeysWith: { first, _ in first })
    self.withDown = withDown
  }

  /// The analysis of the file under `key`, if the folder has it.
  public func analysis(of key: String, catalog: CatalogSnapshot) -> MigrationAnalysis? {
    files[key].map { MigrationAnalysis(definition: $0.definition, up: true, catalog: catalog, atomic: $0.atomic) }
  }

  /// The analysis of each failed entry's file.
  public func analyses(_ ledger: ToolLedger, catalog: CatalogSnapshot) -> [String: MigrationAnalysis] {
    var analyses: [String: MigrationAnalysis] = [:]
    for entry in ledger.entries(.failed) { analyses[entry.version] = analysis(of: entry.version, catalog: catalog) }
    return analyses
  }

  /// What the catalog must show to analyse the failed entries' files.
  public func scope(_ ledger: ToolLedger) -> CatalogScope {
    var scope = CatalogScope()
    for entry in ledger.entries(.failed) {
      guard let file = files[entry.version] else { continue }
      scope.add(sql: file.definition.upQuery)
      if withDown { scope.add(sql: file.definition.downQuery) }
    }
    return scope
  }
}
