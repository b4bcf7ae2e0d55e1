import Foundation
import PostgresClient
import RBShellCore
import TestSupport
import Testing

/// `repair force --tool golang-migrate`: golang-migrate's `force` at the version the catalog
/// proves, through the write runner under golang-migrate's own lock — refused when the catalog
/// contradicts it, when the table changed meanwhile, or while golang-migrate holds its lock.
@Suite(.enabled(if: TestEnvironment.databaseTestsEnabled, "needs PostgreSQL: run scripts/test"))
struct GolangMigrateRepairTests {
  let diagnose = GolangMigrateDiagnoseTests()

  func force(_ db: TestDatabase, _ folder: URL, _ extra: [String] = [], audit: URL? = nil) throws -> RBShellRun {
    try WriteTest.rbshell(["repair", "force", "--tool", "golang-migrate", "--migrations", folder.path, "--dsn", db.dsn] + extra, audit: audit)
  }

  func rows(_ db: TestDatabase) throws -> [String] {
    try db.connect().query("SELECT version || ' ' || dirty FROM schema_migrations ORDER BY 1").rows.map { $0[0] ?? "" }
  }

  /// The advisory key golang-migrate (v4.15+) takes for public.schema_migrations in this database.
  func golangMigrateKey(_ db: TestDatabase) -> Int64 {
    KnownLocks.golangMigrateKeys(database: db.name, table: "schema_migrations").last!
  }

  @Test func theProvenVersionIsSetPreviewedConfirmedAndAudited() throws {
    let folder = try diagnose.folder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let db = try diagnose.database("CREATE TABLE users (id int);", version: 2, dirty: true)
    defer { db.drop() }
    let dry = try force(db, folder, ["--dry-run"])
    #expect(dry.status == 0, "stderr: \(dry.stderr)")
    #expect(dry.stdout.contains("Repair: force 1 — the table will hold version 1, clean."), "\(dry.stdout)")
    #expect(dry.stdout.contains("INSERT INTO \"public\".\"schema_migrations\" (version, dirty) VALUES (1, false);"))
    #expect(try rows(db) == ["2 true"])
    let unconfirmed = try force(db, folder)
    #expect(unconfirmed.status == 64, "stdin is not a terminal and there is no --yes")
    #expect(try rows(db) == ["2 true"])
    let audit = FileManager.default.temporaryDirectory.appending(path: "rbshell-audit-\(UUID().uuidString).jsonl")
    defer { try? FileManager.default.removeItem(at: audit) }
    let run = try force(db, folder, ["--yes"], audit: audit)
    #expect(run.status == 0, "stderr: \(run.stderr)")
    #expect(run.stdout.contains("diagnose --tool golang-migrate: clean"))
    #expect(try rows(db) == ["1 false"])
    let entries = try String(contentsOf: audit, encoding: .utf8).split(separator: "\n").map {
      try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] ?? [:]
    }
    #expect(entries.map { $0["outcome"] as? String } == ["started", "completed"])
    #expect(entries.last?["tableBefore"] as? [String] == ["version 2, dirty"])
    #expect(entries.last?["tableAfter"] as? [String] == ["version 1, clean"])
    #expect(entries.last?["operation"] as? String == "force 1")
  }

  @Test func aVersionTheCatalogContradictsIsRefusedUnlessForced() throws {
    let folder = try diagnose.folder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let db = try diagnose.database("CREATE TABLE users (id int);", version: 2, dirty: true)
    defer { db.drop() }
    let refused = try force(db, folder, ["--version", "2", "--yes"])
    #expect(refused.status == 4)
    #expect(refused.stderr.contains("the catalog says the schema is at 1"), "\(refused.stderr)")
    #expect(try rows(db) == ["2 true"])
    let forced = try force(db, folder, ["--version", "2", "--force", "--yes"])
    #expect(forced.status == 0, "stderr: \(forced.stderr)")
    #expect(forced.stdout.contains("WARNING: --force: version 2 although the catalog says"))
    #expect(try rows(db) == ["2 false"])
    let clean = try force(db, folder, ["--yes"])
    #expect(clean.status == 64)
    #expect(clean.stderr.contains("is not dirty"))
  }

  @Test func aPartialMigrationIsNotForcedUntilNamedAndForced() throws {
    let folder = try diagnose.folder(up2: "CREATE TABLE posts (id int);\nCOMMIT;\nCREATE TABLE comments (id int);\n")
    defer { try? FileManager.default.removeItem(at: folder) }
    let db = try diagnose.database("CREATE TABLE users (id int); CREATE TABLE posts (id int);", version: 2, dirty: true)
    defer { db.drop() }
    let refused = try force(db, folder, ["--yes"])
    #expect(refused.status == 4)
    #expect(refused.stderr.contains("cannot decide"), "\(refused.stderr)")
    #expect(try rows(db) == ["2 true"])
    try db.connect().run("CREATE TABLE comments (id int)")
    let finished = try force(db, folder, ["--yes"])
    #expect(finished.status == 0, "finished by hand, the catalog now proves 2: \(finished.stderr)")
    #expect(try rows(db) == ["2 false"])
  }

  /// A table dirty at 2 with only 1's table in, and a session (`migrate`) holding
  /// golang-migrate's lock on it, for the duration of `body`.
  func whileMigrateHoldsItsLock(_ body: (URL, TestDatabase, Connection) throws -> Void) throws {
    let folder = try diagnose.folder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let db = try diagnose.database("CREATE TABLE users (id int);", version: 2, dirty: true)
    defer { db.drop() }
    let migrate = try db.connect()
    try migrate.run("SET application_name = 'migrate'")
    try migrate.run("SELECT pg_advisory_lock(\(golangMigrateKey(db)))")
    try body(folder, db, migrate)
  }

  @Test func golangMigratesLockHeldStopsTheRepairNamingTheHolder() throws {
    try whileMigrateHoldsItsLock { folder, db, _ in
      let run = try force(db, folder, ["--yes", "--lock-timeout", "1"])
      #expect(run.status == 5, "stderr: \(run.stderr)")
      #expect(run.stderr.contains("golang-migrate's lock on public.schema_migrations"), "\(run.stderr)")
      #expect(run.stderr.contains("application \"migrate\""), "\(run.stderr)")
      #expect(try rows(db) == ["2 true"])
    }
  }

  /// golang-migrate runs while rbshell waits for its lock and forces the table itself: the
  /// decision is made again under the lock, finds the table changed, and writes nothing.
  @Test func aTableChangedWhileWaitingForTheLockIsNotOverwritten() throws {
    try whileMigrateHoldsItsLock { folder, db, migrate in
      let writer = try WriterProcess(["repair", "force", "--tool", "golang-migrate", "--migrations", folder.path, "--dsn", db.dsn, "--yes"])
      try waitFor("rbshell to wait for golang-migrate's lock") { writer.stderr.contains("waiting for golang-migrate's lock") }
      try migrate.execute("CREATE TABLE posts (id int, title text); CREATE INDEX posts_title ON posts (title)")
      try migrate.run("UPDATE schema_migrations SET version = 2, dirty = false")
      try migrate.run("SELECT pg_advisory_unlock(\(golangMigrateKey(db)))")
      #expect(writer.wait() == 4, "stderr: \(writer.stderr)")
      #expect(writer.stderr.contains("changed while rbshell waited for the lock: previewed force 1; now"), "\(writer.stderr)")
      #expect(writer.stderr.contains("is not dirty"), "\(writer.stderr)")
      #expect(try rows(db) == ["2 false"])
    }
  }

  @Test func sigtermWhileWaitingForTheLockWritesNothing() throws {
    try whileMigrateHoldsItsLock { folder, db, _ in
      let writer = try WriterProcess(["repair", "force", "--tool", "golang-migrate", "--migrations", folder.path, "--dsn", db.dsn, "--yes"])
      try waitFor("rbshell to wait for golang-migrate's lock") { writer.stderr.contains("waiting for golang-migrate's lock") }
      writer.signal(SIGTERM)
      #expect(writer.wait(timeout: 5) == 143, "stderr: \(writer.stderr)")
      #expect(writer.stderr.contains("interrupted while waiting for the lock: nothing was written"))
      #expect(try rows(db) == ["2 true"])
    }
  }
}
