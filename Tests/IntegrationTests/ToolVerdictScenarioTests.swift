import Foundation
import TestSupport
import Testing

@testable import RBShellCLI

/// `diagnose --tool TOOL --migrations DIR` on every scenario with a `-- expect diagnose --tool`
/// line: each adapter's failed or unrecorded migration tested against the catalog (clean,
/// not-applied, partially-applied, fully-applied), the repair it suggests, and that repair run as
/// printed, after which the tool's ledger is diagnosed again.
@Suite(.enabled(if: TestEnvironment.databaseTestsEnabled, "needs PostgreSQL: run scripts/test"))
struct ToolVerdictScenarioTests {
  static let scenarios = ScenarioFile.all().filter { $0.toolVerdict != nil }

  /// Every adapter whose migrations are SQL has a scenario for each verdict, and a clean one.
  @Test func everyAdapterHasEveryVerdict() {
    let tools = ["golang-migrate", "dbmate", "goose", "prisma", "flyway", "atlas", "sqitch", "alembic"]
    for tool in tools {
      let expectations = Self.scenarios.compactMap(\.toolVerdict).filter { $0.tool == tool }
      let covered = Set(expectations.map { $0.values["verdict"] ?? "clean" })
      #expect(covered.isSuperset(of: ["clean", "not-applied", "partially-applied", "fully-applied"]), "\(tool): \(covered.sorted())")
    }
  }

  @Test(arguments: scenarios)
  func diagnoseWithTheToolsMigrationsMatchesTheHeader(scenario: ScenarioFile) throws {
    let expected = try #require(scenario.toolVerdict)
    let db = try TestDatabase()
    defer { db.drop() }
    try scenario.build(in: db)
    let (run, finding) = try diagnose(expected, db)
    #expect(run.status == expected.exit, "stderr: \(run.stderr)\n\(run.stdout)")
    #expect(finding?["code"] as? String == expected.finding, "\(run.stdout)")
    guard let finding else {
      // A tool that records nothing on failure: a migration none of which ran is just pending.
      let pending = Self.entries(run).filter { $0["state"] as? String == "pending" }.compactMap { $0["version"] as? String }
      #expect(pending == (expected.values["version"].map { [$0] } ?? []), "\(run.stdout)")
      return
    }
    #expect(finding["tool"] as? String == expected.tool)
    #expect(finding["version"] as? String == expected.values["version"])
    #expect(Self.verdict(finding) == expected.values["verdict"], "\(run.stdout)")
    let suggestion = finding["suggestion"] as? String
    guard let repair = expected.repair else {
      #expect(suggestion == nil, "no repair is right here: \(suggestion ?? "")")
      return
    }
    let words = try ShellWords.split(try #require(suggestion, "\(run.stdout)"))
    #expect(Array(words.prefix(5)) == ["rbshell", "repair", repair, "--tool", expected.tool])
    let repaired = try WriteTest.rbshell(Array(words.dropFirst()) + ["--yes"])
    #expect(repaired.status == 0, "stderr: \(repaired.stderr)")
    let (after, _) = try diagnose(expected, db)
    #expect(after.status == expected.repairedExit, "after the repair: \(after.stdout)")
  }

  func diagnose(_ expected: ToolVerdictExpectation, _ db: TestDatabase) throws -> (RBShellRun, [String: Any]?) {
    let run = try RBShellRun.run(["diagnose", "--tool", expected.tool, "--migrations", expected.migrations.path, "--json", "--dsn", db.dsn])
    let ledgers = try run.json()["ledgers"] as? [[String: Any]] ?? []
    return (run, ledgers.flatMap { $0["findings"] as? [[String: Any]] ?? [] }.first)
  }

  static func entries(_ run: RBShellRun) -> [[String: Any]] {
    ((try? run.json()["ledgers"] as? [[String: Any]]) ?? []).flatMap { $0["entries"] as? [[String: Any]] ?? [] }
  }

  /// The catalog's verdict on the finding's migration: golang-migrate's under its dirty-flag
  /// verdict, every other tool's in the finding's own analysis.
  static func verdict(_ finding: [String: Any]) -> String? {
    let analysis = ((finding["verdict"] as? [String: Any])?["analysis"] ?? finding["analysis"]) as? [String: Any]
    return analysis?["verdict"] as? String
  }
}
