import Foundation
import PostgresClient
import TestSupport
import Testing

@testable import RBShellPostgres

/// Runs of catalog-only migrations (drops, renames, comments) share one transaction: still one
/// ledger row and its own start time each, a failure recorded as running alone would record it,
/// and never a lock held while queueing behind an application.
@Suite(.enabled(if: TestEnvironment.databaseTestsEnabled, "needs PostgreSQL: run scripts/test"))
struct SharedTransactionTests {
  /// 1 → … → count, each creating table dN; downs drop it (`down` overrides one).
  func chain(_ count: Int, down: [Int: String] = [:]) throws -> MigrationFolder {
    let folder = try MigrationFolder()
    for id in 1...count {
      try folder.add(
        "frontend", id, name: "d\(id)", parents: id == 1 ? [] : [id - 1], up: "CREATE TABLE d\(id) (id int);", down: down[id] ?? "DROP TABLE d\(id);")
    }
    return folder
  }

  func arguments(_ db: TestDatabase, _ folder: MigrationFolder, _ command: [String]) -> [String] {
    command + ["--db", "frontend", "--dsn", db.dsn, "--migrations", folder.migrations.path, "--yes"]
  }

  func tables(_ db: TestDatabase) throws -> [Int] {
    try db.connect().query("SELECT substr(relname, 2)::int FROM pg_class WHERE relname ~ '^d[0-9]+$' AND relkind = 'r' ORDER BY 1").rows.compactMap {
      Int($0[0] ?? "")
    }
  }

  /// 60 drops share two transactions (50 and 9); drops followed by a `SELECT` run one per
  /// transaction. Either way each row has its own start: in a multi-statement query `now()` is
  /// the query's arrival for every transaction in it.
  @Test(arguments: [("", 2), ("\nSELECT 1;", 0)])
  func aRunOfMigrationsKeepsARowAndItsOwnTimesEach(suffix: String, sharedTransactions: Int) throws {
    let db = try TestDatabase()
    defer { db.drop() }
    let folder = try chain(60, down: Dictionary(uniqueKeysWithValues: (1...60).map { ($0, "DROP TABLE d\($0);" + suffix) }))
    #expect(try WriteTest.rbshell(arguments(db, folder, ["up"])).status == 0)
    let log = FileManager.default.temporaryDirectory.appending(path: "rbshell-statements-\(UUID().uuidString).sql")
    defer { try? FileManager.default.removeItem(at: log) }
    let run = try RBShellRun.run(
      arguments(db, folder, ["downto", "--target", "1"]), environment: ["RBSHELL_LOG_SQL": log.path, "RBSHELL_AUDIT_LOG": "/dev/null"],
      removing: ["RBSHELL_MIGRATIONS"])
    #expect(run.status == 0, "stderr: \(run.stderr)")
    #expect(run.stderr.split(separator: "\n").filter { $0.hasPrefix("[") && $0.contains(" … ok (") }.count == 59, "stderr: \(run.stderr)")
    let statements = try String(contentsOf: log, encoding: .utf8)
    #expect(statements.components(separatedBy: "\nBEGIN;\nSET LOCAL lock_timeout").count - 1 == sharedTransactions)
    #expect(try tables(db) == [1])
    let rows = try db.connect().query(
      """
      SELECT version, extract(epoch FROM started_at), extract(epoch FROM finished_at) FROM migration_logs
      WHERE NOT up ORDER BY id
      """
    ).rows.map { (Int($0[0]!)!, Double($0[1]!)!, Double($0[2]!)!) }
    #expect(rows.map(\.0) == Array((2...60).reversed()))
    #expect(rows.allSatisfy { $0.1 <= $0.2 })
    for (earlier, later) in zip(rows, rows.dropFirst()) {
      #expect(later.1 >= earlier.2, "migration \(later.0) started before \(earlier.0) finished: each has its own start, not the transaction's")
    }
    #expect(Set(rows.map(\.1)).count == rows.count)
  }

  @Test func aFailureInASharedTransactionCommitsTheOnesBeforeAndIsRecordedAlone() throws {
    let db = try TestDatabase()
    defer { db.drop() }
    let folder = try chain(10, down: [6: "COMMENT ON TABLE d6 IS 'going';\nDROP TABLE d6;\nDROP TABLE no_such_table;"])
    #expect(try WriteTest.rbshell(arguments(db, folder, ["up"])).status == 0)
    let run = try WriteTest.rbshell(arguments(db, folder, ["downto", "--target", "1"]))
    #expect(run.status == 1, "stderr: \(run.stderr)")
    #expect(run.stderr.contains("migration 6 (d6, down) failed at line 3 of its down.sql: ERROR 42P01"), "stderr: \(run.stderr)")
    #expect(try WriteTest.rows(db).suffix(5) == ["10 down true", "9 down true", "8 down true", "7 down true", "6 down false"])
    #expect(try tables(db) == [1, 2, 3, 4, 5, 6])
    #expect(try WriteTest.applied(db) == [1, 2, 3, 4, 5, 6])
  }

  /// An application holds a lock on the table migration 5 drops: the shared transaction gives
  /// way (within its lock timeout), commits 10 … 6, and 5 waits alone, holding nothing else,
  /// then goes through when the application lets go. No failure is recorded.
  @Test func aBusyTableMakesTheSharedTransactionCommitAndWaitAlone() throws {
    let db = try TestDatabase()
    defer { db.drop() }
    let folder = try chain(10)
    #expect(try WriteTest.rbshell(arguments(db, folder, ["up"])).status == 0)
    let application = try db.connect()
    try application.run("BEGIN")
    try application.run("LOCK TABLE d5 IN ACCESS SHARE MODE")
    let writer = try WriterProcess(arguments(db, folder, ["downto", "--target", "1"]))
    let admin = try db.connect()
    try waitFor("rbshell to wait alone for d5's lock, 10 … 6 committed") {
      try WriteTest.rows(db).suffix(5) == ["10 down true", "9 down true", "8 down true", "7 down true", "6 down true"]
        && admin.query(
          "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND application_name = 'rbshell' AND datname = current_database()"
        ).scalar == "1"
    }
    let held = try admin.query(
      """
      SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a USING (pid)
      WHERE a.application_name = 'rbshell' AND l.locktype = 'relation' AND l.granted AND l.mode = 'AccessExclusiveLock'
      """
    ).scalar
    #expect(held == "0", "rbshell holds another migration's lock while it waits")
    try application.run("COMMIT")
    #expect(writer.wait() == 0, "stderr: \(writer.stderr)")
    #expect(try WriteTest.rows(db).filter { $0.hasSuffix("false") }.isEmpty)
    #expect(try tables(db) == [1])
  }

  @Test func catalogOnlyRunsAreGroupedUpToTheLimitAndOthersRunAlone() {
    let flags = [true, true, false, true] + Array(repeating: true, count: 120) + [false, false]
    let groups = MigrationSequence.groups(flags)
    #expect(groups == [0..<2, 2..<3, 3..<53, 53..<103, 103..<124, 124..<125, 125..<126])
    #expect(MigrationSequence.groups([]) == [])
    #expect(MigrationSequence.groups([true]) == [0..<1])
  }
}
