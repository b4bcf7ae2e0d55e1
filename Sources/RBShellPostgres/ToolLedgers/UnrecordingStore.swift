import Migrations
import PostgresClient
import RBShellCore

/// The ledger of a tool that records nothing when a migration fails — dbmate's
/// `schema_migrations(version varchar)`, goose's `goose_db_version` — for the write runner: read
/// with the catalog its unrecorded migrations need, and changed by running a migration's missing
/// statements and writing its row in one transaction, only while the table still holds what was
/// decided on. goose's own advisory keys are taken; dbmate takes none on PostgreSQL (dbmate#101),
/// so rbshell's own key for the table only keeps two rbshells apart.
public final class UnrecordingStore: ToolLedgerStore {
  let connection: Connection
  let tool: LedgerTool
  let found: ToolLedgerReader.Found
  let files: [ToolMigrationFile]
  let keys: [Int64]
  private var held: [Int64] = []
  public let database: DatabaseLabel

  /// - Throws: `ToolLedgerMissing` when the tool has no table here, or several.
  public init(connection: Connection, tool: LedgerTool, files: [ToolMigrationFile]) throws {
    self.connection = connection
    self.tool = tool
    let tables = try ToolLedgerReader(connection: connection).tables(of: tool)
    guard tables.count == 1, let found = tables.first else { throw ToolLedgerMissing(tool: tool, table: nil, candidates: tables.map(\.shown)) }
    self.found = found
    self.files = files
    keys = tool == .goose ? KnownLocks.gooseKeys : [Int64(AdvisoryLockKey.forLedger("dbmate:\(found.shown)"))]
    database = DatabaseLabel(connection.endpoint)
  }

  private var lock: ToolLock { ToolLock(connection: connection, keys: keys) }

  public var lockName: String {
    let list = keys.map(String.init).joined(separator: ", ")
    return tool == .goose
      ? "goose's lock (advisory keys \(list))" : "rbshell's lock for dbmate's \(found.shown) (advisory key \(list); dbmate itself takes none)"
  }
  public func tryLock() throws -> Bool { try lock.tryAcquire(holding: &held) }
  public func lockHolder() throws -> String { try lock.holder() }
  public func unlock() { lock.release(&held) }

  public func read() throws -> ToolLedgerEvidence {
    try connection.snapshotTransaction {
      guard let ledger = try ToolLedgerReader(connection: connection).read(only: tool).first(where: { $0.table == found.shown }) else {
        throw ToolLedgerMissing(tool: tool, table: found.shown, candidates: [])
      }
      let catalog = try CatalogReader(connection: connection, scope: UnrecordedMigrations.scope(ledger, files: files)).read().catalog
      return ToolLedgerEvidence(ledger: ledger, rows: try rows(connection), catalog: catalog)
    }
  }

  /// The versions recorded as applied, sorted as text (the words `UnrecordedMigrations` compares).
  private func rows(_ c: Connection) throws -> [String] {
    try ToolLedgerReader(connection: c).read(only: tool).first { $0.table == found.shown }?.entries(.applied).map(\.version).sorted() ?? []
  }

  public func statements(for edit: LedgerEdit) -> [String] {
    switch edit.change {
    case .runThenRecord(let statements, let version):
      statements
        + [
          tool == .goose
            ? "INSERT INTO \(found.qualified) (version_id, is_applied) VALUES (\(Int(version) ?? 0), true)"
            : "INSERT INTO \(found.qualified) (version) VALUES (\(Quoting.literal(version)))"
        ]
    default: []
    }
  }

  public func apply(_ edit: LedgerEdit, progress: (String) -> Void) throws {
    guard case .runThenRecord = edit.change else { throw DirectWriteRefusal("\(edit.operation) is not a \(tool.displayName) edit") }
    try GuardedEdit.apply(edit, on: connection, table: found, shown: found.shown, rows: rows, statements: statements(for: edit))
  }
}
