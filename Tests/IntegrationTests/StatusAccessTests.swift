import Foundation
import PostgresClient
import TestSupport
import Testing

/// How `status` connects: roles, passwords, per-schema routing, bad usage, and that it writes nothing.
@Suite(.enabled(if: TestEnvironment.databaseTestsEnabled, "needs PostgreSQL: run scripts/test"))
struct StatusAccessTests {
  let tcpHost = ProcessInfo.processInfo.environment["RBSHELL_TEST_TCP_HOST"] ?? "127.0.0.1"

  @Test func worksForARoleWithOnlySelect() throws {
    let db = try TestDatabase()
    defer { db.drop() }
    try ScenarioFile.load("demo-incident").build(in: db)
    let reader = try db.makeRole("reader")
    try db.execute(
      """
      REVOKE ALL ON SCHEMA public FROM PUBLIC;
      GRANT USAGE ON SCHEMA public TO "\(reader)";
      GRANT SELECT ON migration_logs, schema_migrations TO "\(reader)";
      """)
    let run = try RBShellRun.run(["status", "--json", "--dsn", "\(db.dsn) user=\(reader)"])
    #expect(run.status == 4, "stderr: \(run.stderr)")
    let schemas = try #require(try run.json()["schemas"] as? [[String: Any]])
    #expect((schemas[0]["state"] as? [String: Any])?["failed"] as? [Int] == [1_669_645_608])
    #expect((schemas[0]["database"] as? [String: Any])?["user"] as? String == reader)
  }

  @Test(arguments: ["dsn", "url", "environment"])
  func wrongPasswordExitsTwoAndNeverPrintsIt(form: String) throws {
    let db = try TestDatabase()
    defer { db.drop() }
    let role = try db.makeRole("pw", password: "correct-horse")
    let secret = "Tr0ub4dor-wrong"
    var arguments = ["status"]
    var environment: [String: String] = [:]
    switch form {
    case "dsn": arguments += ["--dsn", "host=\(tcpHost) dbname=\(db.name) user=\(role) password=\(secret)"]
    case "url": arguments += ["-d", "postgres://\(role):\(secret)@\(tcpHost):\(ProcessInfo.processInfo.environment["PGPORT"]!)/\(db.name)"]
    default: environment = ["PGHOST": tcpHost, "PGUSER": role, "PGDATABASE": db.name, "PGPASSWORD": secret]
    }
    let run = try RBShellRun.run(arguments, environment: environment)
    #expect(run.status == 2)
    #expect(run.stderr.contains("cannot connect to host \(tcpHost) port"))
    #expect(run.stderr.contains("database \(db.name)"))
    #expect(run.stderr.contains("password authentication failed"))
    #expect(!run.stdout.contains(secret))
    #expect(!run.stderr.contains(secret))
  }

  @Test func routesSchemasToTheirOwnDatabases() throws {
    let frontend = try TestDatabase()
    defer { frontend.drop() }
    let codeintel = try TestDatabase()
    defer { codeintel.drop() }
    try ScenarioFile.load("clean").build(in: frontend)
    try ScenarioFile.load("shared-ledger").build(in: codeintel)

    for environment in [
      ["CODEINTEL_PGDATASOURCE": codeintel.dsn],
      ["CODEINTEL_PGDATABASE": codeintel.name],
    ] {
      let run = try RBShellRun.run(["status", "--json", "--dsn", frontend.dsn], environment: environment)
      #expect(run.status == 4, "stderr: \(run.stderr)")
      let schemas = try #require(try run.json()["schemas"] as? [[String: Any]])
      let databases = schemas.map { ($0["database"] as? [String: Any])?["name"] as? String }
      #expect(databases == [frontend.name, codeintel.name, frontend.name])
      #expect(StatusScenarioTests.observed("applied", in: schemas[0]) == "[10,11,12]")
      #expect(StatusScenarioTests.observed("failed", in: schemas[1]) == "[100]")
    }

    let explicit = try RBShellRun.run(
      ["status", "--json", "--dsn", frontend.dsn, "--codeintel-dsn", frontend.dsn, "--db", "codeintel-db"],
      environment: ["CODEINTEL_PGDATASOURCE": codeintel.dsn])
    #expect(explicit.status == 0)
    #expect(StatusScenarioTests.observed("applied", in: try #require(explicit.json()["schemas"] as? [[String: Any]])[0]) == "[20]")
  }

  @Test func acceptsTheMigratorsSpellingAndRejectsBadUsage() throws {
    let db = try TestDatabase()
    defer { db.drop() }
    try ScenarioFile.load("store-test-vector").build(in: db)
    let runbook = try RBShellRun.run(["status", "-db=pgsql", "--dsn", db.dsn, "-json"])
    #expect(runbook.status == 4)
    #expect((try runbook.json()["schemas"] as? [[String: Any]])?.count == 1)

    let unknownSchema = try RBShellRun.run(["status", "--db", "frontnd", "--dsn", db.dsn])
    #expect(unknownSchema.status == 64)
    #expect(unknownSchema.stderr.contains(#"unknown schema "frontnd""#))
    #expect(unknownSchema.stdout.isEmpty)

    let unknownFlag = try RBShellRun.run(["status", "--frobnicate"])
    #expect(unknownFlag.status == 64)
  }

  @Test func writesNothingEvenWhereNoLedgerExists() throws {
    let db = try TestDatabase()
    defer { db.drop() }
    try ScenarioFile.load("no-ledger").build(in: db)
    let catalog = "SELECT string_agg(relname, ',' ORDER BY relname) FROM pg_class WHERE relnamespace = 'public'::regnamespace"
    let before = try db.connect().query(catalog).scalar
    let run = try RBShellRun.run(["status", "--dsn", db.dsn])
    #expect(run.status == 0)
    #expect(run.stdout.contains("no migration ledger"))
    #expect(try db.connect().query(catalog).scalar == before)
  }
}
