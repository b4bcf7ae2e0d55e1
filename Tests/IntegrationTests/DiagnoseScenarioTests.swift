import Foundation
import RBShellCLI
import TestSupport
import Testing

/// Every scenario with `-- expect diagnose` lines, diagnosed by the real binary against the
/// project's sample migrations: exit code, finding codes, verdicts and per-statement states.
@Suite(.enabled(if: TestEnvironment.databaseTestsEnabled, "needs PostgreSQL: run scripts/test"))
struct DiagnoseScenarioTests {
  @Test(arguments: ScenarioFile.all().filter { $0.diagnoseExit != nil })
  func diagnoseMatchesTheScenarioHeader(scenario: ScenarioFile) throws {
    let db = try TestDatabase()
    defer { db.drop() }
    try scenario.build(in: db)
    let sessions = try ScenarioSessions(scenario.setups, db: db)
    defer { sessions.close() }

    let run = try RBShellRun.run(["diagnose", "--json", "--dsn", db.dsn, "--migrations", PackagePaths.root.appending(path: "sql/migrations").path])
    #expect(run.status == scenario.diagnoseExit, "\(scenario.name): stderr \(run.stderr)\n\(run.stdout)")
    let schemas = try #require(try run.json()["schemas"] as? [[String: Any]])
    for (schema, expected) in scenario.diagnoseFindings {
      let findings = try #require(schemas.first { $0["schema"] as? String == schema }?["findings"] as? [[String: Any]])
      #expect(findings.map(Self.notation).sorted() == expected.sorted(), "\(scenario.name) \(schema)")
    }
    // Every suggestion is a command rbshell's own parser accepts as printed.
    let suggestions = schemas.flatMap { ($0["findings"] as? [[String: Any]] ?? []).flatMap { $0["suggestions"] as? [String] ?? [] } }
    for suggestion in suggestions {
      let words = suggestion.split(separator: "#")[0].split(separator: " ").map(String.init)
      #expect(words.first == "rbshell", "\(scenario.name): \(suggestion)")
      #expect(throws: Never.self, "\(scenario.name): \(suggestion)") { _ = try RBShell.parseAsRoot(Array(words.dropFirst())) }
    }
  }

  /// A finding in the header's notation: `code[@migration][=verdict[:in,out,?…]]`, keeping only
  /// as much detail as the header gives for that code (verdicts are always checked when present).
  static func notation(_ finding: [String: Any]) -> String {
    var text = finding["code"] as? String ?? "?"
    if let migration = finding["migration"] as? Int, text != "migration-lock-held" { text += "@\(migration)" }
    if let analysis = finding["analysis"] as? [String: Any], let verdict = analysis["verdict"] as? String {
      let states = (analysis["statements"] as? [[String: Any]] ?? []).map { statement -> String in
        switch statement["state"] as? String {
        case "applied": "in"
        case "not-applied": "out"
        default: "?"
        }
      }
      text += "=\(verdict):" + states.joined(separator: ",")
    }
    return text
  }
}
