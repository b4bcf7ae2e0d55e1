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

    public var findings: [ToolLedgerFinding] { ledgers.flatMap(ToolLedgerRules.findings) }
    public var needsRepair: Bool { findings.contains { $0.severity == .error } }
  }

  public func report(only tool: LedgerTool?, golangMigrateTables: [String] = []) throws -> Report {
    let connection = try router.connect([.frontend])[.frontend]!
    let ledgers = try connection.snapshotTransaction {
      try ToolLedgerReader(connection: connection).read(only: tool, golangMigrateTables: golangMigrateTables)
    }
    return Report(database: DatabaseLabel(connection.endpoint), ledgers: ledgers)
  }
}
