import Migrations
import PostgresClient
import RBShellCore

/// Sqitch's registry (`sqitch.changes`, `sqitch.events`) for the write runner: read with the
/// catalog its failed changes' scripts need, locked with Sqitch's own advisory key (75474063, so
/// a running `sqitch deploy` and rbshell exclude each other). Its edits run statements over the
/// database and leave the registry as it is; they run only while the registry still says what
/// was decided on.
public final class SqitchStore: ToolLockedStore {
  let connection: Connection
  let changes: [SqitchProjectReader.Change]
  public let toolLock: ToolLock
  public let database: DatabaseLabel

  /// - Throws: `ToolLedgerMissing` when the database has no Sqitch registry.
  public init(connection: Connection, changes: [SqitchProjectReader.Change]) throws {
    self.connection = connection
    guard try !ToolLedgerReader(connection: connection).tables(of: .sqitch).isEmpty else {
      throw ToolLedgerMissing(tool: .sqitch, table: nil, candidates: [])
    }
    self.changes = changes
    toolLock = ToolLock(connection: connection, keys: [KnownLocks.sqitchKey], name: "Sqitch's lock (advisory key \(KnownLocks.sqitchKey))")
    database = DatabaseLabel(connection.endpoint)
  }

  public func read() throws -> ToolLedgerEvidence {
    try connection.snapshotTransaction { try evidence() }
  }

  private func evidence() throws -> ToolLedgerEvidence {
    guard let ledger = try ToolLedgerReader(connection: connection).read(only: .sqitch).first else {
      throw ToolLedgerMissing(tool: .sqitch, table: nil, candidates: [])
    }
    let catalog = try CatalogReader(connection: connection, scope: SqitchLeftovers.failing(changes).scope(ledger)).read().catalog
    return ToolLedgerEvidence(ledger: ledger, rows: ledger.entries.map(SqitchLeftovers.words), catalog: catalog)
  }

  public func statements(for edit: LedgerEdit) -> [String] {
    guard case .runTolerant(let statements) = edit.change else { return [] }
    return statements
  }

  public func apply(_ edit: LedgerEdit, progress: (String) -> Void) throws {
    guard case .runTolerant(let statements) = edit.change else { throw DirectWriteRefusal("\(edit.operation) is not a Sqitch edit") }
    try connection.transaction { c in
      let now = try ToolLedgerReader(connection: c).read(only: .sqitch).first?.entries.map(SqitchLeftovers.words) ?? []
      guard now == edit.before else {
        throw DirectWriteRefusal(
          "the Sqitch registry no longer says \(LedgerEditVerificationFailure.words(edit.before)) (now \(LedgerEditVerificationFailure.words(now)))")
      }
      for statement in statements {
        try c.run("SAVEPOINT rbshell_statement")
        do {
          try c.execute(statement)
          try c.run("RELEASE SAVEPOINT rbshell_statement")
        } catch let error as PostgresError where error.sqlState.map(StepSQL.missingObjectStates.contains) == true {
          try c.run("ROLLBACK TO SAVEPOINT rbshell_statement")
        }
      }
    }
  }
}
