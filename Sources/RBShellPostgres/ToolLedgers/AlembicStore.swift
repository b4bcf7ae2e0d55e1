import Migrations
import PostgresClient
import RBShellCore

/// Alembic's `alembic_version` (in `public`; made as Alembic makes it when missing) for the write
/// runner: read with the catalog every revision's offline SQL needs, and stamped in one guarded
/// transaction. Alembic takes no lock, so rbshell's own advisory key for the table only keeps two
/// rbshells apart.
public final class AlembicStore: ToolLockedStore {
  let connection: Connection
  let revisions: [AlembicOfflineReader.Revision]
  public let toolLock: ToolLock
  public let database: DatabaseLabel
  static let qualified = Quoting.qualified("public", "alembic_version")

  public init(connection: Connection, revisions: [AlembicOfflineReader.Revision]) {
    self.connection = connection
    self.revisions = revisions
    let key = Int64(AdvisoryLockKey.forLedger("alembic:\(AlembicStamp.table)"))
    toolLock = ToolLock(
      connection: connection, keys: [key], name: "rbshell's lock for \(AlembicStamp.table) (advisory key \(key); Alembic itself takes none)")
    database = DatabaseLabel(connection.endpoint)
  }

  public func read() throws -> ToolLedgerEvidence {
    try connection.snapshotTransaction {
      let rows = try rows(connection)
      let ledger = ToolLedger(
        tool: .alembic, table: AlembicStamp.table, entries: rows.map { ToolLedgerEntry(version: $0, state: .applied, words: "a current head") })
      let catalog = try CatalogReader(connection: connection, scope: AlembicStamp.scope(revisions)).read().catalog
      return ToolLedgerEvidence(ledger: ledger, rows: rows, catalog: catalog)
    }
  }

  /// The revisions `alembic_version` records (none when it does not exist).
  private func rows(_ c: Connection) throws -> [String] {
    guard try c.query("SELECT to_regclass('public.alembic_version') IS NOT NULL").scalar == "t" else { return [] }
    return try c.query("SELECT version_num FROM \(Self.qualified) ORDER BY version_num").rows.compactMap { $0.first ?? nil }
  }

  public func statements(for edit: LedgerEdit) -> [String] {
    guard case .alembicStamp(let revision) = edit.change else { return [] }
    return [
      "CREATE TABLE IF NOT EXISTS \(Self.qualified) (version_num VARCHAR(32) NOT NULL, CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num))",
      "DELETE FROM \(Self.qualified)",
    ] + (revision.map { ["INSERT INTO \(Self.qualified) (version_num) VALUES (\(Quoting.literal($0)))"] } ?? [])
  }

  public func apply(_ edit: LedgerEdit, progress: (String) -> Void) throws {
    guard case .alembicStamp = edit.change else { throw DirectWriteRefusal("\(edit.operation) is not an Alembic edit") }
    try GuardedEdit.apply(edit, on: connection, table: nil, shown: AlembicStamp.table, rows: rows, statements: statements(for: edit))
  }
}
