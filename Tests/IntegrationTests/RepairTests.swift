import Foundation
import TestSupport
import Testing

/// Each diagnose scenario repaired with the command diagnose suggests: afterwards diagnose is
/// clean and the schema equals a database where the migration ran cleanly (or never ran).
@Suite(.enabled(if: TestEnvironment.databaseTestsEnabled, "needs PostgreSQL: run scripts/test"))
struct RepairTests {
  let samples = WriteTest.samples

  /// A reference database built by rbshell itself: `upto` each (schema, target).
  func reference(_ targets: [(String, Int)]) throws -> TestDatabase {
    let db = try TestDatabase()
    for (schema, target) in targets {
      let run = try WriteTest.rbshell([
        "upto", "--db", schema, "--target", String(target), "--dsn", db.dsn, "--migrations", samples, "--yes", "--privileged=apply",
      ])
      #expect(run.status == 0, "reference upto \(schema) \(target): \(run.stderr)")
    }
    return db
  }

  func repair(_ scenario: String, _ arguments: [String]) throws -> (TestDatabase, RBShellRun) {
    let db = try TestDatabase()
    try ScenarioFile.load(scenario).build(in: db)
    let run = try WriteTest.rbshell(["repair"] + arguments + ["--dsn", db.dsn, "--migrations", samples, "--yes"])
    return (db, run)
  }

  func diagnoseExit(_ db: TestDatabase) throws -> Int32 {
    try RBShellRun.run(["diagnose", "--dsn", db.dsn, "--migrations", samples]).status
  }

  /// A data change the catalog cannot show ran in the same transaction as a statement proven
  /// out: not applied, so retry is suggested without --force and runs as printed.
  @Test func aRolledBackDataChangesSuggestedRetryRunsAsPrinted() throws {
    let db = try TestDatabase()
    defer { db.drop() }
    try ScenarioFile.load("diagnose-data-change-rolled-back").build(in: db)
    let diagnose = try RBShellRun.run(["diagnose", "--db", "codeinsights", "--json", "--dsn", db.dsn, "--migrations", samples])
    let findings = try #require((try diagnose.json()["schemas"] as? [[String: Any]])?.first?["findings"] as? [[String: Any]])
    let suggestions = findings.flatMap { $0["suggestions"] as? [String] ?? [] }
    let retry = try #require(suggestions.first { $0.contains("repair retry") })
    #expect(retry.contains("--version 1700002200 --dsn"))
    let words = retry.split(separator: "#")[0].split(separator: " ").map(String.init).dropFirst()
    let run = try WriteTest.rbshell(Array(words) + ["--yes"])
    #expect(run.status == 0, "\(retry): \(run.stderr)")
    #expect(try diagnoseExit(db) == 0)
    let clean = try reference([("codeinsights", 1_700_002_200)])
    defer { clean.drop() }
    #expect(try WriteTest.schemaDump(db) == WriteTest.schemaDump(clean))
  }

  @Test func retryAFailedMigrationThatRolledBack() throws {
    let (db, run) = try repair("diagnose-failed-rolled-back", ["retry", "--db", "frontend", "--version", "1700000300"])
    defer { db.drop() }
    #expect(run.status == 0, "stderr: \(run.stderr)")
    #expect(run.stdout.contains("verdict not-applied"))
    #expect(try diagnoseExit(db) == 0)
    let clean = try reference([("frontend", 1_700_000_300)])
    defer { clean.drop() }
    #expect(try WriteTest.schemaDump(db) == WriteTest.schemaDump(clean))
  }

  /// A repair proves its result against the catalog, not only the ledger: recording a migration
  /// applied (forced) whose SQL is not in is a failed repair, exit 1, naming the objects.
  @Test func aRepairThatLeavesTheWrongSchemaFails() throws {
    let (db, run) = try repair("diagnose-failed-rolled-back", ["mark-applied", "--db", "frontend", "--version", "1700000300", "--force"])
    defer { db.drop() }
    #expect(run.status == 1, "stdout: \(run.stdout) stderr: \(run.stderr)")
    #expect(run.stderr.contains("repair mark-applied 1700000300 was written, but the catalog is not what it should leave"), "\(run.stderr)")
    #expect(run.stderr.contains("up.sql statement 2 (line 3): table orgs does not exist"), "\(run.stderr)")
  }

  @Test func completeAPartiallyAppliedMigration() throws {
    let (db, run) = try repair("diagnose-partial-crash", ["complete", "--db", "codeintel", "--version", "1700001100"])
    defer { db.drop() }
    #expect(run.status == 0, "stderr: \(run.stderr)")
    #expect(run.stdout.contains("verdict partially-applied (2 of 3 statements in)"))
    #expect(try diagnoseExit(db) == 0)
    let clean = try reference([("frontend", 1_700_000_600), ("frontend", 1_700_000_700), ("codeintel", 1_700_001_100)])
    defer { clean.drop() }
    #expect(try WriteTest.schemaDump(db) == WriteTest.schemaDump(clean))
  }

  @Test func revertAPartiallyAppliedMigration() throws {
    let (db, run) = try repair("diagnose-partial-crash", ["revert", "--db", "codeintel", "--version", "1700001100"])
    defer { db.drop() }
    #expect(run.status == 0, "stderr: \(run.stderr)")
    #expect(try diagnoseExit(db) == 0)
    let never = try reference([("frontend", 1_700_000_600), ("frontend", 1_700_000_700), ("codeintel", 1_700_001_000)])
    defer { never.drop() }
    #expect(try WriteTest.schemaDump(db) == WriteTest.schemaDump(never))
  }

  @Test func markAppliedAMigrationWhoseSQLCommitted() throws {
    let (db, run) = try repair("diagnose-pending-committed", ["mark-applied", "--db", "frontend", "--version", "1700000500"])
    defer { db.drop() }
    #expect(run.status == 0, "stderr: \(run.stderr)")
    #expect(try diagnoseExit(db) == 0)
    #expect(try WriteTest.applied(db).contains(1_700_000_500))
    let clean = try reference([("frontend", 1_700_000_500)])
    defer { clean.drop() }
    #expect(try WriteTest.schemaDump(db) == WriteTest.schemaDump(clean))
  }

  @Test func retryOrMarkRevertedADeadPendingMigration() throws {
    let (retried, retry) = try repair("diagnose-pending-dead", ["retry", "--db", "codeinsights", "--version", "1700002100"])
    defer { retried.drop() }
    #expect(retry.status == 0, "stderr: \(retry.stderr)")
    #expect(try diagnoseExit(retried) == 0)
    let clean = try reference([("codeinsights", 1_700_002_100)])
    defer { clean.drop() }
    #expect(try WriteTest.schemaDump(retried) == WriteTest.schemaDump(clean))

    let (marked, mark) = try repair("diagnose-pending-dead", ["mark-reverted", "--db", "codeinsights", "--version", "1700002100"])
    defer { marked.drop() }
    #expect(mark.status == 0, "stderr: \(mark.stderr)")
    #expect(try diagnoseExit(marked) == 0)
    let never = try reference([("codeinsights", 1_700_002_000)])
    defer { never.drop() }
    #expect(try WriteTest.schemaDump(marked) == WriteTest.schemaDump(never))
  }

  @Test func dropTheInvalidIndexAndRetryItsMigration() throws {
    let (db, run) = try repair("diagnose-invalid-index", ["drop-invalid-index", "--db", "frontend", "--index", "repo_name_trgm", "--retry"])
    defer { db.drop() }
    #expect(run.status == 0, "stderr: \(run.stderr)")
    #expect(try diagnoseExit(db) == 0)
    let clean = try reference([("frontend", 1_700_000_400)])
    defer { clean.drop() }
    #expect(try WriteTest.schemaDump(db) == WriteTest.schemaDump(clean))
  }

  @Test func repairsRefuseVerdictsTheyDoNotFit() throws {
    let db = try TestDatabase()
    defer { db.drop() }
    try ScenarioFile.load("diagnose-failed-rolled-back").build(in: db)
    let before = try WriteTest.fingerprint(db)
    for action in ["complete", "revert", "mark-applied"] {
      let run = try WriteTest.rbshell(["repair", action, "--db", "frontend", "--version", "1700000300", "--dsn", db.dsn, "--migrations", samples, "--yes"])
      #expect(run.status == 4, "\(action): \(run.stderr)")
      #expect(run.stderr.contains("the catalog says it is not-applied"))
    }
    let valid = try WriteTest.rbshell(["repair", "drop-invalid-index", "--db", "frontend", "--index", "repo_stars_idx", "--dsn", db.dsn, "--yes"])
    #expect(valid.status == 4)
    #expect(valid.stderr.contains("is valid: there is nothing to repair"))
    #expect(try WriteTest.fingerprint(db) == before)
  }

  @Test func aMigrationRunningNowIsNotRepaired() throws {
    let db = try TestDatabase()
    defer { db.drop() }
    try ScenarioFile.load("diagnose-pending-live").build(in: db)
    let holder = try db.connect()
    try holder.query("SELECT pg_advisory_lock($1::int, 0)", ["1054047648"])
    let before = try WriteTest.fingerprint(db)
    let run = try WriteTest.rbshell(["repair", "retry", "--db", "codeinsights", "--version", "1700002100", "--dsn", db.dsn, "--migrations", samples, "--yes"])
    #expect(run.status == 5)
    #expect(run.stderr.contains("pid \(holder.backendPID)"))
    #expect(try WriteTest.fingerprint(db) == before)
  }

  @Test func aContradictingVerdictWritesNothingUnlessForced() throws {
    let db = try TestDatabase()
    defer { db.drop() }
    try ScenarioFile.load("diagnose-pending-committed").build(in: db)
    let before = try WriteTest.fingerprint(db)
    for action in ["retry", "complete", "mark-reverted"] {
      let run = try WriteTest.rbshell(["repair", action, "--db", "frontend", "--version", "1700000500", "--dsn", db.dsn, "--migrations", samples, "--yes"])
      #expect(run.status == 4, "\(action): \(run.stderr)")
      #expect(run.stderr.contains("the catalog says it is fully-applied"))
    }
    #expect(try WriteTest.fingerprint(db) == before)
    let log = FileManager.default.temporaryDirectory.appending(path: "audit-\(UUID().uuidString).jsonl")
    defer { try? FileManager.default.removeItem(at: log) }
    let forced = try WriteTest.rbshell(
      ["repair", "mark-reverted", "--force", "--db", "frontend", "--version", "1700000500", "--dsn", db.dsn, "--migrations", samples, "--yes"],
      audit: log)
    // Written as forced, and reported failed: the catalog still holds what the migration made.
    #expect(forced.status == 1, "stderr: \(forced.stderr)")
    #expect(
      forced.stderr.contains(
        "was written, but the catalog is not what it should leave: up.sql statement 1 (line 1): table public.audit_log exists (it should not have run)"),
      "\(forced.stderr)")
    #expect(try WriteTest.fingerprint(db) != before)
    #expect(try String(contentsOf: log, encoding: .utf8).contains("--force: mark-reverted although the catalog says fully-applied"))
  }
}

/// `repair undo-last` takes back a ledger-only repair and refuses anything else.
@Suite(.enabled(if: TestEnvironment.databaseTestsEnabled, "needs PostgreSQL: run scripts/test"))
struct UndoLastTests {
  @Test func undoesAMarkAndRefusesASchemaChangingRepair() throws {
    let db = try TestDatabase()
    defer { db.drop() }
    try ScenarioFile.load("diagnose-pending-committed").build(in: db)
    let log = FileManager.default.temporaryDirectory.appending(path: "audit-\(UUID().uuidString).jsonl")
    defer { try? FileManager.default.removeItem(at: log) }
    let rowsBefore = try WriteTest.rows(db)
    let mark = try WriteTest.rbshell(
      ["repair", "mark-applied", "--db", "frontend", "--version", "1700000500", "--dsn", db.dsn, "--migrations", WriteTest.samples, "--yes"], audit: log)
    #expect(mark.status == 0, "stderr: \(mark.stderr)")
    #expect(try WriteTest.applied(db).contains(1_700_000_500))
    let undo = try WriteTest.rbshell(["repair", "undo-last", "--db", "frontend", "--dsn", db.dsn, "--yes"], audit: log)
    #expect(undo.status == 0, "stderr: \(undo.stderr)")
    #expect(try WriteTest.rows(db) == rowsBefore)
    #expect(!(try WriteTest.applied(db).contains(1_700_000_500)))

    let again = try WriteTest.rbshell(["repair", "undo-last", "--db", "frontend", "--dsn", db.dsn, "--yes"], audit: log)
    #expect(again.status == 64)
    #expect(again.stderr.contains("no repair of frontend to undo"))
  }

  @Test func refusesToUndoARepairThatChangedTheSchema() throws {
    let db = try TestDatabase()
    defer { db.drop() }
    try ScenarioFile.load("diagnose-pending-dead").build(in: db)
    let log = FileManager.default.temporaryDirectory.appending(path: "audit-\(UUID().uuidString).jsonl")
    defer { try? FileManager.default.removeItem(at: log) }
    let retry = try WriteTest.rbshell(
      ["repair", "retry", "--db", "codeinsights", "--version", "1700002100", "--dsn", db.dsn, "--migrations", WriteTest.samples, "--yes"], audit: log)
    #expect(retry.status == 0, "stderr: \(retry.stderr)")
    let before = try WriteTest.fingerprint(db)
    let refused = try WriteTest.rbshell(["repair", "undo-last", "--db", "codeinsights", "--dsn", db.dsn, "--yes"], audit: log)
    #expect(refused.status == 4)
    #expect(refused.stderr.contains("changed the schema, not only the ledger"))
    #expect(try WriteTest.fingerprint(db) == before)
  }
}
