import Foundation
import TestSupport
import Testing

/// With `--json`, a write prints exactly one JSON document on stdout — whatever it runs — and its
/// progress and remarks on stderr, so CI can parse stdout as it is.
@Suite(.enabled(if: TestEnvironment.databaseTestsEnabled, "needs PostgreSQL: run scripts/test"))
struct WriteJSONTests {
  func run(_ scenario: String, _ arguments: [String]) throws -> (TestDatabase, [String: Any], RBShellRun) {
    let db = try TestDatabase()
    try ScenarioFile.load(scenario).build(in: db)
    let run = try WriteTest.rbshell(arguments + ["--dsn", db.dsn, "--migrations", WriteTest.samples, "--json"])
    return (db, try run.json(), run)
  }

  func plan(_ document: [String: Any]) throws -> [String: Any] {
    try #require((document["plans"] as? [[String: Any]])?.first)
  }

  @Test func repairsThatRunSQLPrintOnlyTheirPlan() throws {
    let (db, document, run) = try run("diagnose-partial-crash", ["repair", "complete", "--db", "codeintel", "--version", "1700001100", "--yes"])
    defer { db.drop() }
    #expect(run.status == 0, "stderr: \(run.stderr)")
    #expect(try plan(document)["operation"] as? String == "repair complete 1700001100")
    #expect(run.stderr.contains("verdict partially-applied"))
    #expect(run.stderr.contains("no finding left"))
  }

  @Test func ledgerOnlyRepairsPrintTheRowTheyWrite() throws {
    let (db, document, run) = try run("diagnose-pending-committed", ["repair", "mark-applied", "--db", "frontend", "--version", "1700000500", "--dry-run"])
    defer { db.drop() }
    #expect(run.status == 0, "stderr: \(run.stderr)")
    let row = try #require(try plan(document)["ledgerRow"] as? [String: Any])
    #expect(row["version"] as? Int == 1_700_000_500)
    #expect(row["up"] as? Bool == true)
    #expect(row["schema"] as? String == "schema_migrations")
    #expect(run.stderr.contains("--dry-run: nothing was written."))
  }

  @Test func indexDropsAndRollbacksPrintOneDocument() throws {
    let (db, document, drop) = try run(
      "diagnose-invalid-index", ["repair", "drop-invalid-index", "--db", "frontend", "--index", "repo_name_trgm", "--dry-run"])
    defer { db.drop() }
    #expect(drop.status == 0, "stderr: \(drop.stderr)")
    #expect(try plan(document)["dropIndex"] as? String == "public.repo_name_trgm")
    let (demo, rollback, downto) = try run("demo", ["downto", "--db", "codeinsights", "--target", "1700002000", "--yes"])
    defer { demo.drop() }
    #expect(downto.status == 0, "stderr: \(downto.stderr)")
    #expect(try plan(rollback)["operation"] as? String == "downto 1700002000")
    #expect(downto.stderr.contains("codeinsights: done."))
  }
}
