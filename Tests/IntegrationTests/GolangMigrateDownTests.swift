import Foundation
import RBShellCore
import TestSupport
import Testing

/// `downto --tool golang-migrate`: its down files to a target, newest first, each with its
/// version change in one transaction, under golang-migrate's lock; a failure leaves the table
/// clean at the version reached.
@Suite(.enabled(if: TestEnvironment.databaseTestsEnabled, "needs PostgreSQL: run scripts/test"))
struct GolangMigrateDownTests {
  /// 1 … 3, each creating table tN; `downs` overrides down files.
  func folder(downs: [Int: String] = [:]) throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appending(path: "golang-migrate-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    for id in 1...3 {
      try "CREATE TABLE t\(id) (id int);\n".write(to: folder.appending(path: "\(id)_t\(id).up.sql"), atomically: true, encoding: .utf8)
      try (downs[id] ?? "DROP TABLE t\(id);\n").write(to: folder.appending(path: "\(id)_t\(id).down.sql"), atomically: true, encoding: .utf8)
    }
    return folder
  }

  func database(version: Int = 3, dirty: Bool = false) throws -> TestDatabase {
    let db = try TestDatabase()
    try db.connect().execute(
      """
      CREATE TABLE schema_migrations (version bigint NOT NULL PRIMARY KEY, dirty boolean NOT NULL);
      INSERT INTO schema_migrations VALUES (\(version), \(dirty));
      CREATE TABLE t1 (id int); CREATE TABLE t2 (id int); CREATE TABLE t3 (id int);
      """)
    return db
  }

  func downto(_ db: TestDatabase, _ folder: URL, _ target: Int, _ extra: [String] = []) throws -> RBShellRun {
    try WriteTest.rbshell(["downto", "--tool", "golang-migrate", "--migrations", folder.path, "--target=\(target)", "--dsn", db.dsn, "--yes"] + extra)
  }

  func state(_ db: TestDatabase) throws -> (rows: [String], tables: [String]) {
    let connection = try db.connect()
    return (
      try connection.query("SELECT version || ' ' || dirty FROM schema_migrations").rows.map { $0[0] ?? "" },
      try connection.query("SELECT relname FROM pg_class WHERE relname ~ '^t[0-9]$' AND relkind = 'r' ORDER BY 1").rows.map { $0[0] ?? "" }
    )
  }

  @Test func theDownFilesRunNewestFirstEachWithItsVersion() throws {
    let folder = try folder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let db = try database()
    defer { db.drop() }
    let run = try downto(db, folder, 1)
    #expect(run.status == 0, "stderr: \(run.stderr)")
    #expect(run.stderr.contains("reverted 3 (t3): the table says version 2, clean"))
    #expect(run.stderr.contains("reverted 2 (t2): the table says version 1, clean"))
    #expect(run.stdout.contains("DROP TABLE public.t3"), "the data-loss preview names what is dropped: \(run.stdout)")
    #expect(try state(db).rows == ["1 false"])
    #expect(try state(db).tables == ["t1"])
    let none = try downto(db, folder, -1)
    #expect(none.status == 0, "stderr: \(none.stderr)")
    #expect(try state(db).rows == [])
    #expect(try state(db).tables == [])
  }

  @Test func aFailingDownFileLeavesTheTableCleanAtTheVersionReached() throws {
    let folder = try folder(downs: [2: "DROP TABLE t2;\nDROP TABLE no_such_table;\n"])
    defer { try? FileManager.default.removeItem(at: folder) }
    let db = try database()
    defer { db.drop() }
    let run = try downto(db, folder, 1)
    #expect(run.status == 1, "stderr: \(run.stderr)")
    #expect(run.stderr.contains("the down file of 2 (t2) failed: ERROR 42P01"), "\(run.stderr)")
    #expect(run.stderr.contains("public.schema_migrations says version 2, clean (reverted before it: 3)"), "\(run.stderr)")
    #expect(try state(db).rows == ["2 false"], "golang-migrate would have left it dirty")
    #expect(try state(db).tables == ["t1", "t2"])
  }

  /// A down file that refuses a transaction runs as golang-migrate runs it: the version set
  /// dirty first, the file alone, then clean — and a failure leaves it dirty, as golang-migrate would.
  @Test(arguments: [("DROP INDEX CONCURRENTLY IF EXISTS t3_idx;\n", true), ("DROP INDEX CONCURRENTLY no_such_index;\n", false)])
  func aDownFileThatRefusesATransactionRunsAsGolangMigrateRunsIt(down: String, succeeds: Bool) throws {
    let folder = try folder(downs: [3: down])
    defer { try? FileManager.default.removeItem(at: folder) }
    let db = try database()
    defer { db.drop() }
    try db.connect().run("CREATE INDEX t3_idx ON t3 (id)")
    let run = try downto(db, folder, 2)
    #expect(run.stdout.contains("outside a transaction"), "\(run.stdout)")
    if succeeds {
      #expect(run.status == 0, "stderr: \(run.stderr)")
      #expect(try state(db).rows == ["2 false"])
      #expect(try db.connect().query("SELECT to_regclass('t3_idx') IS NULL").scalar == "t")
    } else {
      #expect(run.status == 1, "stderr: \(run.stderr)")
      #expect(run.stderr.contains("says version 2, dirty, as golang-migrate leaves it"), "\(run.stderr)")
      #expect(try state(db).rows == ["2 true"])
    }
  }

  @Test func refusedWithoutWriting() throws {
    let folder = try folder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let db = try database()
    defer { db.drop() }
    let above = try downto(db, folder, 5)
    #expect(above.status == 4)
    #expect(above.stderr.contains("cannot go down to 5: not in the folder"))
    let dirty = try database(version: 3, dirty: true)
    defer { dirty.drop() }
    let refused = try downto(dirty, folder, 1)
    #expect(refused.status == 4)
    #expect(refused.stderr.contains("is dirty (version 3, dirty): repair it first"), "\(refused.stderr)")
    let migrate = try db.connect()
    try migrate.run("SELECT pg_advisory_lock(\(KnownLocks.golangMigrateKeys(database: db.name, table: "schema_migrations").last!))")
    let plain = try self.folder()
    defer { try? FileManager.default.removeItem(at: plain) }
    let busy = try downto(db, plain, 1, ["--lock-timeout", "1"])
    #expect(busy.status == 5, "stderr: \(busy.stderr)")
    #expect(try state(db).rows == ["3 false"])
    #expect(try state(db).tables == ["t1", "t2", "t3"])
  }
}
