import Foundation
import Migrations
import PostgresClient
import RBShellCore
import RBShellPostgres
import TestSupport
import Testing

/// diagnose is read-only, costs a fixed number of statements, and degrades clearly.
@Suite(.enabled(if: TestEnvironment.databaseTestsEnabled, "needs PostgreSQL: run scripts/test"))
struct DiagnoseAccessTests {
  let migrations = PackagePaths.root.appending(path: "sql/migrations").path

  func fingerprint(_ db: TestDatabase) throws -> [String?] { try WriteTest.fingerprint(db) }

  @Test func writesNothingAndWorksForASelectOnlyRole() throws {
    let db = try TestDatabase()
    defer { db.drop() }
    try ScenarioFile.load("diagnose-partial-crash").build(in: db)
    let reader = try db.makeRole("reader")
    try db.execute(
      """
      REVOKE ALL ON SCHEMA public FROM PUBLIC;
      GRANT USAGE ON SCHEMA public TO "\(reader)";
      GRANT SELECT ON migration_logs TO "\(reader)";
      """)
    let before = try fingerprint(db)
    let run = try RBShellRun.run(["diagnose", "--dsn", "\(db.dsn) user=\(reader)", "--migrations", migrations, "--json"])
    #expect(run.status == 4, "stderr: \(run.stderr)")
    let codeintel = try #require((try run.json()["schemas"] as? [[String: Any]])?.first { $0["schema"] as? String == "codeintel" })
    let findings = codeintel["findings"] as? [[String: Any]] ?? []
    #expect(findings.contains { DiagnoseScenarioTests.notation($0) == "failed-migration@1700001100=partially-applied:in,in,out" })
    #expect(try fingerprint(db) == before)
  }

  /// Another tool's ledger the role may not read is named, not read: a permission error would
  /// end diagnose's snapshot.
  @Test func anotherToolsLedgerItCannotReadIsNamedNotRead() throws {
    let db = try TestDatabase()
    defer { db.drop() }
    try ScenarioFile.load("diagnose-partial-crash").build(in: db)
    try ScenarioFile.load("tool-flyway").build(in: db)
    let reader = try db.makeRole("reader")
    try db.execute("GRANT SELECT ON migration_logs TO \"\(reader)\"")
    let run = try RBShellRun.run(["diagnose", "--dsn", "\(db.dsn) user=\(reader)", "--migrations", migrations])
    #expect(run.status == 4, "stderr: \(run.stderr)")
    #expect(run.stdout.contains("note: cannot read Flyway public.flyway_schema_history (this role has no SELECT on it)"), "\(run.stdout)")
    let owner = try RBShellRun.run(["diagnose", "--dsn", db.dsn, "--migrations", migrations])
    #expect(owner.stdout.contains("Flyway: public.flyway_schema_history — FAILED"), "\(owner.stdout)")
  }

  @Test func saysWhenOtherSessionsAreHiddenFromIt() throws {
    let db = try TestDatabase()
    defer { db.drop() }
    try ScenarioFile.load("diagnose-pending-dead").build(in: db)
    let reader = try db.makeRole("reader")
    try db.execute("GRANT SELECT ON migration_logs TO \"\(reader)\"")
    let holder = try db.connect()
    try holder.query("SELECT pg_advisory_lock($1::int, 0)", [String(Schema.codeinsights.lockKey)])
    let run = try RBShellRun.run(["diagnose", "--db", "codeinsights", "--dsn", "\(db.dsn) user=\(reader)", "--migrations", migrations])
    #expect(run.status == 5, "stderr: \(run.stderr)")
    #expect(run.stdout.contains("codeinsights: BUSY — migration 1700002100 is being applied right now (pid \(holder.backendPID) holds the migration lock)"))
    #expect(run.stdout.contains("other sessions' activity is hidden from this role"))
    withExtendedLifetime(holder) {}
  }

  @Test func statementCountDoesNotGrowWithTheLedger() throws {
    func statements(versions: Int) throws -> Int {
      let db = try TestDatabase()
      defer { db.drop() }
      try ScenarioFile.load("diagnose-clean").build(in: db)
      for schema in Schema.allCases { try db.execute(LedgerFixture.tenAttemptsPerVersion(versions: versions, schema: schema)) }
      let router = ConnectionRouter(dsn: db.dsn, environment: [:], options: ConnectOptions(readOnly: true))
      let connection = try router.connect([.frontend])[.frontend]!
      let before = connection.statementsSent
      _ = try DiagnoseServiceProbe.run(connection: connection)
      return connection.statementsSent - before
    }
    let small = try statements(versions: 10)
    let large = try statements(versions: 5000)
    #expect(small == large)
    #expect(small < 30)
  }

  @Test func withoutDefinitionsItStillChecksTheLedgerAndSaysWhatItSkipped() throws {
    let db = try TestDatabase()
    defer { db.drop() }
    try ScenarioFile.load("diagnose-failed-rolled-back").build(in: db)
    let run = try RBShellRun.run(["diagnose", "--dsn", db.dsn, "--db", "frontend"], removing: ["RBSHELL_MIGRATIONS"])
    #expect(run.status == 4)
    #expect(run.stdout.contains("frontend: DIRTY — migration 1700000300 failed"))
    #expect(run.stdout.contains("no verdict: give the definitions (--migrations)"))
    #expect(run.stdout.contains("note: no migration definitions"))
  }

  @Test func invalidDefinitionsExit65WithTheFinding() throws {
    let db = try TestDatabase()
    defer { db.drop() }
    try ScenarioFile.load("diagnose-clean").build(in: db)
    let folder = try MigrationFolder()
    try folder.add("frontend", 1, name: "init")
    try folder.add("frontend", 2, name: "orphan", parents: [99])
    let run = try RBShellRun.run(["diagnose", "--dsn", db.dsn, "--db", "frontend", "--migrations", folder.migrations.path, "--json"])
    #expect(run.status == 65)
    let findings = (try run.json()["schemas"] as? [[String: Any]])?.first?["findings"] as? [[String: Any]] ?? []
    #expect(findings.compactMap { $0["code"] as? String }.contains("definitions-invalid"))
  }
}

/// Drives the same read path as `DiagnoseService` on one given connection, so a test can count
/// its statements.
enum DiagnoseServiceProbe {
  static func run(connection: Connection) throws -> [LedgerSnapshot] {
    try connection.snapshotTransaction {
      _ = try CatalogReader(connection: connection).read()
      return try Schema.allCases.map { try MigrationLogsReader(connection: connection).snapshot(of: $0) }
    }
  }
}
