import Migrations
import PostgresClient
import RBShellCore

/// The ledger of a tool that records nothing when a migration fails — dbmate's
/// `schema_migrations(version varchar)`, goose's `goose_db_version` — for the write runner: read
/// with the catalog its unrecorded migrations need, and changed by running a migration's missing
/// statements and writing its row in one transaction, only while the table still holds what was
/// decided on. goose's own advisory keys are taken; dbmate takes none on PostgreSQL (dbmate#101),
/// so rbshell's own key for the table only keeps two rbshells apart.
public final class UnrecordingStore: ToolLockedStore {
  let connection: Connection
  let tool: LedgerTool
  let found: ToolLedgerReader.Found
  let files: [ToolMigrationFile]
  public let toolLock: ToolLock
  public let database: DatabaseLabel

  /// - Throws: `ToolLedgerMissing` when the tool has no table here, or several.
  public init(connection: Connection, tool: LedgerTool, files: [ToolMigrationFile]) throws {
    self.connection = connection
    self.tool = tool
    let found = try ToolLedgerReader(connection: connection).single(tool)
    self.found = found
    self.files = files
    let keys = tool == .goose ? KnownLocks.gooseKeys : [Int64(AdvisoryLockKey.forLedger("dbmate:\(found.shown)"))]
    let list = keys.map(String.init).joined(separator: ", ")
    toolLock = ToolLock(
      connection: connection, keys: keys,
      name: tool == .goose
        ? "goose's lock (advisory keys \(list))" : "rbshell's lock for dbmate's \(found.shown) (advisory key \(list); dbmate itself takes none)")
    database = DatabaseLabel(connection.endpoint)
  }

  public func read() throws -> ToolLedgerEvidence {
    try ToolLedgerReader(connection: connection).evidence(in: found, scope: { UnrecordedMigrations.scope($0, files: files) }, rows: rows)
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
