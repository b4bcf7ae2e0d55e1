import Foundation
import Migrations
import TestSupport
import Testing

/// The rollback runbook's three `downto` commands for 3.37 → 3.36, spelled as the document
/// spells them, on databases built from Sourcegraph's real v3.37.0 migrations, as a superuser:
/// each must succeed and leave what the migrator's plan leaves when psql runs it.
@Suite(.enabled(if: TestEnvironment.databaseTestsEnabled && Corpus.testsEnabled, "needs PostgreSQL and the stitched graph"))
struct SeedRunbookTests {
  static let commands = [
    ["downto", "-db=frontend", "-target=1528395968"],
    ["downto", "-db=codeintel", "-target=1000000030"],
    ["downto", "-db=codeinsights", "-target=1000000025"],
  ]
  static let ledgerNames = ["frontend": "schema_migrations", "codeintel": "codeintel_schema_migrations", "codeinsights": "codeinsights_schema_migrations"]
  let graph = Corpus.stitchedGraphURL.path

  func migrateTo337(_ db: TestDatabase) throws {
    for schema in ["frontend", "codeintel", "codeinsights"] {
      let run = try WriteTest.rbshell(["up", "--db", schema, "--dsn", db.dsn, "--migrations", graph, "--release", "v3.37.0", "--yes"])
      #expect(run.status == 0, "up \(schema): \(run.stderr)")
    }
  }

  /// The migrator's downto plan, computed from the stitched JSON alone: the applied descendants
  /// of the target, children before parents.
  func migratorPlan(schema: String, target: Int, applied: Set<Int>) throws -> [[String: Any]] {
    let data = try Corpus.requiredStitchedGraph()
    let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    let definitions = try #require((json[schema] as? [String: Any])?["Definitions"] as? [[String: Any]])
    var children: [Int: [Int]] = [:]
    for definition in definitions {
      for parent in definition["Parents"] as? [Int] ?? [] { children[parent, default: []].append(definition["ID"] as! Int) }
    }
    var descendants = Set<Int>()
    var queue = [target]
    while let next = queue.popLast() {
      for child in children[next] ?? [] where descendants.insert(child).inserted { queue.append(child) }
    }
    let reverting = descendants.intersection(applied)
    var order: [Int] = []
    var remaining = reverting
    while !remaining.isEmpty {  // a migration goes once none of its reverting children is left
      let ready = remaining.filter { id in !(children[id] ?? []).contains(where: remaining.contains) }.sorted(by: >)
      order += ready
      remaining.subtract(ready)
    }
    let byID = Dictionary(uniqueKeysWithValues: definitions.map { ($0["ID"] as! Int, $0) })
    return order.map { byID[$0]! }
  }

  func runWithPsql(_ db: TestDatabase, schema: String, plan: [[String: Any]]) throws {
    let folder = FileManager.default.temporaryDirectory.appending(path: "rbshell-seed-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    for definition in plan {
      let id = definition["ID"] as! Int
      let file = folder.appending(path: "\(id).down.sql")
      try ((definition["DownQuery"] as? String ?? "") + "\n").write(to: file, atomically: true, encoding: .utf8)
      try Psql.run(database: db.name, paths: [file.path], singleTransaction: true)
      try db.execute(
        """
        INSERT INTO migration_logs (migration_logs_schema_version, schema, version, up, started_at, finished_at, success)
        VALUES (2, '\(Self.ledgerNames[schema]!)', \(id), false, now(), now(), true)
        """)
    }
  }

  @Test func theRunbooksDowntoCommandsMatchTheMigratorsPlanRunByPsql() throws {
    let rolledBack = try TestDatabase()
    let reference = try TestDatabase()
    defer {
      rolledBack.drop()
      reference.drop()
    }
    try migrateTo337(rolledBack)
    try migrateTo337(reference)
    for command in Self.commands {
      let schema = String(command[1].dropFirst("-db=".count))
      let target = Int(command[2].dropFirst("-target=".count))!
      let plan = try migratorPlan(schema: schema, target: target, applied: Set(try WriteTest.applied(reference, schema: schema)))
      try runWithPsql(reference, schema: schema, plan: plan)
      let run = try WriteTest.rbshell(command + ["--dsn", rolledBack.dsn, "--migrations", graph, "--release", "v3.37.0", "--yes"])
      #expect(run.status == 0, "\(command.joined(separator: " ")): \(run.stderr)")
      #expect(try WriteTest.applied(rolledBack, schema: schema) == WriteTest.applied(reference, schema: schema), "\(schema)")
    }
    #expect(try WriteTest.schemaDump(rolledBack) == WriteTest.schemaDump(reference))
  }
}

/// With definitions from the stitched graph and a release, every repair diagnose prints runs as
/// printed (`--release` names the release, `--version` the migration).
@Suite(.enabled(if: TestEnvironment.databaseTestsEnabled && Corpus.testsEnabled, "needs PostgreSQL and the stitched graph"))
struct StitchedSuggestionTests {
  @Test func everyPrintedRepairRunsAsPrinted() throws {
    let db = try TestDatabase()
    defer { db.drop() }
    let graph = try StitchedGraph.decode(try Corpus.requiredStitchedGraph(), location: "stitched")
    let ids = try graph.graph(of: .frontend, version: "v3.37.0").ids
    try db.load("sql/ledger/migration_logs.sql")
    try db.execute(
      ids.enumerated().map { index, id in
        let success = index == ids.count - 1 ? "false" : "true"
        return
          "INSERT INTO migration_logs (migration_logs_schema_version, schema, version, up, started_at, finished_at, success) VALUES (2, 'schema_migrations', \(id), true, now(), now(), \(success));"
      }.joined(separator: "\n"))
    let diagnose = try RBShellRun.run([
      "diagnose", "--db", "frontend", "--dsn", db.dsn, "--migrations", Corpus.stitchedGraphURL.path, "--release", "v3.37.0", "--json",
    ])
    #expect(diagnose.status == 4, "stderr: \(diagnose.stderr)")
    let findings = (try diagnose.json()["schemas"] as? [[String: Any]])?.first?["findings"] as? [[String: Any]] ?? []
    let repairs = findings.flatMap { $0["suggestions"] as? [String] ?? [] }.filter { $0.hasPrefix("rbshell repair") }
    #expect(!repairs.isEmpty, "no repair suggested: \(diagnose.stdout)")
    for suggestion in repairs {
      #expect(suggestion.contains("--release v3.37.0"), "\(suggestion)")
      let words = suggestion.split(separator: "#")[0].split(separator: " ").map(String.init).dropFirst()
      let run = try WriteTest.rbshell(Array(words) + ["--dry-run"])
      #expect(run.status == 0, "\(suggestion): exit \(run.status) \(run.stderr)")
    }
  }
}
