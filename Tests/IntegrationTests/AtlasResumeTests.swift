import Foundation
import RBShellCore
import TestSupport
import Testing

@testable import RBShellCLI

/// Atlas (its revisions table and lock; Atlas itself is not installable here): a partial
/// revision's recorded statement count tested against the catalog, and corrected when the catalog
/// proves more statements in than Atlas recorded (its resume would run one again and fail).
@Suite(.enabled(if: TestEnvironment.databaseTestsEnabled, "needs PostgreSQL: run scripts/test"))
struct AtlasResumeTests {
  func folder() throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appending(path: "atlas-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    try "CREATE TABLE users (id int, email text);\n".write(to: folder.appending(path: "20240101_init.sql"), atomically: true, encoding: .utf8)
    try "CREATE TABLE a (id int);\nCREATE TABLE b (id int);\nCREATE UNIQUE INDEX users_email ON users (email);\n"
      .write(to: folder.appending(path: "20240202_add.sql"), atomically: true, encoding: .utf8)
    try "h1:abc=\n".write(to: folder.appending(path: "atlas.sum"), atomically: true, encoding: .utf8)
    return folder
  }

  /// Atlas's table: 20240202 recorded as 1 of 3 applied, with its error; `present` the tables
  /// the catalog has besides users.
  func database(present: [String]) throws -> TestDatabase {
    let db = try TestDatabase()
    let ddl = try String(contentsOf: PackagePaths.root.appending(path: "sql/ledger/atlas-revisions.sql"), encoding: .utf8)
    try db.connect().execute(
      ddl + """
        CREATE TABLE users (id int, email text);
        INSERT INTO atlas_schema_revisions.atlas_schema_revisions
          (version, description, type, applied, total, executed_at, execution_time, error, error_stmt, hash, partial_hashes, operator_version) VALUES
          ('20240101', 'init', 2, 1, 1, now(), 10, NULL, NULL, 'h1', NULL, 'Atlas CLI v0.30.0'),
          ('20240202', 'add', 2, 1, 3, now(), 10, 'could not create unique index', 'CREATE UNIQUE INDEX users_email ON users (email)', 'h2', NULL, 'Atlas CLI v0.30.0');
        """ + present.map { "CREATE TABLE \($0) (id int);" }.joined())
    return db
  }

  func diagnose(_ db: TestDatabase, _ folder: URL) throws -> [String: Any]? {
    let run = try RBShellRun.run(["diagnose", "--tool", "atlas", "--migrations", folder.path, "--json", "--dsn", db.dsn])
    #expect(run.status == 4, "stderr: \(run.stderr)")
    return ((try run.json()["ledgers"] as? [[String: Any]])?.first?["findings"] as? [[String: Any]])?.first
  }

  @Test func aCountTheCatalogAgreesWithIsLeftToAtlasToResume() throws {
    let folder = try folder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let db = try database(present: ["a"])
    defer { db.drop() }
    let finding = try diagnose(db, folder)
    #expect((finding?["message"] as? String)?.contains("the catalog agrees: statements 1…1 are in, so `atlas migrate apply` resumes at statement 2") == true)
    #expect(finding?["suggestion"] == nil)
    let refused = try WriteTest.rbshell(["repair", "record", "--tool", "atlas", "--migrations", folder.path, "--version", "20240202", "--dsn", db.dsn, "--yes"])
    #expect(refused.status == 4, "stderr: \(refused.stderr)")
  }

  @Test func aCountBehindTheCatalogIsCorrectedSoAtlasResumesAtTheRightStatement() throws {
    let folder = try folder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let db = try database(present: ["a", "b"])
    defer { db.drop() }
    let finding = try diagnose(db, folder)
    #expect((finding?["message"] as? String)?.contains("the catalog shows 2 statements in, Atlas recorded 1") == true, "\(String(describing: finding))")
    let suggestion = try #require(finding?["suggestion"] as? String)
    let repair = try WriteTest.rbshell(Array(try ShellWords.split(suggestion).dropFirst()) + ["--yes"])
    #expect(repair.status == 0, "stderr: \(repair.stderr)")
    let applied = try db.connect().query("SELECT applied FROM atlas_schema_revisions.atlas_schema_revisions WHERE version = '20240202'").scalar
    #expect(applied == "2")
    let after = try diagnose(db, folder)
    #expect((after?["message"] as? String)?.contains("the catalog agrees: statements 1…2 are in") == true)
  }
}
