import Migrations
import PostgresClient
import RBShellCore

/// dbmate's `schema_migrations(version varchar)` for the write runner: read with the catalog its
/// unrecorded migrations need, and changed by running a migration's missing statements and
/// writing its row in one transaction, only while the table still holds what was decided on.
/// dbmate takes no lock on PostgreSQL (dbmate#101), so rbshell's own advisory lock on the table
/// only keeps two rbshells apart.
public final class DbmateStore: ToolLedgerStore {
  let connection: Connection
  let found: ToolLedgerReader.Found
  let files: [DbmateLayoutReader.File]
  let key: Int64
  private var held: [Int64] = []
  public let database: DatabaseLabel

  /// - Throws: `ToolLedgerMissing` when there is no dbmate table, or several.
  public init(connection: Connection, files: [DbmateLayoutReader.File]) throws {
    self.connection = connection
    let tables = try ToolLedgerReader(connection: connection).tables(of: .dbmate)
    guard tables.count == 1, let found = tables.first else { throw ToolLedgerMissing(tool: .dbmate, table: nil, candidates: tables.map(\.shown)) }
    self.found = found
    self.files = files
    key = Int64(AdvisoryLockKey.forLedger("dbmate:\(found.shown)"))
    database = DatabaseLabel(connection.endpoint)
  }

  private var lock: ToolLock { ToolLock(connection: connection, keys: [key]) }

  public var lockName: String { "rbshell's lock for dbmate's \(found.shown) (advisory key \(key); dbmate itself takes none)" }
  public func tryLock() throws -> Bool { try lock.tryAcquire(holding: &held) }
  public func lockHolder() throws -> String { try lock.holder() }
  public func unlock() { lock.release(&held) }

  public func read() throws -> ToolLedgerEvidence {
    try connection.snapshotTransaction {
      guard let ledger = try ToolLedgerReader(connection: connection).read(only: .dbmate).first(where: { $0.table == found.shown }) else {
        throw ToolLedgerMissing(tool: .dbmate, table: found.shown, candidates: [])
      }
      let catalog = try CatalogReader(connection: connection, scope: DbmateRecord.scope(ledger, files: files)).read().catalog
      return ToolLedgerEvidence(ledger: ledger, rows: ledger.entries.map(\.version).sorted(), catalog: catalog)
    }
  }

  public func statements(for edit: LedgerEdit) -> [String] {
    switch edit.change {
    case .runThenRecord(let statements, let version):
      statements + ["INSERT INTO \(found.qualified) (version) VALUES (\(Quoting.literal(version)))"]
    default: []
    }
  }

  public func apply(_ edit: LedgerEdit, progress: (String) -> Void) throws {
    guard case .runThenRecord = edit.change else { throw DirectWriteRefusal("\(edit.operation) is not a dbmate edit") }
    try GuardedEdit.apply(
      edit, on: connection, table: found, shown: found.shown,
      rows: { c in try c.query("SELECT version::text FROM \(self.found.qualified) ORDER BY version").rows.compactMap { $0.first ?? nil } },
      statements: statements(for: edit))
  }
}
