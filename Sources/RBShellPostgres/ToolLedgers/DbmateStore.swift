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
  let key: Int32
  public let database: DatabaseLabel

  /// - Throws: `ToolLedgerMissing` when there is no dbmate table, or several.
  public init(connection: Connection, files: [DbmateLayoutReader.File]) throws {
    self.connection = connection
    let tables = try ToolLedgerReader(connection: connection).tables(of: .dbmate)
    guard tables.count == 1, let found = tables.first else { throw ToolLedgerMissing(tool: .dbmate, table: nil, candidates: tables.map(\.shown)) }
    self.found = found
    self.files = files
    key = AdvisoryLockKey.forLedger("dbmate:\(found.shown)")
    database = DatabaseLabel(connection.endpoint)
  }

  public var lockName: String { "rbshell's lock for dbmate's \(found.shown) (advisory key \(key), 0; dbmate itself takes none)" }

  public func tryLock() throws -> Bool {
    try connection.query("SELECT pg_try_advisory_lock($1::int, 0)", [String(key)]).scalar == "t"
  }

  public func lockHolder() throws -> String {
    let rows = try connection.query(
      """
      SELECT l.pid, a.application_name, a.client_addr::text AS client, a.state,
             to_char(a.backend_start AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS since
      FROM pg_locks l LEFT JOIN pg_stat_activity a ON a.pid = l.pid
      WHERE l.locktype = 'advisory' AND l.granted AND l.classid = $1::int::oid AND l.objid = 0 AND l.objsubid = 2
        AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
      """, [String(key)]
    ).records
    return try MigrationLock.describe(rows.first)
  }

  public func unlock() {
    _ = try? connection.query("SELECT pg_advisory_unlock($1::int, 0)", [String(key)])
  }

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

  public func apply(_ edit: LedgerEdit) throws {
    guard case .runThenRecord = edit.change else { throw DirectWriteRefusal("\(edit.operation) is not a dbmate edit") }
    try connection.transaction { c in
      try c.run("LOCK TABLE \(found.qualified) IN SHARE ROW EXCLUSIVE MODE")
      let now = try c.query("SELECT version::text FROM \(found.qualified) ORDER BY version").rows.compactMap { $0.first ?? nil }
      guard now == edit.before else {
        throw DirectWriteRefusal(
          "\(found.shown) no longer holds \(LedgerEditVerificationFailure.words(edit.before)) (now \(LedgerEditVerificationFailure.words(now)))")
      }
      for statement in statements(for: edit) { try c.execute(statement) }
    }
  }
}
