import Foundation
import Migrations
import PostgresClient
import RBShellCore
import TestSupport
import Testing

/// downto, upto, up, undo and add-log through the real binary against a real server.
@Suite(.enabled(if: TestEnvironment.databaseTestsEnabled, "needs PostgreSQL: run scripts/test"))
struct WriteCommandTests {
  let samples = WriteTest.samples

  func upFrontend(_ db: TestDatabase) throws {
    let run = try WriteTest.rbshell(["up", "--db", "frontend", "--dsn", db.dsn, "--migrations", samples, "--yes", "--privileged=apply"])
    #expect(run.status == 0, "stderr: \(run.stderr)")
  }

  @Test func upWritesLedgerRowsExactlyAsTheMigratorDoes() throws {
    let db = try TestDatabase()
    defer { db.drop() }
    try upFrontend(db)
    let rows = try db.connect().query(
      """
      SELECT migration_logs_schema_version, schema, up, success, finished_at IS NOT NULL AND finished_at >= started_at AS finished,
             error_message IS NULL AS no_error, backfilled
      FROM migration_logs ORDER BY id
      """
    ).rows
    #expect(rows.count == 8)
    #expect(Set(rows.map { $0.map { $0 ?? "NULL" } }) == [["2", "schema_migrations", "t", "t", "t", "t", "f"]])
    #expect(
      try WriteTest.applied(db) == [1_700_000_000, 1_700_000_100, 1_700_000_200, 1_700_000_300, 1_700_000_400, 1_700_000_500, 1_700_000_600, 1_700_000_700])
    #expect(try db.connect().query("SELECT indisvalid FROM pg_index WHERE indexrelid = 'repo_name_trgm'::regclass").scalar == "t")
  }

  @Test func downtoRevertsDescendantsChildrenFirstAndWarnsAboutSideBranches() throws {
    let db = try TestDatabase()
    defer { db.drop() }
    try upFrontend(db)
    let run = try WriteTest.rbshell(["downto", "-db=frontend", "-target=1700000200", "--dsn", db.dsn, "--migrations", samples, "--yes"])
    #expect(run.status == 0, "stderr: \(run.stderr)")
    #expect(run.stdout.contains("warning: applied migrations 1700000100 are neither ancestors nor descendants of the targets"))
    let downs = try WriteTest.rows(db).filter { $0.contains(" down ") }
    #expect(downs == ["1700000700 down true", "1700000600 down true", "1700000500 down true", "1700000400 down true", "1700000300 down true"])
    #expect(try WriteTest.applied(db) == [1_700_000_000, 1_700_000_100, 1_700_000_200])
    #expect(try db.connect().query("SELECT to_regclass('orgs') IS NULL AND to_regclass('audit_log') IS NULL").scalar == "t")

    let side = try WriteTest.rbshell([
      "downto", "--db", "frontend", "--target", "1700000200", "--dsn", db.dsn, "--migrations", samples, "--yes", "--include-side-branches",
      "--privileged=apply",
    ])
    #expect(side.status == 0, "stderr: \(side.stderr)")
    #expect(try WriteTest.applied(db) == [1_700_000_000, 1_700_000_200])
  }

  /// golang-migrate's timestamp versions do not fit migration_logs.version: refused before
  /// anything is written (the write used to fail with a bare ERROR 22003).
  @Test func idsTheLedgerCannotHoldAreRefusedBeforeWriting() throws {
    let db = try TestDatabase()
    defer { db.drop() }
    let folder = try MigrationFolder()
    let frontend = folder.migrations.appending(path: "frontend")
    try FileManager.default.createDirectory(at: frontend, withIntermediateDirectories: true)
    for (version, table) in [(20_240_101_120_000, "users"), (20_240_305_090_000, "posts")] {
      try "CREATE TABLE \(table) (id int);".write(to: frontend.appending(path: "\(version)_\(table).up.sql"), atomically: true, encoding: .utf8)
      try "DROP TABLE \(table);".write(to: frontend.appending(path: "\(version)_\(table).down.sql"), atomically: true, encoding: .utf8)
    }
    let run = try WriteTest.rbshell(["up", "--db", "frontend", "--dsn", db.dsn, "--migrations", folder.migrations.path, "--yes"])
    #expect(run.status == 65, "stderr: \(run.stderr)")
    #expect(run.stderr.contains("migration(s) 20240101120000,20240305090000 of frontend have ids migration_logs.version"), "stderr: \(run.stderr)")
    #expect(try WriteTest.fingerprint(db)[0] == "no ledger")
  }

  @Test func dryRunAndMissingConfirmationWriteNothing() throws {
    let db = try TestDatabase()
    defer { db.drop() }
    try upFrontend(db)
    let before = try WriteTest.fingerprint(db)
    let dry = try WriteTest.rbshell([
      "downto", "--db", "frontend", "--target", "1700000000", "--dsn", db.dsn, "--migrations", samples, "--dry-run", "--verbose", "--privileged=apply",
    ])
    #expect(dry.status == 0)
    #expect(dry.stdout.contains("1. DOWN  1700000700  repo archived"))
    #expect(dry.stdout.contains("1 | ALTER TABLE repo DROP COLUMN IF EXISTS archived;"))
    #expect(dry.stdout.contains("--dry-run: nothing was written."))
    let unconfirmed = try WriteTest.rbshell(
      ["downto", "--db", "frontend", "--target", "1700000000", "--dsn", db.dsn, "--migrations", samples, "--privileged=apply"], stdin: "y\n")
    #expect(unconfirmed.status == 64)
    #expect(unconfirmed.stderr.contains("stdin is not a terminal and --yes was not given"))
    #expect(try WriteTest.fingerprint(db) == before)
  }

  @Test func uptoAndUndoFollowTheMigratorsSemantics() throws {
    let db = try TestDatabase()
    defer { db.drop() }
    let upto = try WriteTest.rbshell(["upto", "--db", "codeintel", "--target", "1700001100", "--dsn", db.dsn, "--migrations", samples, "--yes"])
    #expect(upto.status == 0, "stderr: \(upto.stderr)")
    #expect(try WriteTest.applied(db, schema: "codeintel") == [1_700_001_000, 1_700_001_100])
    let undo = try WriteTest.rbshell(["undo", "--db", "codeintel", "--dsn", db.dsn, "--migrations", samples, "--yes"])
    #expect(undo.status == 0, "stderr: \(undo.stderr)")
    #expect(try WriteTest.applied(db, schema: "codeintel") == [1_700_001_000])
    _ = try WriteTest.rbshell(["up", "--db", "codeintel", "--dsn", db.dsn, "--migrations", samples, "--yes"])
    let ambiguous = try WriteTest.rbshell(["undo", "--db", "codeintel", "--dsn", db.dsn, "--migrations", samples, "--yes"])
    #expect(ambiguous.status == 1)
    #expect(ambiguous.stderr.contains("ambiguous revert - candidates include 1700001200, 1700001300"))
    let unknown = try WriteTest.rbshell(["upto", "--db", "codeintel", "--target", "42", "--dsn", db.dsn, "--migrations", samples, "--yes"])
    #expect(unknown.status == 64)
    #expect(unknown.stderr.contains("unknown migration 42"))
  }

  @Test func addLogShowsTheRowAndRefusesUnknownIds() throws {
    let db = try TestDatabase()
    defer { db.drop() }
    let unknown = try WriteTest.rbshell(["add-log", "-db=frontend", "-version=42", "--dsn", db.dsn, "--migrations", samples, "--yes"])
    #expect(unknown.status == 64)
    #expect(try WriteTest.fingerprint(db)[0] == "no ledger")
    let known = try WriteTest.rbshell(["add-log", "-db=frontend", "-version=1700000000", "--dsn", db.dsn, "--migrations", samples, "--yes"])
    #expect(known.status == 0, "stderr: \(known.stderr)")
    #expect(known.stdout.contains("Will record in migration_logs: schema = 'schema_migrations', version = 1700000000, up = true"))
    let forced = try WriteTest.rbshell(["add-log", "--db", "frontend", "--version", "42", "--up=false", "--force", "--dsn", db.dsn, "--yes"])
    #expect(forced.status == 0, "stderr: \(forced.stderr)")
    #expect(try WriteTest.rows(db) == ["1700000000 up true", "42 down true"])
    #expect(try WriteTest.applied(db) == [1_700_000_000])
  }

  @Test func privilegedMigrationsAreRefusedOrRecordedWithTheMigratorsHash() throws {
    let db = try TestDatabase()
    defer { db.drop() }
    let base = ["upto", "--db", "frontend", "--target", "1700000100", "--dsn", db.dsn, "--migrations", samples, "--yes"]
    let refused = try WriteTest.rbshell(base + ["-unprivileged-only"])
    #expect(refused.status == 4)
    #expect(refused.stderr.contains("--unprivileged-only refuses them"))
    #expect(try WriteTest.fingerprint(db)[0] == "no ledger")
    let hash = PrivilegedModeHash.of([1_700_000_100])
    let noHash = try WriteTest.rbshell(base + ["-noop-privileged"])
    #expect(noHash.status == 4)
    #expect(noHash.stderr.contains("--privileged-hash=\(hash)"))
    #expect(noHash.stderr.contains("CREATE EXTENSION IF NOT EXISTS pg_trgm;"))
    let noop = try WriteTest.rbshell(base + ["-noop-privileged", "-privileged-hash=\(hash)"])
    #expect(noop.status == 0, "stderr: \(noop.stderr)")
    #expect(try WriteTest.applied(db) == [1_700_000_000, 1_700_000_100])
    #expect(try db.connect().query("SELECT count(*) FROM pg_extension WHERE extname = 'pg_trgm'").scalar == "0")
  }

  /// As the migrator does: a superuser runs privileged migrations by default; a role that
  /// cannot is refused with the instructions, and nothing is written.
  @Test func privilegedMigrationsRunByDefaultOnlyForASuperuser() throws {
    let db = try TestDatabase()
    defer { db.drop() }
    let owner = try db.makeRole("owner")
    try db.execute("GRANT ALL ON SCHEMA public TO \"\(owner)\"")
    let base = ["upto", "--db", "frontend", "--target", "1700000100", "--migrations", samples, "--yes"]
    let refused = try WriteTest.rbshell(base + ["--dsn", "\(db.dsn) user=\(owner)"])
    #expect(refused.status == 4, "stderr: \(refused.stderr)")
    #expect(refused.stderr.contains("privileged migration(s) 1700000100"))
    #expect(refused.stderr.contains("the connected role is not a superuser"))
    #expect(try WriteTest.fingerprint(db)[0] == "no ledger")
    let applied = try WriteTest.rbshell(base + ["--dsn", db.dsn])
    #expect(applied.status == 0, "stderr: \(applied.stderr)")
    #expect(try WriteTest.applied(db) == [1_700_000_000, 1_700_000_100])
    #expect(try db.connect().query("SELECT count(*) FROM pg_extension WHERE extname = 'pg_trgm'").scalar == "1")
  }

  @Test func refusesToRunOverAFailedMigrationUnlessItIsNextAndIgnored() throws {
    let db = try TestDatabase()
    defer { db.drop() }
    try ScenarioFile.load("diagnose-failed-rolled-back").build(in: db)
    let before = try WriteTest.fingerprint(db)
    let args = ["upto", "--db", "frontend", "--target", "1700000300", "--dsn", db.dsn, "--migrations", samples, "--yes"]
    let refused = try WriteTest.rbshell(args)
    #expect(refused.status == 4)
    #expect(refused.stderr.contains("dirty database: schema \"frontend\""))
    #expect(try WriteTest.fingerprint(db) == before)
    let retried = try WriteTest.rbshell(args + ["--ignore-single-dirty-log"])
    #expect(retried.status == 0, "stderr: \(retried.stderr)")
    #expect(try WriteTest.applied(db).contains(1_700_000_300))
  }

  /// The migrator runs a concurrent-index migration without a transaction in both directions;
  /// its down SQL (`DROP INDEX CONCURRENTLY`, as four real Sourcegraph migrations have) failed
  /// inside rbshell's transaction.
  @Test func aConcurrentIndexMigrationRevertsOutsideATransaction() throws {
    let db = try TestDatabase()
    defer { db.drop() }
    let folder = try MigrationFolder()
    try folder.add("frontend", 1, name: "base", up: "CREATE TABLE t (id int);", down: "DROP TABLE t;")
    try folder.add(
      "frontend", 2, name: "index", parents: [1], up: "CREATE INDEX CONCURRENTLY IF NOT EXISTS t_id ON t (id);",
      down: "-- Should run as single non-transaction block\nDROP INDEX CONCURRENTLY IF EXISTS t_id;", metadata: "createIndexConcurrently: true\n")
    let common = ["--db", "frontend", "--dsn", db.dsn, "--migrations", folder.migrations.path, "--yes"]
    let up = try WriteTest.rbshell(["up"] + common)
    #expect(up.status == 0, "stderr: \(up.stderr)")
    let down = try WriteTest.rbshell(["downto", "--target", "1"] + common)
    #expect(down.status == 0, "stderr: \(down.stderr)")
    #expect(try WriteTest.rows(db).suffix(1) == ["2 down true"])
    #expect(try db.connect().query("SELECT to_regclass('t_id') IS NULL").scalar == "t")
  }

  /// An INVALID leftover is dropped with the down SQL before the rebuild; a down SQL that drops
  /// it CONCURRENTLY runs outside a transaction (inside one it failed, and the retry with it).
  @Test func aLeftoverIsDroppedConcurrentlyWhenTheDownSQLSaysSo() throws {
    let db = try TestDatabase()
    defer { db.drop() }
    let folder = try MigrationFolder()
    try folder.add("frontend", 1, name: "base", up: "CREATE TABLE t (id int);\nINSERT INTO t VALUES (1), (1);", down: "DROP TABLE t;")
    try folder.add(
      "frontend", 2, name: "index", parents: [1], up: "CREATE INDEX CONCURRENTLY IF NOT EXISTS t_id ON t (id);",
      down: "DROP INDEX CONCURRENTLY IF EXISTS t_id;", metadata: "createIndexConcurrently: true\n")
    let common = ["--db", "frontend", "--dsn", db.dsn, "--migrations", folder.migrations.path, "--yes"]
    #expect(try WriteTest.rbshell(["upto", "--target", "1"] + common).status == 0)
    // An interrupted build's leftover: a unique build over duplicates leaves t_id INVALID.
    #expect(throws: PostgresError.self) { try db.connect().run("CREATE UNIQUE INDEX CONCURRENTLY t_id ON t (id)") }
    let run = try WriteTest.rbshell(["up"] + common)
    #expect(run.status == 0, "stderr: \(run.stderr)")
    #expect(run.stderr.contains("dropped the INVALID leftover index t_id and rebuilt it"), "stderr: \(run.stderr)")
    #expect(try WriteTest.rows(db).suffix(2) == ["2 down true", "2 up true"])
    #expect(try db.connect().query("SELECT indisvalid FROM pg_index WHERE indexrelid = 't_id'::regclass").scalar == "t")
  }

  @Test func concurrentIndexLeftoversAreDroppedAndRebuilt() throws {
    let db = try TestDatabase()
    defer { db.drop() }
    try ScenarioFile.load("diagnose-invalid-index").build(in: db)
    let run = try WriteTest.rbshell([
      "upto", "--db", "frontend", "--target", "1700000400", "--dsn", db.dsn, "--migrations", samples, "--yes", "--ignore-single-dirty-log",
    ])
    #expect(run.status == 0, "stderr: \(run.stderr)")
    #expect(run.stderr.contains("dropped the INVALID leftover index repo_name_trgm and rebuilt it"))
    #expect(try WriteTest.rows(db).suffix(3) == ["1700000400 up false", "1700000400 down true", "1700000400 up true"])
    #expect(try db.connect().query("SELECT indisvalid FROM pg_index WHERE indexrelid = 'repo_name_trgm'::regclass").scalar == "t")
  }
}

/// The migrator's documented hash vector keeps rbshell's SHA-1 honest.
enum PrivilegedModeHash {
  static func of(_ ids: [Int]) -> String {
    // Computed by the binary under test; the documented vector is checked in RBShellCoreTests.
    RBShellCoreHash.hash(ids)
  }
}

enum RBShellCoreHash {
  static func hash(_ ids: [Int]) -> String { PrivilegedMode.hash(ids) }
}

/// The audit log records each write with the plan's ledger rows, and never a password.
@Suite(.enabled(if: TestEnvironment.databaseTestsEnabled, "needs PostgreSQL: run scripts/test"))
struct AuditLogTests {
  @Test func recordsPlanRowsBeforeAndAfterWithoutPasswords() throws {
    let db = try TestDatabase()
    defer { db.drop() }
    let log = FileManager.default.temporaryDirectory.appending(path: "audit-\(UUID().uuidString).jsonl")
    defer { try? FileManager.default.removeItem(at: log) }
    let dsn = "\(db.dsn) password=not-really-used"
    let up = try WriteTest.rbshell(
      ["upto", "--db", "codeintel", "--target", "1700001100", "--dsn", dsn, "--migrations", WriteTest.samples, "--yes"], audit: log)
    #expect(up.status == 0, "stderr: \(up.stderr)")
    let down = try WriteTest.rbshell(["undo", "--db", "codeintel", "--dsn", dsn, "--migrations", WriteTest.samples, "--yes"], audit: log)
    #expect(down.status == 0, "stderr: \(down.stderr)")
    let text = try String(contentsOf: log, encoding: .utf8)
    #expect(!text.contains("not-really-used"))
    // Each write: a "started" line before its first change, then its outcome under the same id.
    let lines = text.split(separator: "\n")
    #expect(lines.count == 4)
    let entries = try lines.map { try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
    #expect(entries.map { $0["outcome"] as? String } == ["started", "completed", "started", "completed"])
    #expect(entries[2]["id"] as? String == entries[3]["id"] as? String && entries[1]["id"] as? String != entries[3]["id"] as? String)
    let last = entries[3]
    #expect((last["rowsBefore"] as? [[String: Any]])?.first?["up"] as? Bool == true)
    #expect((last["rowsAfter"] as? [[String: Any]])?.first?["up"] as? Bool == false)
    let attributes = try FileManager.default.attributesOfItem(atPath: log.path)
    #expect((attributes[.posixPermissions] as? Int) == 0o600)
    let shown = try RBShellRun.run(["audit", "--last", "1"], environment: ["RBSHELL_AUDIT_LOG": log.path])
    #expect(shown.stdout.contains("plan: down 1700001100"))
  }
}

/// `rollback --to vX.Y.Z` with the real stitched graph: planned from the ledger alone (dry run).
@Suite(.enabled(if: TestEnvironment.databaseTestsEnabled && Corpus.testsEnabled, "needs PostgreSQL and the stitched graph"))
struct StitchedRollbackTests {
  @Test func plansTheRevertOfEverythingNewerThanTheRelease() throws {
    let db = try TestDatabase()
    defer { db.drop() }
    let graph = try StitchedGraph.decode(try Corpus.requiredStitchedGraph(), location: "stitched")
    let at337 = try graph.graph(of: .frontend, version: "v3.37.0").ids
    let at336 = Set(try graph.graph(of: .frontend, version: "v3.36.0").ids)
    try db.load("sql/ledger/migration_logs.sql")
    try db.execute(
      at337.map {
        "INSERT INTO migration_logs (migration_logs_schema_version, schema, version, up, started_at, finished_at, success) VALUES (2, 'schema_migrations', \($0), true, now(), now(), true);"
      }.joined(separator: "\n"))
    let run = try WriteTest.rbshell([
      "rollback", "--to", "v3.36.0", "--db", "frontend", "--dsn", db.dsn, "--migrations", Corpus.stitchedGraphURL.path, "--dry-run",
    ])
    #expect(run.status == 0, "stderr: \(run.stderr)")
    let newer = at337.filter { !at336.contains($0) }
    #expect(newer.count == 10)
    #expect(run.stdout.contains("Plan for frontend: rollback to v3.36.0 (downto 1528395968) — \(newer.count) steps"))
    for id in newer { #expect(run.stdout.contains("DOWN  \(id)")) }
  }
}
