import Foundation
import TestSupport
import Testing

/// `rbshell rehearse`: the plan runs for real in a transaction that is always rolled back.
@Suite(.enabled(if: TestEnvironment.databaseTestsEnabled, "needs PostgreSQL: run scripts/test"))
struct RehearsalTests {
  /// 1 → … → 5, each creating tN; 3's down fails on its second line.
  func chain() throws -> MigrationFolder {
    let folder = try MigrationFolder()
    for id in 1...5 {
      let down = id == 3 ? "DROP TABLE t3;\nDROP TABLE no_such_table;" : "DROP TABLE t\(id);"
      try folder.add("frontend", id, name: "t\(id)", parents: id == 1 ? [] : [id - 1], up: "CREATE TABLE t\(id) (id int);", down: down)
    }
    return folder
  }

  @Test func reportsTheFailingStepWithItsLineAndChangesNothing() throws {
    let db = try TestDatabase()
    defer { db.drop() }
    let folder = try chain()
    _ = try WriteTest.rbshell(["up", "--db", "frontend", "--dsn", db.dsn, "--migrations", folder.migrations.path, "--yes"])
    let before = try WriteTest.fingerprint(db)
    let run = try WriteTest.rbshell(["rehearse", "downto", "-db=frontend", "-target=1", "--dsn", db.dsn, "--migrations", folder.migrations.path])
    #expect(run.status == 1, "stderr: \(run.stderr)")
    #expect(run.stdout.contains("1. down 5 t5: ok"))
    #expect(run.stdout.contains("2. down 4 t4: ok"))
    #expect(run.stdout.contains(#"3. down 3 t3: ERROR 42P01: table "no_such_table" does not exist (line 2)"#))
    #expect(run.stdout.contains("4. down 2 t2: not reached"))
    #expect(run.stdout.contains("Nothing was committed."))
    #expect(try WriteTest.fingerprint(db) == before)
  }

  @Test func rehearsesARepairWithoutCommittingIt() throws {
    let db = try TestDatabase()
    defer { db.drop() }
    try ScenarioFile.load("diagnose-partial-crash").build(in: db)
    let before = try WriteTest.fingerprint(db)
    let run = try WriteTest.rbshell([
      "rehearse", "repair", "complete", "--db", "codeintel", "--version", "1700001100", "--dsn", db.dsn, "--migrations", WriteTest.samples,
    ])
    #expect(run.status == 0, "stderr: \(run.stderr)")
    #expect(run.stdout.contains("1. up 1700001100 upload state: ok"))
    #expect(try WriteTest.fingerprint(db) == before)
  }

  @Test func ledgerOnlyRepairsAndIndexDropsAreNotRehearsedAndWriteNothing() throws {
    let db = try TestDatabase()
    defer { db.drop() }
    try ScenarioFile.load("diagnose-pending-committed").build(in: db)
    let before = try WriteTest.fingerprint(db)
    for repair in [["mark-applied", "--version", "1700001200"], ["mark-reverted", "--version", "1700001200"], ["drop-invalid-index", "--index", "x"]] {
      let run = try WriteTest.rbshell(["rehearse", "repair"] + repair + ["--db", "codeintel", "--dsn", db.dsn, "--migrations", WriteTest.samples])
      #expect(run.status == 64, "\(repair[0]): \(run.stdout) \(run.stderr)")
      #expect(run.stderr.contains("nothing to rehearse; nothing was written"))
    }
    #expect(try WriteTest.fingerprint(db) == before)
  }

  @Test func givesUpOnALockedTableWithinTheTimeoutAndNamesTheBlocker() throws {
    let db = try TestDatabase()
    defer { db.drop() }
    let folder = try chain()
    _ = try WriteTest.rbshell(["up", "--db", "frontend", "--dsn", db.dsn, "--migrations", folder.migrations.path, "--yes"])
    let blocker = try db.connect()
    try blocker.run("BEGIN")
    try blocker.run("LOCK TABLE t5 IN ACCESS SHARE MODE")
    let started = Date()
    let run = try WriteTest.rbshell(["rehearse", "downto", "--db", "frontend", "--target", "4", "--dsn", db.dsn, "--migrations", folder.migrations.path])
    #expect(Date().timeIntervalSince(started) < 8)
    #expect(run.status == 1)
    #expect(run.stdout.contains("ERROR 55P03: canceling statement due to lock timeout"))
    #expect(run.stdout.contains("blocked by pid \(blocker.backendPID)"))
    try blocker.run("ROLLBACK")
    #expect(try WriteTest.applied(db) == [1, 2, 3, 4, 5])
  }
}
