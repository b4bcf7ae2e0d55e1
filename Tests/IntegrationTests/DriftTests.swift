import Foundation
import Migrations
import PostgresClient
import TestSupport
import Testing

/// `rbshell drift` on Sourcegraph's real migrations (the stitched graph): the expected schema
/// built in a scratch database by rbshell's own runner, compared with the live one.
@Suite(.enabled(if: TestEnvironment.databaseTestsEnabled && Corpus.testsEnabled, "needs PostgreSQL and the stitched graph"))
struct DriftTests {
  let graph = Corpus.stitchedGraphURL.path

  /// A database with frontend migrated to a release by `rbshell up`.
  func database(at release: String = "v3.37.0") throws -> TestDatabase {
    let db = try TestDatabase()
    let up = try WriteTest.rbshell(["up", "--db", "frontend", "--dsn", db.dsn, "--migrations", graph, "--release", release, "--yes"])
    try #require(up.status == 0, "up: \(up.stderr)")
    return db
  }

  func drift(_ db: TestDatabase, _ extra: [String] = []) throws -> (run: RBShellRun, schema: [String: Any]) {
    let run = try RBShellRun.run(["drift", "--db", "frontend", "--dsn", db.dsn, "--migrations", graph, "--json"] + extra)
    let schema = try #require((try run.json()["drift"] as? [[String: Any]])?.first, "stdout: \(run.stdout)\nstderr: \(run.stderr)")
    return (run, schema)
  }

  static func differences(_ schema: [String: Any]) -> [[String: Any]] { schema["differences"] as? [[String: Any]] ?? [] }

  func databaseExists(_ name: String, on db: TestDatabase) throws -> Bool {
    try db.connect().query("SELECT count(*) FROM pg_database WHERE datname = $1", [name]).scalar == "1"
  }

  /// The scratch databases a drift process has on the server now (their names end in its pid).
  func scratchDatabases(of process: WriterProcess, on db: TestDatabase) throws -> Int {
    let pattern = "rbshell\\_drift\\_%\\_b\(process.process.processIdentifier)"
    return Int(try db.connect().query("SELECT count(*) FROM pg_database WHERE datname LIKE $1", [pattern]).scalar ?? "") ?? -1
  }

  /// The last migration of the v3.37.0 plan whose up SQL mentions every word: an oracle for the
  /// attribution that reads the SQL as text, not through rbshell's statement parser.
  func lastMigration(mentioning words: [String]) throws -> Int? {
    let stitched = try StitchedGraph.decode(try Corpus.requiredStitchedGraph(), location: graph)
    let release = try stitched.graph(of: .frontend, version: "v3.37.0")
    let plan = try release.upPlan(applied: [], targets: release.leaves.map(\.id))
    return plan.last { definition in words.allSatisfy { definition.upQuery.contains($0) } }?.id
  }

  @Test func threePlantedDifferencesAreReportedWithTheirMigrationsAndTheirSQLRepairsThem() throws {
    let db = try database()
    defer { db.drop() }
    _ = try db.execute(
      """
      ALTER TABLE repo ALTER COLUMN stars TYPE bigint;
      DROP INDEX external_services_has_webhooks_idx;
      CREATE TABLE hotfix_backup (id int PRIMARY KEY, note text);
      """)
    let (run, schema) = try drift(db)
    #expect(run.status == 4, "stderr: \(run.stderr)")
    #expect(schema["equal"] as? Bool == false)
    let real = Self.differences(schema).filter { $0["cosmetic"] as? Bool == false }
    let found = real.map { "\($0["change"] as? String ?? "") \($0["kind"] as? String ?? "") \($0["object"] as? String ?? "")" }
    #expect(
      found.sorted() == [
        "changed column public.repo.stars", "extra table public.hotfix_backup",
        "missing index public.external_services.external_services_has_webhooks_idx",
      ], "\(run.stdout)")
    let byObject = Dictionary(real.map { ($0["object"] as? String ?? "", $0) }, uniquingKeysWith: { first, _ in first })
    let stars = try #require(byObject["public.repo.stars"])
    #expect((stars["properties"] as? [[String: Any]])?.first?["live"] as? String == "bigint")
    #expect((stars["properties"] as? [[String: Any]])?.first?["expected"] as? String == "integer")
    #expect(stars["migration"] as? Int == (try lastMigration(mentioning: ["repo", "stars"])))
    let index = try #require(byObject["public.external_services.external_services_has_webhooks_idx"])
    #expect(index["migration"] as? Int == (try lastMigration(mentioning: ["external_services_has_webhooks_idx"])))
    let extra = try #require(byObject["public.hotfix_backup"])
    #expect(extra["migration"] == nil)
    #expect(
      extra["includes"] as? [String] == [
        "column public.hotfix_backup.id", "column public.hotfix_backup.note", "constraint public.hotfix_backup.hotfix_backup_pkey",
      ])
    let scratch = try #require((schema["scratch"] as? [String: Any])?["database"] as? String)
    #expect(try !databaseExists(scratch, on: db), "the scratch database is dropped")

    // The printed SQL, run by psql as printed, makes the database match.
    let sql = real.flatMap { $0["sql"] as? [String] ?? [] }.map { $0 + ";" }.joined(separator: "\n")
    _ = try db.execute(sql)
    let (after, afterSchema) = try drift(db)
    #expect(after.status == 0, "\(after.stdout)")
    #expect(Self.differences(afterSchema).isEmpty, "\(after.stdout)")

    let text = try RBShellRun.run(["drift", "--db", "frontend", "--dsn", db.dsn, "--migrations", graph])
    #expect(text.status == 0)
    #expect(text.stdout.contains("drift frontend (database \(db.name)): the ledger's applied migrations, "), "\(text.stdout)")
    #expect(text.stdout.contains("  equal\n"))
  }

  /// The same release built cleanly (a second, independent `up`) has no difference at all, by
  /// the ledger's applied set and by `--release`.
  @Test func aDatabaseBuiltCleanlyIsEqual() throws {
    let db = try database()
    defer { db.drop() }
    // Another application's schema in the same database is not this one's drift.
    _ = try db.execute("CREATE SCHEMA analytics; CREATE TABLE analytics.events (id bigint)")
    for extra in [[], ["--release", "v3.37.0"]] {
      let (run, schema) = try drift(db, extra)
      #expect(run.status == 0, "\(extra): \(run.stdout) \(run.stderr)")
      #expect(Self.differences(schema).isEmpty, "\(run.stdout)")
      #expect(schema["notCompared"] as? [String] == ["analytics"])
      #expect(schema["basis"] as? String == (extra.isEmpty ? "the ledger's applied migrations" : "release v3.37.0"))
    }
  }

  /// Down migrations are not exact inverses: 3.37 rolled back to 3.36 by `downto` differs from a
  /// 3.36 build only in column order and comments — cosmetic, exit 0.
  @Test func aRollbackByDowntoDiffersOnlyCosmetically() throws {
    let db = try database()
    defer { db.drop() }
    let down = try WriteTest.rbshell(["downto", "--db", "frontend", "--target", "1528395968", "--dsn", db.dsn, "--migrations", graph, "--yes"])
    try #require(down.status == 0, "downto: \(down.stderr)")
    let (run, schema) = try drift(db)
    #expect(run.status == 0, "\(run.stdout)")
    let differences = Self.differences(schema)
    #expect(!differences.isEmpty && differences.allSatisfy { $0["cosmetic"] as? Bool == true }, "\(run.stdout)")
    let properties = Set(differences.flatMap { ($0["properties"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String } })
    #expect(properties == ["column order", "comment"], "\(run.stdout)")
  }

  /// `--keep-scratch` keeps the build under its key; the next run reuses it instead of building.
  @Test func aKeptScratchDatabaseIsReused() throws {
    let db = try database(at: "v3.36.0")
    defer { db.drop() }
    let (first, firstSchema) = try drift(db, ["--keep-scratch"])
    #expect(first.status == 0, "\(first.stderr)")
    let scratch = try #require(firstSchema["scratch"] as? [String: Any])
    let name = try #require(scratch["database"] as? String)
    defer { _ = try? db.execute("DROP DATABASE IF EXISTS \"\(name)\" WITH (FORCE)") }
    #expect(scratch["reused"] as? Bool == false)
    #expect(try databaseExists(name, on: db))
    let (second, secondSchema) = try drift(db, ["--keep-scratch"])
    #expect(second.status == 0)
    #expect((secondSchema["scratch"] as? [String: Any])?["reused"] as? Bool == true)
    #expect((secondSchema["scratch"] as? [String: Any])?["database"] as? String == name)
    #expect(!second.stderr.contains("applying"), "a reused build applies nothing: \(second.stderr)")
  }

  /// A role that may not create databases: a clear error, exit 1, nothing created — and
  /// `--scratch-dsn` puts the scratch database where it may.
  @Test func aRoleThatMayNotCreateDatabasesIsToldSoAndScratchDSNHelps() throws {
    let db = try database(at: "v3.36.0")
    defer { db.drop() }
    let reader = try db.makeRole("drift")
    _ = try db.execute("GRANT SELECT ON migration_logs, schema_migrations TO \"\(reader)\"")
    let refused = try WriterProcess(["drift", "--db", "frontend", "--dsn", "\(db.dsn) user=\(reader)", "--migrations", graph])
    #expect(refused.wait() == 1, "\(refused.stdout)")
    #expect(refused.stderr.contains("role \"\(reader)\" may not create databases on this server"), "\(refused.stderr)")
    #expect(refused.stderr.contains("--scratch-dsn"))
    #expect(try scratchDatabases(of: refused, on: db) == 0)
    let helped = try RBShellRun.run([
      "drift", "--db", "frontend", "--dsn", "\(db.dsn) user=\(reader)", "--scratch-dsn", "dbname=postgres", "--migrations", graph,
    ])
    #expect(helped.status == 0, "\(helped.stderr)")
  }

  /// Ctrl-C while the scratch database is being built: the build stops and the scratch database
  /// is dropped.
  @Test func anInterruptedBuildDropsTheScratchDatabase() throws {
    let db = try database(at: "v3.36.0")
    defer { db.drop() }
    let drift = try WriterProcess(["drift", "--db", "frontend", "--dsn", db.dsn, "--migrations", graph, "--release", "v5.3.0"])
    try waitFor("the build to start") { drift.stderr.contains("applying 100/") }
    #expect(try scratchDatabases(of: drift, on: db) == 1)
    drift.signal(SIGINT)
    let status = drift.wait()
    #expect(status == 130, "stderr: \(drift.stderr)")
    #expect(try scratchDatabases(of: drift, on: db) == 0)
  }

  /// Every kind of difference a hand-made change leaves, and the printed SQL, run as printed,
  /// makes the database match: a table dropped with its foreign keys, a column added, a NOT NULL
  /// dropped, a trigger dropped, a function body replaced, a comment.
  @Test func thePrintedSQLRepairsEveryKindOfDifference() throws {
    let db = try database()
    defer { db.drop() }
    for statement in [
      "DROP TABLE cm_emails CASCADE", "ALTER TABLE users ADD COLUMN hack text", "ALTER TABLE repo ALTER COLUMN name DROP NOT NULL",
      "COMMENT ON TABLE repo IS 'hand note'", "DROP TRIGGER trig_invalidate_session_on_password_change ON users",
      "CREATE OR REPLACE FUNCTION soft_deleted_repository_name(name text) RETURNS text LANGUAGE plpgsql STRICT AS $$ BEGIN RETURN 'X-' || name; END $$",
    ] {
      _ = try db.execute(statement)
    }
    let (run, schema) = try drift(db)
    #expect(run.status == 4)
    let differences = Self.differences(schema)
    let found = Set(differences.map { "\($0["change"] as? String ?? "") \($0["kind"] as? String ?? "") \($0["object"] as? String ?? "")" })
    #expect(
      found == [
        "missing table public.cm_emails", "extra column public.users.hack", "changed column public.repo.name",
        "missing constraint public.cm_action_jobs.cm_action_jobs_email_fk", "missing constraint public.cm_recipients.cm_recipients_emails",
        "missing trigger public.users.trig_invalidate_session_on_password_change",
        "changed function public.soft_deleted_repository_name(name text)", "changed table public.repo",
      ], "\(run.stdout)")
    #expect(differences.filter { $0["cosmetic"] as? Bool == true }.map { $0["object"] as? String } == ["public.repo"])
    let hack = differences.first { $0["object"] as? String == "public.users.hack" }
    #expect(hack?["migration"] == nil, "no migration made the extra column")
    let sql = differences.flatMap { $0["sql"] as? [String] ?? [] }.map { $0 + ";" }.joined(separator: "\n")
    _ = try db.execute(sql)
    let (after, afterSchema) = try drift(db)
    #expect(after.status == 0 && Self.differences(afterSchema).isEmpty, "\(after.stdout)")
  }

  /// A failure whose error says an object already exists: diagnose suggests drift.
  @Test func diagnoseSuggestsDriftForAnAlreadyExistsFailure() throws {
    let db = try TestDatabase()
    defer { db.drop() }
    try ScenarioFile.load("demo-incident").build(in: db)
    let run = try RBShellRun.run(["diagnose", "--db", "frontend", "--json", "--dsn", db.dsn])
    let findings = ((try run.json()["schemas"] as? [[String: Any]])?.first?["findings"] as? [[String: Any]]) ?? []
    let failed = try #require(findings.first { $0["code"] as? String == "failed-migration" })
    let suggestions = failed["suggestions"] as? [String] ?? []
    #expect(suggestions.contains { $0.hasPrefix("rbshell drift --db frontend --dsn \(db.dsn)") }, "\(suggestions)")
  }

  /// A role that may create databases but not an untrusted extension: the build stops at that
  /// migration with the server's error, exit 1, and the scratch database is gone.
  @Test func aMigrationTheRoleCannotRunInTheScratchDatabaseIsNamed() throws {
    let db = try database(at: "v3.36.0")
    defer { db.drop() }
    let builder = try db.makeRole("driftdb")
    _ = try db.execute("ALTER ROLE \"\(builder)\" CREATEDB; GRANT SELECT ON migration_logs, schema_migrations TO \"\(builder)\"")
    let run = try WriterProcess(["drift", "--db", "frontend", "--dsn", "\(db.dsn) user=\(builder)", "--migrations", graph])
    #expect(run.wait() == 1, "\(run.stdout)")
    #expect(run.stderr.contains("drift could not build the expected schema: migration up 1528395764"), "\(run.stderr)")
    #expect(run.stderr.contains("permission denied to create extension \"pg_stat_statements\""))
    #expect(run.stderr.contains("nothing was written to the live database"))
    #expect(try scratchDatabases(of: run, on: db) == 0)
  }

  /// A migration recorded while drift builds: the ledger read again with the live catalog says
  /// so, instead of passing that migration's objects off as drift without a word.
  @Test func aLedgerThatChangesWhileDriftRunsIsAWarning() throws {
    let db = try database(at: "v5.3.0")
    defer { db.drop() }
    let drift = try WriterProcess(["drift", "--db", "frontend", "--dsn", db.dsn, "--migrations", graph, "--json"])
    try waitFor("the build to start") { drift.stderr.contains("applying 100/") }
    _ = try db.execute(
      """
      INSERT INTO migration_logs (migration_logs_schema_version, schema, version, up, started_at, finished_at, success)
      VALUES (2, 'schema_migrations', 1, true, now(), now(), true)
      """)
    #expect(drift.wait() == 0, "\(drift.stderr)")
    let warnings = try #require(
      ((try JSONSerialization.jsonObject(with: Data(drift.stdout.utf8)) as? [String: Any])?["drift"] as? [[String: Any]])?.first?["warnings"]
        as? [String], "\(drift.stdout)")
    #expect(warnings.count == 1 && warnings[0].contains("the ledger changed while drift ran (now applied: 1;"), "\(warnings)")
  }

  /// Three schemas in one database (as Sourcegraph allows): each schema's drift leaves the
  /// others' objects — their tables and the sequences their columns own — to them.
  @Test func schemasSharingADatabaseAreEachEqual() throws {
    let db = try database()
    defer { db.drop() }
    for schema in ["codeintel", "codeinsights"] {
      let up = try WriteTest.rbshell(["up", "--db", schema, "--dsn", db.dsn, "--migrations", graph, "--release", "v3.37.0", "--yes"])
      try #require(up.status == 0, "up \(schema): \(up.stderr)")
    }
    let run = try RBShellRun.run(["drift", "--db", "all", "--dsn", db.dsn, "--migrations", graph, "--json"])
    #expect(run.status == 0, "\(run.stdout)")
    let reports = try #require(try run.json()["drift"] as? [[String: Any]])
    #expect(reports.map { $0["schema"] as? String } == ["frontend", "codeintel", "codeinsights"])
    for report in reports { #expect(Self.differences(report).isEmpty, "\(report["schema"] ?? ""): \(run.stdout)") }
  }
}
