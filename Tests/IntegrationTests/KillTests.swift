import Foundation
import PostgresClient
import TestSupport
import Testing

/// rbshell stopped from outside mid-plan: by a signal it handles (the failure recorded, the lock
/// released, the audit entry written), and by SIGKILL (the server stops within one migration;
/// the ledger always matches the catalog).
@Suite(.enabled(if: TestEnvironment.databaseTestsEnabled, "needs PostgreSQL: run scripts/test"))
struct KillTests {
  /// A chain 1 → … → count, each creating table kN; every down sleeps `sleep` seconds after its
  /// drop, or only drops (catalog-only: runs of them share a transaction).
  func chain(_ count: Int, sleep: Double?) throws -> MigrationFolder {
    let folder = try MigrationFolder()
    for id in 1...count {
      try folder.add(
        "frontend", id, name: "k\(id)", parents: id == 1 ? [] : [id - 1],
        up: "CREATE TABLE k\(id) (id int);", down: "DROP TABLE k\(id);" + (sleep.map { "\nSELECT pg_sleep(\($0));" } ?? ""))
    }
    return folder
  }

  func arguments(_ db: TestDatabase, _ folder: MigrationFolder, _ command: [String]) -> [String] {
    command + ["--db", "frontend", "--dsn", db.dsn, "--migrations", folder.migrations.path, "--yes"]
  }

  func tables(_ connection: Connection) throws -> Set<Int> {
    Set(try connection.query("SELECT substr(relname, 2)::int FROM pg_class WHERE relname ~ '^k[0-9]+$' AND relkind = 'r'").rows.compactMap { Int($0[0] ?? "") })
  }

  func ledger(_ connection: Connection) throws -> (applied: Set<Int>, pending: Int, rows: Int) {
    let rows = try connection.query(
      """
      SELECT DISTINCT ON (version) version, up, success FROM migration_logs WHERE schema = 'schema_migrations' ORDER BY version, id DESC
      """
    ).rows
    let applied = Set(rows.filter { $0[1] == "t" && $0[2] == "t" }.compactMap { Int($0[0] ?? "") })
    let pending = rows.filter { $0[2] == nil }.count
    let total = Int(try connection.query("SELECT count(*) FROM migration_logs").scalar ?? "") ?? 0
    return (applied, pending, total)
  }

  func rbshellBackends(_ connection: Connection) throws -> Int {
    Int(
      try connection.query(
        "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'rbshell' AND datname = current_database() AND pid <> pg_backend_pid()"
      ).scalar ?? "") ?? 0
  }

  @Test func sigtermRecordsTheFailureReleasesTheLockAndAuditsTheOutcome() throws {
    let db = try TestDatabase()
    defer { db.drop() }
    let folder = try chain(3, sleep: 30)
    #expect(try WriteTest.rbshell(arguments(db, folder, ["up"])).status == 0)
    let admin = try db.connect()
    let writer = try WriterProcess(arguments(db, folder, ["downto", "--target", "1"]))
    try waitFor("migration 3's down to be running") {
      try admin.query(
        "SELECT count(*) FROM pg_stat_activity WHERE query LIKE '%pg_sleep(30%' AND state = 'active' AND datname = current_database() AND pid <> pg_backend_pid()"
      ).scalar == "1"
    }
    writer.signal(SIGTERM)
    #expect(writer.wait(timeout: 10) == 143, "stderr: \(writer.stderr)")
    #expect(writer.stderr.contains("interrupted: migration 3 (down) was cancelled, rolled back and recorded as failed"))
    #expect(try WriteTest.rows(db).suffix(1) == ["3 down false"])
    #expect(try tables(admin) == [1, 2, 3])
    #expect(
      try admin.query(
        "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND pid <> pg_backend_pid() AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"
      ).scalar == "0")
    let outcomes = try writer.auditEntries().map { $0["outcome"] as? String ?? "" }
    #expect(outcomes.count == 2 && outcomes[0] == "started" && outcomes[1].hasPrefix("interrupted: migration 3"))
  }

  /// How a parent may start rbshell: a script's background job ignores SIGINT; a test runner or a
  /// supervisor may leave signals blocked (the mask survives exec). rbshell must still stop cleanly.
  static let launchers: [[String]] = [
    ["/bin/sh", "-c", "trap '' INT TERM HUP; exec \"$0\" \"$@\""],
    ["/usr/bin/perl", "-MPOSIX", "-e", "sigprocmask(SIG_BLOCK, POSIX::SigSet->new(SIGINT, SIGTERM, SIGHUP)) or die; exec @ARGV"],
  ]

  @Test(arguments: launchers, [SIGINT, SIGTERM, SIGHUP])
  func aSignalIgnoredOrBlockedByTheParentStillStopsTheWrite(launcher: [String], signal: Int32) throws {
    let db = try TestDatabase()
    defer { db.drop() }
    let folder = try chain(2, sleep: 30)
    #expect(try WriteTest.rbshell(arguments(db, folder, ["up"])).status == 0)
    let admin = try db.connect()
    let writer = try WriterProcess(arguments(db, folder, ["downto", "--target", "1"]), launcher: launcher)
    try waitFor("migration 2's down to be running") {
      try admin.query(
        "SELECT count(*) FROM pg_stat_activity WHERE query LIKE '%pg_sleep(30%' AND state = 'active' AND datname = current_database() AND pid <> pg_backend_pid()"
      ).scalar == "1"
    }
    writer.signal(signal)
    #expect(writer.wait(timeout: 10) == 128 + signal, "stderr: \(writer.stderr)")
    #expect(try WriteTest.rows(db).suffix(1) == ["2 down false"], "stderr: \(writer.stderr)")
  }

  @Test func progressIsPrintedAsEachStepFinishesWithItsOwnTime() throws {
    let db = try TestDatabase()
    defer { db.drop() }
    let folder = try chain(3, sleep: 1)
    #expect(try WriteTest.rbshell(arguments(db, folder, ["up"])).status == 0)
    let writer = try WriterProcess(arguments(db, folder, ["downto", "--target", "1"]))
    try waitFor("the first step's line") { writer.stderr.contains("[1/2] down 3 k3 … ok") }
    #expect(writer.process.isRunning, "the first step's line came only at the end")
    #expect(writer.wait() == 0, "stderr: \(writer.stderr)")
    // "ok (1.0 s)" or "ok (999 ms)": a step's time runs from the previous step's commit notice
    // to its own, so it can read a hair under the 1 s its down sleeps.
    let times = writer.stderr.split(separator: "\n").filter { $0.hasPrefix("[") }.compactMap { line -> Int? in
      guard let range = line.range(of: #"ok \(\d+(\.\d)? m?s\)"#, options: .regularExpression) else { return nil }
      let text = line[range]
      let number = Double(text.filter { $0.isNumber || $0 == "." })
      return number.map { text.contains("ms") ? Int($0) : Int($0 * 1000) }
    }
    #expect(times.count == 2, "stderr: \(writer.stderr)")
    #expect(times.allSatisfy { (900..<1900).contains($0) }, "each step's own time, not the whole run's: \(times)")
  }

  /// How a downto to kill is made: its migrations, and what each down does.
  struct KillPlan: Sendable, CustomTestStringConvertible {
    let migrations: Int
    let sleep: Double?
    var testDescription: String { sleep == nil ? "\(migrations) drops sharing transactions" : "\(migrations) migrations of \(sleep!) s" }
  }

  /// How long the plan's migrations take to run, from the first progress header to the exit.
  func runningTime(_ db: TestDatabase, _ folder: MigrationFolder) throws -> Double {
    #expect(try WriteTest.rbshell(arguments(db, folder, ["up"])).status == 0)
    let writer = try WriterProcess(arguments(db, folder, ["downto", "--target", "1"]))
    try waitFor("the first progress header") { writer.stderr.contains("[1/") }
    let started = Date()
    #expect(writer.wait() == 0, "stderr: \(writer.stderr)")
    return Date().timeIntervalSince(started)
  }

  /// SIGKILL at 30 random moments while a downto's migrations run (timed by a first, unkilled
  /// run): 30 migrations each in its own transaction, and 200 drops in shared ones.
  @Test(arguments: [KillPlan(migrations: 30, sleep: 0.02), KillPlan(migrations: 200, sleep: nil)])
  func sigkillAnywhereLeavesTheLedgerMatchingTheCatalog(plan: KillPlan) throws {
    let db = try TestDatabase()
    defer { db.drop() }
    let folder = try chain(plan.migrations, sleep: plan.sleep)
    let admin = try db.connect()
    let running = try runningTime(db, folder)
    var generator = SystemRandomNumberGenerator()
    var killedMidPlan = 0
    for round in 1...30 {
      #expect(try WriteTest.rbshell(arguments(db, folder, ["up"])).status == 0, "round \(round): up")
      let writer = try WriterProcess(arguments(db, folder, ["downto", "--target", "1"]))
      try waitFor("round \(round): the first progress header") { writer.stderr.contains("[1/") || !writer.process.isRunning }
      Thread.sleep(forTimeInterval: Double.random(in: 0...(running * 0.7), using: &generator))
      writer.signal(SIGKILL)
      writer.wait()
      let atKill = try ledger(admin).rows
      try waitFor("the server to end rbshell's session") { try rbshellBackends(admin) == 0 }
      let after = try ledger(admin)
      #expect(after.rows - atKill <= 1, "round \(round): the server went on for \(after.rows - atKill) migrations after the kill")
      #expect(after.pending == 0, "round \(round): pending rows")
      let catalog = try tables(admin)
      #expect(after.applied == catalog, "round \(round): ledger \(after.applied.sorted()) vs catalog \(catalog.sorted())")
      if after.applied.count > 1 && after.applied.count < plan.migrations { killedMidPlan += 1 }
    }
    #expect(killedMidPlan >= 10, "only \(killedMidPlan) of 30 kills landed mid-plan (running time \(running) s)")
  }
}
