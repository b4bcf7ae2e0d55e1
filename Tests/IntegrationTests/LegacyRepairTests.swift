import Foundation
import PostgresClient
import TestSupport
import Testing

/// `repair clear-dirty` on a pre-3.37 database (no migration_logs; golang-migrate's one-row
/// `schema_migrations` says dirty): the catalog's verdict picks the clean version.
@Suite(.enabled(if: TestEnvironment.databaseTestsEnabled, "needs PostgreSQL: run scripts/test"))
struct LegacyRepairTests {
  static let frontend = [
    "1700000000_init", "1700000100_trigram_extension", "1700000200_repo_stars", "1700000300_orgs",
    "1700000400_repo_name_trgm_index", "1700000500_audit_log", "1700000600_repo_summary", "1700000700_repo_archived",
  ]

  /// A database whose frontend SQL ran through `last`, with no ledger but the legacy table.
  func database(through last: Int, dirtyAt version: Int) throws -> TestDatabase {
    let db = try TestDatabase()
    let files = Self.frontend.filter { Int($0.prefix(10))! <= last }.map { "sql/migrations/frontend/\($0)/up.sql" }
    try Psql.run(database: db.name, files: files)
    try db.execute(
      """
      CREATE TABLE schema_migrations (version bigint NOT NULL PRIMARY KEY, dirty boolean NOT NULL);
      INSERT INTO schema_migrations VALUES (\(version), true);
      """)
    return db
  }

  func legacyRow(_ db: TestDatabase) throws -> [String] {
    try db.connect().query("SELECT version || ' ' || dirty FROM schema_migrations").rows.map { $0[0] ?? "" }
  }

  func rbshell(_ arguments: [String], _ db: TestDatabase, audit: URL? = nil) throws -> RBShellRun {
    try WriteTest.rbshell(arguments + ["--db", "frontend", "--dsn", db.dsn, "--migrations", WriteTest.samples], audit: audit)
  }

  @Test func aFinishedMigrationIsClearedAtItsOwnVersion() throws {
    let db = try database(through: 1_700_000_700, dirtyAt: 1_700_000_700)
    defer { db.drop() }
    let diagnose = try rbshell(["diagnose"], db)
    #expect(diagnose.status == 4)
    #expect(diagnose.stdout.contains("schema_migrations is marked dirty at version 1700000700 (pre-3.37 ledger), fully applied"))
    #expect(diagnose.stdout.contains("rbshell repair clear-dirty --db frontend --version 1700000700"))
    let repair = try rbshell(["repair", "clear-dirty", "--version", "1700000700", "--yes"], db)
    #expect(repair.status == 0, "stderr: \(repair.stderr)")
    #expect(repair.stdout.contains(#"UPDATE "schema_migrations" SET version = 1700000700, dirty = false WHERE version = 1700000700 AND dirty"#))
    #expect(try legacyRow(db) == ["1700000700 false"])
    #expect(try rbshell(["diagnose"], db).status == 0)
    let reference = try database(through: 1_700_000_700, dirtyAt: 1_700_000_700)
    defer { reference.drop() }
    #expect(try WriteTest.schemaDump(db) == WriteTest.schemaDump(reference))
  }

  @Test func aMigrationThatNeverRanIsClearedAtTheVersionBeforeIt() throws {
    let db = try database(through: 1_700_000_600, dirtyAt: 1_700_000_700)
    defer { db.drop() }
    let dryRun = try rbshell(["repair", "clear-dirty", "--version", "1700000700", "--dry-run"], db)
    #expect(dryRun.status == 0, "stderr: \(dryRun.stderr)")
    #expect(dryRun.stdout.contains("is in the catalog: the last applied migration is 1700000600, the one before it"))
    #expect(try legacyRow(db) == ["1700000700 true"])
    let shell = try WriteTest.rbshell(["--dsn", db.dsn, "--migrations", WriteTest.samples, "-c", "show 1700000700", "-c", "log"])
    #expect(shell.status == 0, "stderr: \(shell.stderr)")
    #expect(shell.stdout.contains("ledger rows: none (no migration_logs: schema_migrations: version 1700000700, dirty)"))
    #expect(shell.stdout.contains("verdict: not-applied"))
    #expect(shell.stdout.contains("no migration_logs in this database: schema_migrations: version 1700000700, dirty"))
    let json = try rbshell(["repair", "clear-dirty", "--version", "1700000700", "--dry-run", "--json"], db)
    let change = (try json.json()["plans"] as? [[String: Any]])?.first?["legacyFlag"] as? [String: Any]
    #expect(change?["cleanVersion"] as? Int == 1_700_000_600)
    #expect(change?["dirtyVersion"] as? Int == 1_700_000_700)
    let repair = try rbshell(["repair", "clear-dirty", "--version", "1700000700", "--yes"], db)
    #expect(repair.status == 0, "stderr: \(repair.stderr)")
    #expect(try legacyRow(db) == ["1700000600 false"])
    #expect(try rbshell(["diagnose"], db).status == 0)
    let reference = try database(through: 1_700_000_600, dirtyAt: 1_700_000_600)
    defer { reference.drop() }
    #expect(try WriteTest.schemaDump(db) == WriteTest.schemaDump(reference))
  }

  @Test func aPartialMigrationIsRefusedUntilForcedAndTheForceIsAudited() throws {
    let db = try database(through: 1_700_000_400, dirtyAt: 1_700_000_500)
    defer { db.drop() }
    try db.execute("CREATE TABLE audit_log (id bigserial PRIMARY KEY, repo_id integer NOT NULL, action text NOT NULL, at timestamptz NOT NULL DEFAULT now())")
    let before = try WriteTest.fingerprint(db)
    let refused = try rbshell(["repair", "clear-dirty", "--version", "1700000500", "--yes"], db)
    #expect(refused.status == 4)
    #expect(refused.stderr.contains("migration 1700000500 is partially-applied: finish or undo its statements by hand first"))
    #expect(try legacyRow(db) == ["1700000500 true"])
    #expect(try WriteTest.fingerprint(db) == before)
    let audit = FileManager.default.temporaryDirectory.appending(path: "audit-\(UUID().uuidString).jsonl")
    let forced = try rbshell(["repair", "clear-dirty", "--version", "1700000500", "--force", "--yes"], db, audit: audit)
    #expect(forced.status == 0, "stderr: \(forced.stderr)")
    #expect(try legacyRow(db) == ["1700000500 false"])
    let logged = try String(contentsOf: audit, encoding: .utf8)
    #expect(logged.contains("--force: clear-dirty at 1700000500 although the catalog says partially-applied"))
  }

  @Test func refusesAStaleFlagAnUnknownVersionAndAHeldGolangMigrateLock() throws {
    let db = try database(through: 1_700_000_600, dirtyAt: 1_700_000_700)
    defer { db.drop() }
    let unknown = try rbshell(["repair", "clear-dirty", "--version", "1700000650", "--yes"], db)
    #expect(unknown.status == 64)
    let notDirty = try rbshell(["repair", "clear-dirty", "--version", "1700000600", "--yes"], db)
    #expect(notDirty.status == 64)
    #expect(notDirty.stderr.contains("schema_migrations is not marked dirty at version 1700000600"))

    // A pre-3.37 frontend migrating holds golang-migrate's lock (v4.15+ key form).
    let holder = try db.connect()
    let key = try holder.query("SELECT current_database()").scalar!
    _ = try holder.query("SELECT pg_advisory_lock($1::bigint)", [String(golangMigrateKey(key))])
    let busy = try rbshell(["repair", "clear-dirty", "--version", "1700000700", "--yes"], db)
    #expect(busy.status == 5, "stderr: \(busy.stderr)")
    #expect(busy.stderr.contains("golang-migrate's lock"))
    #expect(try rbshell(["diagnose"], db).stdout.contains("holds golang-migrate's migration lock"), "diagnose names the holder")
    _ = try holder.query("SELECT pg_advisory_unlock_all()")
    #expect(try legacyRow(db) == ["1700000700 true"])

    try Psql.run(database: db.name, files: ["sql/ledger/migration_logs.sql"])
    let stale = try rbshell(["repair", "clear-dirty", "--version", "1700000700", "--yes"], db)
    #expect(stale.status == 64)
    #expect(stale.stderr.contains("no longer read since 3.37"))
    #expect(try legacyRow(db) == ["1700000700 true"])
  }

  /// rbshell's other writes go to migration_logs: on a database whose only ledger is the legacy
  /// table they would re-run what it records as applied, so they are refused.
  @Test func migrationWritesAreRefusedWhileTheLegacyTableIsTheLedger() throws {
    let db = try database(through: 1_700_000_300, dirtyAt: 1_700_000_300)
    defer { db.drop() }
    try db.execute("UPDATE schema_migrations SET dirty = false")
    let before = try WriteTest.fingerprint(db)
    for command in [["up", "--privileged=apply"], ["add-log", "--version", "1700000400"], ["repair", "mark-applied", "--version", "1700000300"]] {
      let run = try rbshell(command + ["--yes"], db)
      #expect(run.status == 4, "\(command): \(run.stderr)")
      #expect(run.stderr.contains("frontend's only ledger is the pre-3.37 schema_migrations (version 1700000300)"), "\(command)")
    }
    #expect(try db.connect().query("SELECT to_regclass('migration_logs') IS NULL").scalar == "t")
    #expect(try WriteTest.fingerprint(db) == before)
  }

  /// golang-migrate v4.15+: CRC-32 of "public\0schema_migrations\0<database>" times its salt, in 32 bits.
  func golangMigrateKey(_ database: String) -> UInt32 {
    let bytes = Array("public\u{0}schema_migrations\u{0}\(database)".utf8)
    var crc = ~UInt32(0)
    for byte in bytes {
      crc ^= UInt32(byte)
      for _ in 0..<8 { crc = crc & 1 == 1 ? 0xEDB8_8320 ^ (crc >> 1) : crc >> 1 }
    }
    return ~crc &* 1_486_364_155
  }
}
