import Migrations
import PostgresClient
import RBShellCore

/// The steps that run no migration SQL, each checking its precondition again in the same
/// transaction or statement as its write, so a change since the runner's re-plan writes nothing.
struct DirectWriteSQL {
  let connection: Connection
  let ledger: LedgerWriter

  /// add-log, mark-applied, mark-reverted: one finished, successful row.
  func recordOnly(_ step: PlanStep) throws -> StepResult {
    let id = try ledger.record(version: step.definition.id, up: step.up, success: true)
    return StepResult(insertedRowID: id)
  }

  /// undo-last: deletes the rows only while they are still the newest of their migration.
  func takeBack(rowIDs: [Int], version: Int) throws -> StepResult {
    let ids = "{" + rowIDs.map(String.init).joined(separator: ",") + "}"
    try connection.transaction { c in
      let newest = try c.query(
        "SELECT max(id) AS newest, count(*) FILTER (WHERE id = ANY($3::int[])) AS found FROM migration_logs WHERE schema = $1 AND version = $2",
        [ledger.schema.ledgerName, String(version), ids]
      ).records[0]
      guard try newest.requiredInt("found") == rowIDs.count else {
        throw DirectWriteRefusal("the rows that repair wrote are no longer in migration_logs")
      }
      guard try newest.int("newest") == rowIDs.max() else {
        throw DirectWriteRefusal("migration \(version) has a newer ledger row than the repair's (something ran since)")
      }
      try c.query("DELETE FROM migration_logs WHERE id = ANY($1::int[])", [ids])
    }
    return StepResult()
  }

  /// clear-dirty: one guarded statement that changes the row only if it still says
  /// (V, dirty), under golang-migrate's own lock as well (a pre-3.37 frontend holds it while it
  /// migrates).
  func clearLegacyFlag(_ repair: LegacyFlagRepair) throws -> StepResult {
    try holdingGolangMigrateLocks(table: ledger.schema.ledgerName) {
      try connection.transaction { c in
        guard try c.query(Self.sql(repair)).commandTag.hasSuffix(" 1") else {
          throw DirectWriteRefusal("\(repair.table) no longer says (\(repair.dirtyVersion), dirty)")
        }
      }
    }
    return StepResult()
  }

  /// drop-invalid-index: `DROP INDEX CONCURRENTLY` (the table stays writable), only while the
  /// index is still invalid (unless forced) and no build of it runs.
  func dropIndex(_ target: IndexTarget) throws -> StepResult {
    let rows = try connection.query(
      """
      SELECT i.indisvalid, EXISTS (SELECT 1 FROM pg_stat_progress_create_index p WHERE p.index_relid = c.oid) AS building
      FROM pg_class c JOIN pg_index i ON i.indexrelid = c.oid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND c.relname = $2
      """, [target.namespace, target.name]
    ).records
    let name = Quoting.qualified(target.namespace, target.name)
    guard let row = rows.first else { throw DirectWriteRefusal("index \(name) does not exist") }
    if try row.requiredBool("building") { throw DirectWriteRefusal("index \(name) is being built right now (pg_stat_progress_create_index)") }
    if try row.requiredBool("indisvalid"), !target.force { throw DirectWriteRefusal("index \(name) is valid: there is nothing to repair") }
    try connection.run("DROP INDEX CONCURRENTLY IF EXISTS \(name)")
    return StepResult()
  }

  /// The SQL clear-dirty shows and runs (versions are integers, the table is quoted): an
  /// UPDATE to the clean version, or a DELETE that empties the table when none is applied.
  static func sql(_ repair: LegacyFlagRepair) -> String {
    let table = Quoting.identifier(repair.table)
    guard let clean = repair.cleanVersion else {
      return "DELETE FROM \(table) WHERE version = \(repair.dirtyVersion) AND dirty"
    }
    return "UPDATE \(table) SET version = \(clean), dirty = false WHERE version = \(repair.dirtyVersion) AND dirty"
  }

  private func holdingGolangMigrateLocks<T>(table: String, _ body: () throws -> T) throws -> T {
    let database = try connection.query("SELECT current_database()").scalar ?? ""
    var held: [Int64] = []
    defer { for key in held { _ = try? connection.query("SELECT pg_advisory_unlock($1::bigint)", [String(key)]) } }
    for key in KnownLocks.golangMigrateKeys(database: database, table: table) {
      guard try connection.query("SELECT pg_try_advisory_lock($1::bigint)", [String(key)]).scalar == "t" else {
        throw GolangMigrateLockBusy(key: key)
      }
      held.append(key)
    }
    return try body()
  }
}

extension LegacyFlagRepair {
  /// The statement clear-dirty runs, for the preview.
  public var sql: String { DirectWriteSQL.sql(self) }
}

/// A golang-migrate session (a pre-3.37 frontend migrating) holds its advisory lock.
public struct GolangMigrateLockBusy: Error, CustomStringConvertible {
  public var key: Int64

  public var description: String {
    "golang-migrate's lock (advisory key \(key)) is held: a pre-3.37 frontend may be migrating right now (rbshell diagnose names the session); nothing was written"
  }
}
