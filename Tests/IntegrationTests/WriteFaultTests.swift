import Foundation
import Migrations
import PostgresClient
import TestSupport
import Testing

/// What happens when things go wrong mid-plan: never a half-applied migration, always a clear report.
@Suite(.enabled(if: TestEnvironment.databaseTestsEnabled, "needs PostgreSQL: run scripts/test"))
struct WriteFaultTests {
  /// 1 → 2 → 3 → 4, each creating table tN; 3's down sleeps after dropping t3 (the window for
  /// faults), or fails outright with `failingDown`.
  func chain(slowDown seconds: Int = 0, failingDown: Bool = false) throws -> MigrationFolder {
    let folder = try MigrationFolder()
    for id in 1...4 {
      var down = "DROP TABLE t\(id);"
      if id == 3 && seconds > 0 { down += "\nSELECT pg_sleep(\(seconds));" }
      if id == 3 && failingDown { down = "DROP TABLE t3;\nDROP TABLE no_such_table;" }
      try folder.add("frontend", id, name: "t\(id)", parents: id == 1 ? [] : [id - 1], up: "CREATE TABLE t\(id) (id int);", down: down)
    }
    return folder
  }

  func up(_ db: TestDatabase, _ folder: MigrationFolder) throws {
    let run = try WriteTest.rbshell(["up", "--db", "frontend", "--dsn", db.dsn, "--migrations", folder.migrations.path, "--yes"])
    #expect(run.status == 0, "stderr: \(run.stderr)")
  }

  func tables(_ db: TestDatabase) throws -> [String] {
    try db.connect().query("SELECT relname FROM pg_class WHERE relname ~ '^t[0-9]$' AND relkind = 'r' ORDER BY 1").rows.map { $0[0] ?? "" }
  }

  func start(_ arguments: [String]) throws -> Process {
    let process = Process()
    process.executableURL = PackagePaths.rbshell
    process.arguments = arguments
    var env = ProcessInfo.processInfo.environment
    env["RBSHELL_AUDIT_LOG"] = FileManager.default.temporaryDirectory.appending(path: "audit-\(UUID().uuidString)").path
    process.environment = env
    process.standardOutput = Pipe()
    process.standardError = Pipe()
    try process.run()
    return process
  }

  @Test func aFailingDownStopsThePlanRecordsTheFailureAndKeepsEarlierSteps() throws {
    let db = try TestDatabase()
    defer { db.drop() }
    let folder = try chain(failingDown: true)
    try up(db, folder)
    let run = try WriteTest.rbshell(["downto", "--db", "frontend", "--target", "1", "--dsn", db.dsn, "--migrations", folder.migrations.path, "--yes"])
    #expect(run.status == 1)
    #expect(run.stderr.contains("migration 3 (t3, down) failed at line 2 of its down.sql: ERROR 42P01: table \"no_such_table\" does not exist"))
    #expect(run.stderr.contains("Completed before it: 4."))
    #expect(try WriteTest.rows(db).suffix(2) == ["4 down true", "3 down false"])
    let message = try db.connect().query("SELECT error_message FROM migration_logs WHERE version = 3 AND NOT up").scalar ?? ""
    #expect(message.hasPrefix("failed to apply migration 3:\n```\nDROP TABLE t3;"))
    #expect(message.contains("(SQLSTATE 42P01)"))
    #expect(try tables(db) == ["t1", "t2", "t3"])
    #expect(try WriteTest.applied(db) == [1, 2, 3])
  }

  /// The runner learns which migration of a batch committed from notices; a session that
  /// suppresses them (`client_min_messages = error` in the role, database or DSN) must not make
  /// it record the failure against a migration that succeeded.
  @Test func suppressedNoticesDoNotMisplaceAFailure() throws {
    let db = try TestDatabase()
    defer { db.drop() }
    let folder = try chain(failingDown: true)
    try up(db, folder)
    let run = try RBShellRun.run(
      ["downto", "--db", "frontend", "--target", "1", "--dsn", db.dsn, "--migrations", folder.migrations.path, "--yes"],
      environment: ["PGOPTIONS": "-c client_min_messages=error", "RBSHELL_AUDIT_LOG": "/dev/null"], removing: ["RBSHELL_MIGRATIONS"])
    #expect(run.status == 1)
    #expect(run.stderr.contains("migration 3 (t3, down) failed at line 2 of its down.sql"), "stderr: \(run.stderr)")
    #expect(try WriteTest.rows(db).suffix(2) == ["4 down true", "3 down false"])
    #expect(try WriteTest.applied(db) == [1, 2, 3])
  }

  @Test func singleTransactionIsAllOrNothing() throws {
    let db = try TestDatabase()
    defer { db.drop() }
    let folder = try chain(failingDown: true)
    try up(db, folder)
    let run = try WriteTest.rbshell([
      "downto", "--db", "frontend", "--target", "1", "--dsn", db.dsn, "--migrations", folder.migrations.path, "--yes", "--single-transaction",
    ])
    #expect(run.status == 1)
    #expect(run.stderr.contains("the whole plan was rolled back"))
    #expect(try tables(db) == ["t1", "t2", "t3", "t4"])
    #expect(try WriteTest.rows(db).suffix(1) == ["3 down false"])
    #expect(try WriteTest.applied(db) == [1, 2, 3, 4])
    let fine = try chain()
    let db2 = try TestDatabase()
    defer { db2.drop() }
    try up(db2, fine)
    let ok = try WriteTest.rbshell([
      "downto", "--db", "frontend", "--target", "1", "--dsn", db2.dsn, "--migrations", fine.migrations.path, "--yes", "--single-transaction",
    ])
    #expect(ok.status == 0, "stderr: \(ok.stderr)")
    #expect(try WriteTest.rows(db2).suffix(3) == ["4 down true", "3 down true", "2 down true"])
  }

  @Test func aHeldLockMakesItWaitThenExitFiveNamingTheHolder() throws {
    let db = try TestDatabase()
    defer { db.drop() }
    let folder = try chain()
    let holder = try db.connect()
    try holder.query("SELECT pg_advisory_lock($1::int, 0)", [String(Schema.frontend.lockKey)])
    let started = Date()
    let run = try WriteTest.rbshell(["up", "--db", "frontend", "--dsn", db.dsn, "--migrations", folder.migrations.path, "--yes", "--lock-timeout", "2"])
    #expect(run.status == 5)
    #expect(Date().timeIntervalSince(started) >= 2)
    #expect(run.stderr.contains("is held by pid \(holder.backendPID), application \"rbshell\""))
    #expect(try tables(db).isEmpty)
    withExtendedLifetime(holder) {}
  }

  @Test func sigkillMidPlanLeavesEachMigrationWholeOrUntouchedAndARerunFinishes() throws {
    let db = try TestDatabase()
    defer { db.drop() }
    let folder = try chain(slowDown: 3)
    try up(db, folder)
    let process = try start(["downto", "--db", "frontend", "--target", "1", "--dsn", db.dsn, "--migrations", folder.migrations.path, "--yes"])
    try waitFor("migration 4 reverted") { try WriteTest.rows(db).contains("4 down true") }
    Thread.sleep(forTimeInterval: 0.5)
    kill(process.processIdentifier, SIGKILL)
    process.waitUntilExit()
    try waitFor("the killed session to end") {
      try db.connect().query(
        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'rbshell' AND pid <> pg_backend_pid()"
      ).scalar == "0"
    }
    // Each migration is either reverted and recorded, or untouched and unrecorded.
    let rows = try WriteTest.rows(db)
    let present = Set(try tables(db))
    for id in 2...4 {
      let reverted = rows.contains("\(id) down true")
      #expect(reverted == !present.contains("t\(id)"), "migration \(id): recorded \(reverted), table present \(present.contains("t\(id)"))")
    }
    #expect(!rows.contains { $0.hasSuffix("pending") })
    let rerun = try WriteTest.rbshell(["downto", "--db", "frontend", "--target", "1", "--dsn", db.dsn, "--migrations", folder.migrations.path, "--yes"])
    #expect(rerun.status == 0, "stderr: \(rerun.stderr)")
    #expect(try tables(db) == ["t1"])
    #expect(try WriteTest.applied(db) == [1])
  }

  @Test func aTerminatedConnectionIsReportedAndNothingIsRecordedAsDone() throws {
    let db = try TestDatabase()
    defer { db.drop() }
    let folder = try chain(slowDown: 5)
    try up(db, folder)
    let process = try start(["downto", "--db", "frontend", "--target", "2", "--dsn", db.dsn, "--migrations", folder.migrations.path, "--yes"])
    let admin = try db.connect()
    // The query shown holds both migrations from the start: 4's row tells that 3 is running.
    try waitFor("migration 3's down to be running") {
      try WriteTest.rows(db).suffix(1) == ["4 down true"]
        && admin.query(
          "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE '%pg_sleep(5)%' AND state = 'active' AND pid <> pg_backend_pid()"
        ).scalar == "1"
    }
    try admin.run(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'rbshell' AND pid <> pg_backend_pid()")
    process.waitUntilExit()
    let stderr = String(decoding: (process.standardError as! Pipe).fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    #expect(process.terminationStatus == 2)
    #expect(stderr.contains("The connection was lost: the server rolled its transaction back and nothing was recorded for it."))
    #expect(try WriteTest.rows(db).suffix(1) == ["4 down true"])
    #expect(try tables(db) == ["t1", "t2", "t3"])
  }

  @Test func ctrlCCancelsTheRunningStepRecordsItAndReleasesTheLock() throws {
    let db = try TestDatabase()
    defer { db.drop() }
    let folder = try chain(slowDown: 30)
    try up(db, folder)
    let process = try start(["downto", "--db", "frontend", "--target", "2", "--dsn", db.dsn, "--migrations", folder.migrations.path, "--yes"])
    let admin = try db.connect()
    try waitFor("migration 3's down to be running") {
      try admin.query(
        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE '%pg_sleep(30)%' AND state = 'active' AND pid <> pg_backend_pid()"
      ).scalar == "1"
    }
    let interrupted = Date()
    kill(process.processIdentifier, SIGINT)
    process.waitUntilExit()
    #expect(Date().timeIntervalSince(interrupted) < 5)
    let stderr = String(decoding: (process.standardError as! Pipe).fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    #expect(process.terminationStatus == 130)
    #expect(stderr.contains("interrupted: migration 3 (down) was cancelled, rolled back and recorded as failed; completed before it: 4"))
    #expect(try WriteTest.rows(db).suffix(2) == ["4 down true", "3 down false"])
    try waitFor("the lock to be released") {
      try admin.query(
        "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"
      ).scalar == "0"
    }
    #expect(try tables(db) == ["t1", "t2", "t3"])
  }
}
