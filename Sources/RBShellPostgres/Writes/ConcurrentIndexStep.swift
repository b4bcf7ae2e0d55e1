import Migrations
import PostgresClient
import RBShellCore

/// A `CREATE INDEX CONCURRENTLY` migration, run as the migrator runs it: a valid index is just
/// recorded; an invalid leftover is dropped with the down SQL (recorded as a revert) and
/// rebuilt; the build runs outside a transaction after a committed pending row, with the schema
/// lock released meanwhile.
struct ConcurrentIndexStep {
  let connection: Connection
  let ledger: LedgerWriter
  let lock: MigrationLock
  let lockTimeout: Double

  typealias FailureBuilder = (PlanStep, Schema, PostgresError, [PlanStep], LedgerWriter) throws -> StepFailure

  func run(_ step: PlanStep, completed: [PlanStep], failure: FailureBuilder) throws -> String? {
    guard let index = step.definition.concurrentIndex else { return nil }
    let status = try indexStatus(index.indexName)
    if status == .valid {
      try ledger.record(version: step.definition.id, up: true, success: true)
      return "index \(index.indexName) already exists and is valid: recorded"
    }
    var note: String?
    if status == .invalid {
      try connection.transaction { c in
        let id = try ledger.start(version: step.definition.id, up: false)
        try c.execute(step.definition.downQuery)
        try ledger.finish(id: id, success: true)
      }
      note = "dropped the INVALID leftover index \(index.indexName) and rebuilt it"
    }
    let id = try ledger.start(version: step.definition.id, up: true)
    lock.release()
    if let error = build(step.sql) {
      guard error.sqlState == .duplicateTable else {
        if connection.isAlive {
          try ledger.finish(id: id, success: false, error: LedgerWriter.errorMessage(version: step.definition.id, sql: step.sql, error: error))
        }
        try? lock.acquire(timeout: lockTimeout) { _ in }
        throw try failure(step, ledger.schema, error, completed, ledger)
      }
      note = "index \(index.indexName) was created concurrently by another session"
    }
    try ledger.finish(id: id, success: true)
    try lock.acquire(timeout: lockTimeout) { _ in }
    return note
  }

  /// Runs the build outside any transaction; returns its error instead of throwing.
  private func build(_ sql: String) -> PostgresError? {
    do {
      try connection.execute(sql)
      return nil
    } catch {
      return error
    }
  }

  enum Status { case missing, valid, invalid, building }

  func indexStatus(_ name: String) throws -> Status {
    let rows = try connection.query("""
      SELECT i.indisvalid, p.phase IS NOT NULL AS building
      FROM pg_class c JOIN pg_index i ON i.indexrelid = c.oid
      LEFT JOIN pg_stat_progress_create_index p ON p.index_relid = c.oid
      WHERE c.relname = $1 AND c.relkind = 'i' AND pg_table_is_visible(c.oid)
      """, [name]).records
    guard let row = rows.first else { return .missing }
    if try row.requiredBool("building") { return .building }
    return try row.requiredBool("indisvalid") ? .valid : .invalid
  }
}
