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
    /// The catalog's analysis of each unrecorded migration (by table, then version), for a tool
    /// that records nothing on failure (dbmate), when its folder was given.
    public var unrecorded: [String: [String: MigrationAnalysis]] = [:]
    /// The catalog's analysis of each failed migration's file (by table, then version), for a
    /// tool whose ledger records the failure (Prisma), when its folder was given.
    public var failed: [String: [String: MigrationAnalysis]] = [:]
    /// Findings a tool's folder adds for a whole ledger (Alembic's stamp), by table.
    public var extra: [String: [ToolLedgerFinding]] = [:]
    /// Flyway's applied versions whose file changed (by table, then version).
    public var checksums: [String: [String: FlywayResolve.Mismatch]] = [:]
    /// Ledger tables this role may not read (`Flyway public.flyway_schema_history`).
    public var unreadable: [String] = []

    public func findings(_ ledger: ToolLedger) -> [ToolLedgerFinding] {
      ToolLedgerRules.findings(
        ledger, verdict: verdicts[ledger.table], unrecorded: unrecorded[ledger.table] ?? [:], failed: failed[ledger.table] ?? [:],
        checksums: checksums[ledger.table] ?? [:]) + (extra[ledger.table] ?? [])
    }
    public var findings: [ToolLedgerFinding] { ledgers.flatMap(findings) }
    public var needsRepair: Bool { findings.contains { $0.severity == .error } }
  }

  /// A tool's migrations folder, read.
  public enum Folder {
    case golangMigrate([Definition])
    /// dbmate's or goose's files (tools that record nothing on failure).
    case unrecording([ToolMigrationFile])
    case prisma([PrismaLayoutReader.File])
    case sqitch([SqitchProjectReader.Change])
    case flyway([FlywayLayoutReader.File])
    case atlas([AtlasLayoutReader.File])
    /// Alembic's revisions as its offline SQL renders them.
    case alembic([AlembicOfflineReader.Revision])

    /// For a tool whose ledger records a failure, its files as the ledger keys them.
    var failing: (tool: LedgerTool, files: FailedMigrationFiles)? {
      switch self {
      case .prisma(let files): (.prisma, PrismaResolve.failing(files))
      case .sqitch(let changes): (.sqitch, SqitchLeftovers.failing(changes))
      case .flyway(let files): (.flyway, FlywayResolve.failing(files))
      case .atlas(let files): (.atlas, AtlasResume.failing(files))
      case .golangMigrate, .unrecording, .alembic: nil
      }
    }
  }

  /// - Parameter folder: the tool's migrations folder, read: what its ledger says went wrong is
  ///   then tested against the catalog, in the same snapshot.
  public func report(only tool: LedgerTool?, golangMigrateTables: [String] = [], folder: Folder? = nil) throws -> Report {
    let connection = try router.connect([.frontend])[.frontend]!
    return try connection.snapshotTransaction {
      let (ledgers, unreadable) = try ToolLedgerReader(connection: connection).readAll(only: tool, golangMigrateTables: golangMigrateTables)
      var report = Report(database: DatabaseLabel(connection.endpoint), ledgers: ledgers, unreadable: unreadable)
      switch folder {
      case .golangMigrate(let definitions):
        for ledger in ledgers where ledger.tool == .golangMigrate {
          guard let dirty = ledger.entries(.failed).first.flatMap({ Int($0.version) }) else { continue }
          let scope = GolangMigrateVerdict.scope(dirty: dirty, definitions: definitions)
          let catalog = try CatalogReader(connection: connection, scope: scope).read().catalog
          report.verdicts[ledger.table] = GolangMigrateVerdict.decide(dirty: dirty, definitions: definitions, catalog: catalog)
        }
      case .unrecording(let files):
        for index in report.ledgers.indices where [.dbmate, .goose].contains(report.ledgers[index].tool) {
          let ledger = report.ledgers[index]
          let catalog = try CatalogReader(connection: connection, scope: UnrecordedMigrations.scope(ledger, files: files)).read().catalog
          let unrecorded = UnrecordedMigrations.unrecorded(ledger, files: files, catalog: catalog)
          report.unrecorded[ledger.table] = unrecorded
          report.ledgers[index].entries += UnrecordedMigrations.pending(ledger.tool, unrecorded)
        }
      case .prisma, .sqitch, .flyway, .atlas:
        guard let failing = folder?.failing else { break }
        for ledger in ledgers where ledger.tool == failing.tool {
          let catalog = try CatalogReader(connection: connection, scope: failing.files.scope(ledger)).read().catalog
          report.failed[ledger.table] = failing.files.analyses(ledger, catalog: catalog)
          if case .flyway(let files) = folder { report.checksums[ledger.table] = FlywayResolve.mismatches(ledger, files: files) }
        }
      case .alembic(let revisions):
        if !report.ledgers.contains(where: { $0.tool == .alembic }) {
          // No alembic_version at all (a schema made without Alembic): an empty ledger to test.
          report.ledgers.append(ToolLedger(tool: .alembic, table: AlembicStamp.table, entries: []))
        }
        let catalog = try CatalogReader(connection: connection, scope: AlembicStamp.scope(revisions)).read().catalog
        let analyses = AlembicStamp.analyses(revisions, catalog: catalog)
        for ledger in report.ledgers where ledger.tool == .alembic {
          report.extra[ledger.table] = AlembicStamp.finding(ledger, revisions: revisions, analyses: analyses).map { [$0] } ?? []
        }
      case nil: break
      }
      return report
    }
  }
}
