import Foundation
import TestSupport
import Testing

/// Every scenario database, read by the real binary, must produce what its header promises.
@Suite(.enabled(if: TestEnvironment.databaseTestsEnabled, "needs PostgreSQL: run scripts/test"))
struct StatusScenarioTests {
  @Test(arguments: ScenarioFile.all().filter { $0.statusExit != nil })
  func statusMatchesTheScenarioHeader(scenario: ScenarioFile) throws {
    let db = try TestDatabase()
    defer { db.drop() }
    try scenario.build(in: db)

    let run = try RBShellRun.run(["status", "--json", "--dsn", db.dsn])
    #expect(run.status == scenario.statusExit, "stderr: \(run.stderr)")
    let schemas = try #require(try run.json()["schemas"] as? [[String: Any]])
    #expect(schemas.compactMap { $0["schema"] as? String } == ["frontend", "codeintel", "codeinsights"])
    for (schema, expected) in scenario.expectations {
      let actual = try #require(schemas.first { $0["schema"] as? String == schema })
      for (key, value) in expected {
        #expect(Self.observed(key, in: actual) == value, "\(scenario.name) \(schema).\(key)")
      }
    }
  }

  @Test func humanOutputNamesTheProblemVersionsAndTheServersError() throws {
    let db = try TestDatabase()
    defer { db.drop() }
    try ScenarioFile.load("demo-incident").build(in: db)
    let run = try RBShellRun.run(["status", "--dsn", db.dsn])
    #expect(run.status == 4)
    #expect(run.stdout.contains("frontend: DIRTY"))
    #expect(run.stdout.contains(#"1669645608 (up) started"#))
    #expect(run.stdout.contains(#"ERROR: column "blocked" of relation "repo" already exists (SQLSTATE 42701)"#))
    #expect(run.stdout.contains("1670365552 (up) started"))
    #expect(run.stdout.contains("never finished"))
    #expect(run.stdout.contains("codeinsights: CLEAN"))
    #expect(run.stdout.contains("no longer consulted"))
    #expect(run.stderr.isEmpty)
  }

  /// The JSON value of `key` rendered in the header's notation.
  static func observed(_ key: String, in schema: [String: Any]) -> String? {
    switch key {
    case "health", "ledger":
      return schema[key] as? String
    case "applied", "pending", "failed":
      let state = schema["state"] as? [String: Any]
      let versions = (state?[key] as? [Int]) ?? []
      return "[" + versions.map(String.init).joined(separator: ",") + "]"
    case "legacy":
      guard let legacy = schema["legacy"] as? [String: Any] else { return "none" }
      let dirty = (legacy["dirty"] as? Bool) == true ? "dirty" : "clean"
      return dirty + ((legacy["consulted"] as? Bool) == true ? ",consulted" : ",ignored")
    default:
      return "unknown key \(key)"
    }
  }
}
