import Foundation
import TestSupport
import Testing

/// `rbshell ledgers` on every scenario that models another tool's ledger (`-- expect ledgers`
/// lines): the tool detected from its real table layout, each version's state and the findings.
@Suite(.enabled(if: TestEnvironment.databaseTestsEnabled, "needs PostgreSQL: run scripts/test"))
struct LedgersScenarioTests {
  static let scenarios = ScenarioFile.all().filter { $0.ledgersExit != nil }

  @Test func everyToolHasAScenario() {
    let tools = Set(Self.scenarios.flatMap { $0.ledgerExpectations.keys })
    #expect(tools.isSuperset(of: ["golang-migrate", "flyway", "prisma", "atlas", "goose", "alembic", "sqitch", "rails", "dbmate"]))
  }

  @Test(arguments: scenarios)
  func ledgersMatchTheScenarioHeader(scenario: ScenarioFile) throws {
    let db = try TestDatabase()
    defer { db.drop() }
    try scenario.build(in: db)
    let run = try RBShellRun.run(["ledgers", "--json", "--dsn", db.dsn])
    #expect(run.status == scenario.ledgersExit, "stderr: \(run.stderr)")
    let ledgers = try #require(try run.json()["ledgers"] as? [[String: Any]])
    let expectations = scenario.ledgerExpectations
    let tool = try #require(expectations.keys.first { !["failed", "applied", "rolled-back", "findings"].contains($0) })
    #expect(ledgers.count == 1, "\(ledgers)")
    let ledger = try #require(ledgers.first)
    #expect(ledger["tool"] as? String == tool)
    #expect(ledger["table"] as? String == expectations[tool]?.replacingOccurrences(of: ",", with: ", "))
    let entries = ledger["entries"] as? [[String: Any]] ?? []
    for state in ["failed", "applied", "rolled-back"] {
      let versions = entries.filter { $0["state"] as? String == state }.compactMap { $0["version"] as? String }
      let expected = expectations[state].map { $0.split(separator: ",").map(String.init) } ?? []
      #expect(versions == expected, "\(state)")
    }
    let findings = (ledger["findings"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
    let expected =
      expectations["findings"].map { $0.split(separator: ",").map(String.init) }
      ?? Array(repeating: tool == "atlas" ? "atlas-partial-revision" : "failed-migration", count: expectations["failed"] == nil ? 0 : 1)
    #expect(findings == expected)
  }

  /// The failure in the tool's own words, `--tool` narrowing, an unknown tool refused.
  @Test func textNamesTheToolAndItsWordsAndToolNarrows() throws {
    let db = try TestDatabase()
    defer { db.drop() }
    try ScenarioFile.load("tool-golang-migrate").build(in: db)
    let text = try RBShellRun.run(["ledgers", "--dsn", db.dsn])
    #expect(text.status == 4)
    #expect(text.stdout.contains("golang-migrate: public.schema_migrations — FAILED"))
    #expect(text.stdout.contains("Dirty database version 5. Fix and force version."))
    let other = try RBShellRun.run(["ledgers", "--tool", "flyway", "--dsn", db.dsn])
    #expect(other.status == 0)
    #expect(other.stdout.hasPrefix("no Flyway ledger in database \(db.name)"))
    let unknown = try RBShellRun.run(["ledgers", "--tool", "liquibase", "--dsn", db.dsn])
    #expect(unknown.status == 64)
    #expect(unknown.stderr.contains("unknown tool \"liquibase\""))
  }

  /// golang-migrate told to use another table (`x-migrations-table`): found only when named.
  @Test func aGolangMigrateTableOfAnotherNameIsReadWhenNamed() throws {
    let db = try TestDatabase()
    defer { db.drop() }
    let connection = try db.connect()
    try connection.run("CREATE TABLE app_migrations (version bigint NOT NULL PRIMARY KEY, dirty boolean NOT NULL)")
    try connection.run("INSERT INTO app_migrations VALUES (7, true)")
    let unnamed = try RBShellRun.run(["ledgers", "--dsn", db.dsn])
    #expect(unnamed.status == 0)
    #expect(unnamed.stdout.hasPrefix("no other migration tool's ledger"))
    let named = try RBShellRun.run(["ledgers", "--table", "app_migrations", "--json", "--dsn", db.dsn])
    #expect(named.status == 4, "stderr: \(named.stderr)")
    let ledger = try #require((try named.json()["ledgers"] as? [[String: Any]])?.first)
    #expect(ledger["table"] as? String == "public.app_migrations")
    #expect((ledger["entries"] as? [[String: Any]])?.first?["state"] as? String == "failed")
  }

  /// Plain `diagnose` reads every tool's ledger it finds besides Sourcegraph's: each scenario's
  /// ledger appears under `otherLedgers` and counts in the exit code — except golang-migrate's
  /// `schema_migrations`, which diagnose reads as Sourcegraph's pre-3.37 ledger (once, not twice).
  @Test(arguments: scenarios)
  func plainDiagnoseReportsOtherToolsLedgers(scenario: ScenarioFile) throws {
    let db = try TestDatabase()
    defer { db.drop() }
    try scenario.build(in: db)
    let run = try RBShellRun.run(["diagnose", "--db", "frontend", "--json", "--dsn", db.dsn])
    let document = try run.json()
    let reported = (document["otherLedgers"] as? [[String: Any]] ?? []).flatMap { $0["ledgers"] as? [[String: Any]] ?? [] }
    let tool = try #require(scenario.ledgerExpectations.keys.first { !["failed", "applied", "rolled-back", "findings"].contains($0) })
    if tool == "golang-migrate" {
      #expect(reported.isEmpty, "\(reported)")
      let legacy = ((document["schemas"] as? [[String: Any]])?.first?["findings"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
      #expect(legacy.contains("legacy-dirty-flag") == (scenario.ledgersExit == 4), "\(run.stdout)")
      return
    }
    #expect(reported.map { $0["tool"] as? String } == [tool], "\(run.stdout)")
    if scenario.ledgersExit == 4 { #expect(run.status == 4, "stderr: \(run.stderr)") }
    let text = try RBShellRun.run(["diagnose", "--db", "frontend", "--dsn", db.dsn])
    #expect(text.stdout.contains("other tools' ledgers (database \(db.name))"), "\(text.stdout)")
  }
}
