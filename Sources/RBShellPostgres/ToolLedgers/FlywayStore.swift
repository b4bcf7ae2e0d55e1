import Migrations
import PostgresClient
import RBShellCore

/// Flyway's `flyway_schema_history` for the write runner: read with the catalog its failed
/// migrations' files need, locked with Flyway's own advisory key for the table (so a running
/// `flyway migrate` and rbshell exclude each other), and changed one row at a time — never
/// `flyway repair`'s all-at-once — in one transaction, only while the history still holds what
/// was decided on.
public final class FlywayStore: ToolLedgerStore {
  let connection: Connection
  let found: ToolLedgerReader.Found
  let files: [FlywayLayoutReader.File]
  let key: Int64
  private var held: [Int64] = []
  public let database: DatabaseLabel

  /// - Throws: `ToolLedgerMissing` when there is no Flyway history table, or several.
  public init(connection: Connection, files: [FlywayLayoutReader.File]) throws {
    self.connection = connection
    let tables = try ToolLedgerReader(connection: connection).tables(of: .flyway)
    guard tables.count == 1, let found = tables.first else { throw ToolLedgerMissing(tool: .flyway, table: nil, candidates: tables.map(\.shown)) }
    self.found = found
    self.files = files
    key = FlywayResolve.lockKey(schema: found.schema, table: found.name)
    database = DatabaseLabel(connection.endpoint)
  }

  private var lock: ToolLock { ToolLock(connection: connection, keys: [key]) }

  public var lockName: String { "Flyway's lock on \(found.shown) (advisory key \(key))" }
  public func tryLock() throws -> Bool { try lock.tryAcquire(holding: &held) }
  public func lockHolder() throws -> String { try lock.holder() }
  public func unlock() { lock.release(&held) }

  public func read() throws -> ToolLedgerEvidence {
    try connection.snapshotTransaction {
      guard let ledger = try ToolLedgerReader(connection: connection).read(only: .flyway).first(where: { $0.table == found.shown }) else {
        throw ToolLedgerMissing(tool: .flyway, table: found.shown, candidates: [])
      }
      let catalog = try CatalogReader(connection: connection, scope: FlywayResolve.failing(files).scope(ledger)).read().catalog
      return ToolLedgerEvidence(ledger: ledger, rows: try rows(connection), catalog: catalog)
    }
  }

  private func rows(_ c: Connection) throws -> [String] {
    try c.query(ToolLedgerQueries.flyway(found.qualified)).records.map {
      FlywayResolve.words(
        rank: Int(try $0.requiredString("installed_rank")) ?? 0, version: try $0.requiredString("version"), success: try $0.requiredBool("success"))
    }
  }

  public func statements(for edit: LedgerEdit) -> [String] {
    guard case .flywayResolve(let rank, let resolution, let checksum) = edit.change else { return [] }
    return resolution == .rolledBack
      ? ["DELETE FROM \(found.qualified) WHERE installed_rank = \(rank) AND NOT success"]
      : ["UPDATE \(found.qualified) SET success = true, checksum = \(checksum) WHERE installed_rank = \(rank) AND NOT success"]
  }

  public func apply(_ edit: LedgerEdit, progress: (String) -> Void) throws {
    guard case .flywayResolve = edit.change else { throw DirectWriteRefusal("\(edit.operation) is not a Flyway edit") }
    try GuardedEdit.apply(edit, on: connection, table: found, shown: found.shown, rows: rows, statements: statements(for: edit))
  }
}
