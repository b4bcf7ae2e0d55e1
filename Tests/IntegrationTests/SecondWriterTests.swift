import Foundation
import Migrations
import PostgresClient
import TestSupport
import Testing

/// Writes with a second writer at work: decisions are made again under the migrator's lock, and
/// after the lock was released around a concurrent index build.
@Suite(.enabled(if: TestEnvironment.databaseTestsEnabled, "needs PostgreSQL: run scripts/test"))
struct SecondWriterTests {
  let lockKey = String(Schema.frontend.lockKey)

  /// 1 creates t and log; 2 builds an index on t concurrently; 3 is `third`.
  func folder(third: String = "CREATE TABLE t3 (id int);") throws -> MigrationFolder {
    let folder = try MigrationFolder()
    try folder.add("frontend", 1, name: "base", up: "CREATE TABLE t (id int);\nCREATE TABLE log (n int);", down: "DROP TABLE log;\nDROP TABLE t;")
    try folder.add(
      "frontend", 2, name: "t index", parents: [1], up: "CREATE INDEX CONCURRENTLY t_id ON t (id);",
      down: "DROP INDEX CONCURRENTLY IF EXISTS t_id;", metadata: "createIndexConcurrently: true\n")
    try folder.add("frontend", 3, name: "third", parents: [2], up: third, down: "SELECT 1;")
    return folder
  }

  func rbshell(_ db: TestDatabase, _ folder: MigrationFolder, _ arguments: [String]) -> [String] {
    arguments + ["--db", "frontend", "--dsn", db.dsn, "--migrations", folder.migrations.path]
  }

  /// What another migrator does: a row for `version` (success true, or false with an error).
  func recordAsAnotherMigrator(_ connection: Connection, version: Int, success: Bool) throws {
    try connection.query(
      """
      INSERT INTO migration_logs (migration_logs_schema_version, schema, version, up, started_at, finished_at, success, error_message)
      VALUES (2, 'schema_migrations', $1, true, now(), now(), $2, $3)
      """, [String(version), success ? "true" : "false", success ? nil : "failed to apply migration \(version): boom"])
  }

  /// rbshell has planned and now polls for the lock (it says so once, on stderr).
  func waitingForTheLock(_ writer: WriterProcess) -> Bool {
    writer.stderr.contains("waiting for the frontend migration lock")
  }

  @Test func aFailureRecordedWhileWaitingForTheLockStopsThePlan() throws {
    let db = try TestDatabase()
    defer { db.drop() }
    let folder = try folder()
    #expect(try WriteTest.rbshell(rbshell(db, folder, ["upto", "--target", "1", "--yes"])).status == 0)
    let other = try db.connect()
    let admin = try db.connect()
    try other.query("SELECT pg_advisory_lock($1::int, 0)", [lockKey])
    let writer = try WriterProcess(rbshell(db, folder, ["up", "--yes", "--lock-timeout", "30"]))
    try waitFor("rbshell to wait for the lock") { waitingForTheLock(writer) }
    try recordAsAnotherMigrator(other, version: 3, success: false)
    try other.query("SELECT pg_advisory_unlock($1::int, 0)", [lockKey])
    #expect(writer.wait() == 4, "stderr: \(writer.stderr)")
    #expect(writer.stderr.contains("dirty database: schema \"frontend\" has migrations this plan runs over (failed: 3)"))
    #expect(try WriteTest.rows(db) == ["1 up true", "3 up false"])
    #expect(try admin.query("SELECT to_regclass('t_id') IS NULL AND to_regclass('t3') IS NULL").scalar == "t")
  }

  /// A ledger-only repair is a runner request too: decided again under the lock.
  @Test func aMarkAppliedWhoseMigrationWasRepairedMeanwhileWritesNothing() throws {
    let db = try TestDatabase()
    defer { db.drop() }
    let folder = try folder()
    #expect(try WriteTest.rbshell(rbshell(db, folder, ["upto", "--target", "1", "--yes"])).status == 0)
    let other = try db.connect()
    try other.run("CREATE TABLE t3 (id int)")
    try recordAsAnotherMigrator(other, version: 3, success: false)
    try other.query("SELECT pg_advisory_lock($1::int, 0)", [lockKey])
    let writer = try WriterProcess(rbshell(db, folder, ["repair", "mark-applied", "--version", "3", "--yes", "--lock-timeout", "30"]))
    try waitFor("rbshell to wait for the lock") { waitingForTheLock(writer) }
    try recordAsAnotherMigrator(other, version: 3, success: true)
    try other.query("SELECT pg_advisory_unlock($1::int, 0)", [lockKey])
    #expect(writer.wait() == 4, "stderr: \(writer.stderr)")
    #expect(writer.stderr.contains("changed after the preview: migration 3 is neither failed nor pending"), "stderr: \(writer.stderr)")
    #expect(try WriteTest.rows(db) == ["1 up true", "3 up false", "3 up true"])
  }

  /// Another writer applies migration 3 while rbshell builds 2's index with the lock released.
  func lockDroppedAroundTheIndexBuild(third: String) throws -> (TestDatabase, WriterProcess) {
    let db = try TestDatabase()
    let folder = try folder(third: third)
    #expect(try WriteTest.rbshell(rbshell(db, folder, ["upto", "--target", "1", "--yes"])).status == 0)
    let blocker = try db.connect()
    let other = try db.connect()
    let admin = try db.connect()
    try blocker.run("BEGIN")
    try blocker.run("INSERT INTO t VALUES (1)")
    let writer = try WriterProcess(rbshell(db, folder, ["up", "--yes"]))
    try waitFor("the concurrent build to wait for the open transaction (rbshell: \(writer.stderr))") {
      try admin.query(
        "SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'CREATE INDEX CONCURRENTLY%' AND wait_event_type = 'Lock' AND datname = current_database()"
      ).scalar == "1"
    }
    try other.query("SELECT pg_advisory_lock($1::int, 0)", [lockKey])
    try other.transaction { c in
      try c.execute(third)
      try recordAsAnotherMigrator(c, version: 3, success: true)
    }
    try other.query("SELECT pg_advisory_unlock($1::int, 0)", [lockKey])
    try blocker.run("COMMIT")
    #expect(writer.wait() == 0, "stderr: \(writer.stderr)")
    return (db, writer)
  }

  @Test func aStepAppliedWhileTheLockWasReleasedIsNotRunAgain() throws {
    let (db, writer) = try lockDroppedAroundTheIndexBuild(third: "INSERT INTO log VALUES (3);")
    defer { db.drop() }
    #expect(writer.stderr.contains("skipped up 3 third: another session completed it while the lock was released"))
    #expect(try db.connect().query("SELECT count(*) FROM log").scalar == "1")
    #expect(try WriteTest.rows(db) == ["1 up true", "2 up true", "3 up true"])
    #expect(try RBShellRun.run(["status", "--dsn", db.dsn, "--db", "frontend"]).status == 0)
  }

  @Test func aNonIdempotentStepAppliedMeanwhileIsNotRecordedAsFailed() throws {
    let (db, writer) = try lockDroppedAroundTheIndexBuild(third: "CREATE TABLE t3 (id int);")
    defer { db.drop() }
    #expect(!writer.stderr.contains("failed"))
    #expect(try WriteTest.rows(db) == ["1 up true", "2 up true", "3 up true"])
    #expect(try RBShellRun.run(["status", "--dsn", db.dsn, "--db", "frontend"]).status == 0)
  }

  @Test func ctrlCEndsTheLockWaitAtOnceAndWritesNothing() throws {
    let db = try TestDatabase()
    defer { db.drop() }
    let folder = try folder()
    let holder = try db.connect()
    try holder.query("SELECT pg_advisory_lock($1::int, 0)", [lockKey])
    let writer = try WriterProcess(rbshell(db, folder, ["up", "--yes", "--lock-timeout", "60"]))
    try waitFor("rbshell to wait for the lock") { waitingForTheLock(writer) }
    let interrupted = Date()
    writer.signal(SIGINT)
    #expect(writer.wait(timeout: 10) == 130, "stderr: \(writer.stderr)")
    #expect(Date().timeIntervalSince(interrupted) < 1.5)
    #expect(writer.stderr.contains("interrupted: nothing was written"))
    #expect(try WriteTest.fingerprint(db)[0] == "no ledger")
  }

  @Test func durationsMustBeFiniteAndAtMostADay() throws {
    let db = try TestDatabase()
    defer { db.drop() }
    let folder = try folder()
    for bad in [
      ["--lock-timeout", "inf"], ["--lock-timeout", "1e19"], ["--lock-timeout", "nan"], ["--lock-timeout", "-1"],
      ["--statement-timeout", "2d"], ["--ddl-lock-timeout", "soon"],
    ] {
      let run = try WriteTest.rbshell(rbshell(db, folder, ["up", "--yes"] + bad))
      #expect(run.status == 64, "\(bad): \(run.stderr)")
      #expect(run.stderr.contains(bad[0]), "\(bad): \(run.stderr)")
    }
    #expect(try WriteTest.fingerprint(db)[0] == "no ledger")
  }
}
