import Foundation
import RBShellCore
import TestSupport
import Testing

@testable import RBShellCLI

/// Prisma's P3009 (a `_prisma_migrations` row with neither `finished_at` nor `rolled_back_at`):
/// `diagnose --tool prisma --migrations DIR` proves from the catalog whether the file ran, and
/// `repair resolve` does what `prisma migrate resolve` would — the way the catalog proves.
@Suite(.enabled(if: TestEnvironment.databaseTestsEnabled, "needs PostgreSQL: run scripts/test"))
struct PrismaResolveTests {
  static let failing = "20240202000000_add_index"
  static let indexSQL = "-- CreateIndex\nCREATE UNIQUE INDEX \"users_email_key\" ON \"users\"(\"email\");\n"

  func folder() throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appending(path: "prisma-\(UUID().uuidString)")
    for (name, sql) in [("20240101000000_init", "-- CreateTable\nCREATE TABLE \"users\" (\"id\" INTEGER, \"email\" TEXT);\n"), (Self.failing, Self.indexSQL)] {
      try FileManager.default.createDirectory(at: folder.appending(path: name), withIntermediateDirectories: true)
      try sql.write(to: folder.appending(path: "\(name)/migration.sql"), atomically: true, encoding: .utf8)
    }
    try "provider = \"postgresql\"\n".write(to: folder.appending(path: "migration_lock.toml"), atomically: true, encoding: .utf8)
    return folder
  }

  /// Prisma's table (its DDL) with init applied and the index migration failed; `indexBuilt`
  /// when the failure came after the SQL committed (a killed deploy).
  func database(indexBuilt: Bool) throws -> TestDatabase {
    let db = try TestDatabase()
    let connection = try db.connect()
    try connection.execute(
      """
      CREATE TABLE _prisma_migrations (
        id VARCHAR(36) PRIMARY KEY NOT NULL, checksum VARCHAR(64) NOT NULL, finished_at TIMESTAMPTZ,
        migration_name VARCHAR(255) NOT NULL, logs TEXT, rolled_back_at TIMESTAMPTZ,
        started_at TIMESTAMPTZ NOT NULL DEFAULT now(), applied_steps_count INTEGER NOT NULL DEFAULT 0);
      CREATE TABLE users (id integer, email text);
      INSERT INTO _prisma_migrations VALUES
        ('a', 'c1', now() - interval '1 day', '20240101000000_init', NULL, NULL, now() - interval '1 day', 1),
        ('b', 'c2', NULL, '\(Self.failing)', 'Database error code: 23505', NULL, now(), 0);
      """ + (indexBuilt ? "CREATE UNIQUE INDEX users_email_key ON users (email);" : ""))
    return db
  }

  func diagnose(_ db: TestDatabase, _ folder: URL) throws -> (run: RBShellRun, finding: [String: Any]?) {
    let run = try RBShellRun.run(["diagnose", "--tool", "prisma", "--migrations", folder.path, "--json", "--dsn", db.dsn])
    return (run, ((try run.json()["ledgers"] as? [[String: Any]])?.first?["findings"] as? [[String: Any]])?.first)
  }

  func rows(_ db: TestDatabase) throws -> [String] {
    try db.connect().query(
      """
      SELECT migration_name || ' ' || CASE WHEN rolled_back_at IS NOT NULL THEN 'rolled-back' WHEN finished_at IS NOT NULL THEN 'applied' ELSE 'failed' END
      FROM _prisma_migrations ORDER BY started_at, id
      """
    ).rows.map { $0[0] ?? "" }
  }

  @Test(arguments: [(false, "rolled-back"), (true, "applied")])
  func theFailedMigrationIsResolvedTheWayTheCatalogProves(indexBuilt: Bool, resolution: String) throws {
    let folder = try folder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let db = try database(indexBuilt: indexBuilt)
    defer { db.drop() }
    let (run, finding) = try diagnose(db, folder)
    #expect(run.status == 4, "stderr: \(run.stderr)")
    #expect((finding?["analysis"] as? [String: Any])?["verdict"] as? String == (indexBuilt ? "fully-applied" : "not-applied"))
    #expect(finding?["remedy"] as? String == "prisma migrate resolve --\(resolution) \(Self.failing)")
    let suggestion = try #require(finding?["suggestion"] as? String, "\(run.stdout)")
    let other = resolution == "applied" ? "rolled-back" : "applied"
    let wrong = try WriteTest.rbshell(
      ["repair", "resolve", "--tool", "prisma", "--migrations", folder.path, "--\(other)", Self.failing, "--dsn", db.dsn, "--yes"])
    #expect(wrong.status == 4, "the catalog contradicts --\(other): \(wrong.stderr)")
    #expect(try rows(db).last == "\(Self.failing) failed")
    let repair = try WriteTest.rbshell(Array(try ShellWords.split(suggestion).dropFirst()) + ["--yes"])
    #expect(repair.status == 0, "stderr: \(repair.stderr)")
    #expect(repair.stdout.contains("diagnose --tool prisma: clean"))
    let expected = ["20240101000000_init applied", "\(Self.failing) rolled-back"] + (indexBuilt ? ["\(Self.failing) applied"] : [])
    #expect(try rows(db) == expected)
    if indexBuilt {
      // The new row carries Prisma's checksum of the file (its SHA-256), so deploy sees it unchanged.
      let checksum = try db.connect().query(
        "SELECT checksum = encode(sha256(convert_to($1, 'UTF8')), 'hex') FROM _prisma_migrations WHERE finished_at IS NOT NULL AND migration_name = $2",
        [Self.indexSQL, Self.failing]
      ).scalar
      #expect(checksum == "t")
    }
    #expect(try diagnose(db, folder).run.status == 0)
  }

  @Test func prismasLockHeldStopsTheRepair() throws {
    let folder = try folder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let db = try database(indexBuilt: false)
    defer { db.drop() }
    let deploy = try db.connect()
    try deploy.run("SET application_name = 'prisma-migrate'")
    try deploy.run("SELECT pg_advisory_lock(\(KnownLocks.prismaKey))")
    let run = try WriteTest.rbshell([
      "repair", "resolve", "--tool", "prisma", "--migrations", folder.path, "--rolled-back", Self.failing, "--dsn", db.dsn, "--yes",
      "--lock-timeout", "1",
    ])
    #expect(run.status == 5, "stderr: \(run.stderr)")
    #expect(run.stderr.contains("Prisma Migrate's lock (advisory key 72707369) is held by pid"), "\(run.stderr)")
    #expect(run.stderr.contains("application \"prisma-migrate\""))
    #expect(try rows(db).last == "\(Self.failing) failed")
  }
}
