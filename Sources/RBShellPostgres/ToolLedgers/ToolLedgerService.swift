import Migrations
import PostgresClient
import RBShellCore

/// Other tools' ledgers in the database the connection options name (the frontend DSN), read in
/// one read-only snapshot, with what each says is wrong.
public struct ToolLedgerService {
  public let router: ConnectionRouter

  public init(router: ConnectionRouter) { self.router = router }

  public struct Report: Sendable, Equatable {
    public var database: DatabaseLabel
    public var ledgers: [ToolLedger]
    /// The catalog's verdict on each dirty golang-migrate ledger (by table), when definitions
    /// were given.
    public var verdicts: [String: GolangMigrateVerdict] = [:]
    /// Ledger tables this role may not read (`Flyway public.flyway_schema_history`).
    public var unreadable: [String] = []

    public func findings(_ ledger: ToolLedger) -> [ToolLedgerFinding] { ToolLedgerRules.findings(ledger, verdict: verdicts[ledger.table]) }
    public var findings: [ToolLedgerFinding] { ledgers.flatMap(findings) }
    public var needsRepair: Bool { findings.contains { $0.severity == .error } }
  }

  /// - Parameter golangMigrateDefinitions: golang-migrate's migrations folder, read: a dirty
  ///   version's SQL is then tested against the catalog, in the same snapshot.
  public func report(only tool: LedgerTool?, golangMigrateTables: [String] = [], golangMigrateDefinitions: [Definition]? = nil) throws -> Report {
    let connection = try router.connect([.frontend])[.frontend]!
    return try connection.snapshotTransaction {
      let (ledgers, unreadable) = try ToolLedgerReader(connection: connection).readAll(only: tool, golangMigrateTables: golangMigrateTables)
      var report = Report(database: DatabaseLabel(connection.endpoint), ledgers: ledgers, unreadable: unreadable)
      guard let definitions = golangMigrateDefinitions else { return report }
      for ledger in ledgers where ledger.tool == .golangMigrate {
        guard let dirty = ledger.entries(.failed).first.flatMap({ Int($0.version) }) else { continue }
        let scope = GolangMigrateVerdict.scope(dirty: dirty, definitions: definitions)
        let catalog = try CatalogReader(connection: connection, scope: scope).read().catalog
        report.verdicts[ledger.table] = GolangMigrateVerdict.decide(dirty: dirty, definitions: definitions, catalog: catalog)
      }
      return report
    }
  }
}
