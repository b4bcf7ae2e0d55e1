import Foundation
import TestSupport
import Testing

@testable import RBShellCLI

/// `diagnose --tool golang-migrate --migrations DIR`: the dirty flag tested against the catalog,
/// in the situations users report ("Dirty database version N. Fix and force version."), and the
/// `migrate force` it calls for.
@Suite(.enabled(if: TestEnvironment.databaseTestsEnabled, "needs PostgreSQL: run scripts/test"))
struct GolangMigrateDiagnoseTests {
  /// A golang-migrate folder: 1 users, 2 posts (and an index), 3 tags; `up2` replaces 2's up file.
  func folder(up2: String = "CREATE TABLE posts (id int, title text);\nCREATE INDEX posts_title ON posts (title);\n") throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appending(path: "golang-migrate-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let files = [
      "1_create_users.up.sql": "CREATE TABLE users (id int);\n", "1_create_users.down.sql": "DROP TABLE users;\n",
      "2_add_posts.up.sql": up2, "2_add_posts.down.sql": "DROP TABLE posts;\n",
      "3_add_tags.up.sql": "CREATE TABLE tags (id int);\n", "3_add_tags.down.sql": "DROP TABLE tags;\n",
    ]
    for (name, text) in files { try text.write(to: folder.appending(path: name), atomically: true, encoding: .utf8) }
    return folder
  }

  /// The database as golang-migrate leaves it: its table, and the schema's objects.
  func database(_ sql: String, version: Int, dirty: Bool) throws -> TestDatabase {
    let db = try TestDatabase()
    let connection = try db.connect()
    try connection.execute("CREATE TABLE schema_migrations (version bigint NOT NULL PRIMARY KEY, dirty boolean NOT NULL);\n" + sql)
    try connection.run("INSERT INTO schema_migrations VALUES (\(version), \(dirty))")
    return db
  }

  func diagnose(_ db: TestDatabase, _ folder: URL) throws -> (run: RBShellRun, finding: [String: Any]?) {
    let run = try RBShellRun.run(["diagnose", "--tool", "golang-migrate", "--migrations", folder.path, "--json", "--dsn", db.dsn])
    let ledgers = try run.json()["ledgers"] as? [[String: Any]] ?? []
    return (run, (ledgers.first?["findings"] as? [[String: Any]])?.first)
  }

  struct Report: Sendable, CustomTestStringConvertible {
    let name: String
    let sql: String
    let dirty: Int
    let attempt: String
    let verdict: String
    let force: Int?
    var testDescription: String { name }
  }

  static let reports = [
    Report(name: "dirty but rolled back", sql: "CREATE TABLE users (id int);", dirty: 2, attempt: "up", verdict: "not-applied", force: 1),
    Report(
      name: "dirty but completed", sql: "CREATE TABLE users (id int); CREATE TABLE posts (id int, title text); CREATE INDEX posts_title ON posts (title);",
      dirty: 2, attempt: "up", verdict: "fully-applied", force: 2),
    Report(name: "dirty on the first migration", sql: "", dirty: 1, attempt: "up", verdict: "not-applied", force: -1),
    Report(
      name: "dirty after a failed down (rolled back)",
      sql: "CREATE TABLE users (id int); CREATE TABLE posts (id int, title text); CREATE INDEX posts_title ON posts (title); CREATE TABLE tags (id int);",
      dirty: 2, attempt: "down", verdict: "not-applied", force: 3),
    Report(
      name: "dirty after a down that finished",
      sql: "CREATE TABLE users (id int); CREATE TABLE posts (id int, title text); CREATE INDEX posts_title ON posts (title);", dirty: 3,
      attempt: "up", verdict: "not-applied", force: 2),
  ]

  @Test(arguments: reports)
  func theDirtyFlagIsTestedAgainstTheCatalog(report: Report) throws {
    let folder = try folder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let db = try database(report.sql, version: report.dirty, dirty: true)
    defer { db.drop() }
    let (run, finding) = try diagnose(db, folder)
    #expect(run.status == 4, "stderr: \(run.stderr)")
    let verdict = try #require(finding?["verdict"] as? [String: Any], "\(run.stdout)")
    #expect(verdict["attempt"] as? String == report.attempt)
    #expect((verdict["analysis"] as? [String: Any])?["verdict"] as? String == report.verdict)
    #expect(verdict["force"] as? Int == report.force)
    #expect(finding?["remedy"] as? String == report.force.map { "migrate force \($0)" })
    let text = try RBShellRun.run(["diagnose", "--tool", "golang-migrate", "--migrations", folder.path, "--dsn", db.dsn])
    #expect(text.status == 4)
    #expect(text.stdout.contains("verdict: \(report.verdict)"), "\(text.stdout)")
    #expect(text.stdout.contains("or: migrate force \(report.force!)"), "\(text.stdout)")
    // rbshell's own repair, as printed, runs and leaves the version the verdict named.
    let suggestion = try #require(finding?["suggestion"] as? String, "\(run.stdout)")
    #expect(text.stdout.contains("repair: \(suggestion)\n"))
    let words = try ShellWords.split(suggestion)
    #expect(words.prefix(3) == ["rbshell", "repair", "force"])
    let repair = try WriteTest.rbshell(Array(words.dropFirst()) + ["--yes"])
    #expect(repair.status == 0, "stderr: \(repair.stderr)")
    let rows = try db.connect().query("SELECT version || ' ' || dirty FROM schema_migrations").rows.map { $0[0] ?? "" }
    #expect(rows == (report.force == -1 ? [] : ["\(report.force!) false"]))
  }

  /// A file with its own `COMMIT` is not atomic in golang-migrate's one multi-statement query:
  /// it can stop part-way, and then no `force` is right until the rest is done by hand.
  @Test func aFileThatCommitsItselfCanStopPartWayAndNoForceIsOffered() throws {
    let folder = try folder(up2: "CREATE TABLE posts (id int);\nCOMMIT;\nCREATE TABLE comments (id int);\n")
    defer { try? FileManager.default.removeItem(at: folder) }
    let db = try database("CREATE TABLE users (id int); CREATE TABLE posts (id int);", version: 2, dirty: true)
    defer { db.drop() }
    let (run, finding) = try diagnose(db, folder)
    #expect(run.status == 4)
    let verdict = try #require(finding?["verdict"] as? [String: Any], "\(run.stdout)")
    #expect((verdict["analysis"] as? [String: Any])?["verdict"] as? String == "partially-applied")
    #expect(verdict["force"] == nil)
    #expect(finding?["remedy"] == nil)
  }

  @Test func aCleanLedgerIsHealthy() throws {
    let folder = try folder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let db = try database("CREATE TABLE users (id int);", version: 1, dirty: false)
    defer { db.drop() }
    let (run, finding) = try diagnose(db, folder)
    #expect(run.status == 0, "stderr: \(run.stderr)")
    #expect(finding == nil)
  }

  @Test func badUsageAndBadFoldersAreRefusedClearly() throws {
    let db = try database("", version: 1, dirty: true)
    defer { db.drop() }
    let unknown = try RBShellRun.run(["diagnose", "--tool", "liquibase", "--dsn", db.dsn])
    #expect(unknown.status == 64)
    #expect(unknown.stderr.contains("unknown tool \"liquibase\""))
    let otherTool = try RBShellRun.run(["diagnose", "--tool", "rails", "--migrations", "/tmp", "--dsn", db.dsn])
    #expect(otherTool.status == 64)
    #expect(otherTool.stderr.contains("--migrations is not read for --tool rails (its migrations are Ruby, not SQL)"))
    let folder = try folder()
    defer { try? FileManager.default.removeItem(at: folder) }
    try FileManager.default.removeItem(at: folder.appending(path: "3_add_tags.down.sql"))
    let broken = try RBShellRun.run(["diagnose", "--tool", "golang-migrate", "--migrations", folder.path, "--dsn", db.dsn])
    #expect(broken.status == 65)
    #expect(broken.stderr.contains("downgrade query for migration definition 3 not found"), "\(broken.stderr)")
  }
}
