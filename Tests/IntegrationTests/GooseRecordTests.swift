import Foundation
import RBShellCore
import TestSupport
import Testing

@testable import RBShellCLI

/// goose (its table and lock; goose itself is not installable here): a `NO TRANSACTION` migration
/// that stopped part-way leaves no row, so goose's next `up` repeats it and fails; rbshell runs
/// the rest and writes the row goose would have.
@Suite(.enabled(if: TestEnvironment.databaseTestsEnabled, "needs PostgreSQL: run scripts/test"))
struct GooseRecordTests {
  func folder() throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appending(path: "goose-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    try "-- +goose Up\nCREATE TABLE users (id int, email text);\n\n-- +goose Down\nDROP TABLE users;\n"
      .write(to: folder.appending(path: "00001_users.sql"), atomically: true, encoding: .utf8)
    try """
    -- +goose NO TRANSACTION
    -- +goose Up
    CREATE TABLE audit (id int);
    CREATE UNIQUE INDEX users_email ON users (email);

    -- +goose Down
    DROP INDEX users_email;
    DROP TABLE audit;

    """.write(to: folder.appending(path: "00002_audit.sql"), atomically: true, encoding: .utf8)
    return folder
  }

  func database() throws -> TestDatabase {
    let db = try TestDatabase()
    try db.connect().execute(
      """
      CREATE TABLE goose_db_version (id serial NOT NULL, version_id bigint NOT NULL, is_applied boolean NOT NULL,
        tstamp timestamp NULL DEFAULT now(), PRIMARY KEY (id));
      INSERT INTO goose_db_version (version_id, is_applied) VALUES (0, true), (1, true);
      CREATE TABLE users (id int, email text);
      CREATE TABLE audit (id int);
      """)
    return db
  }

  @Test func aNoTransactionMigrationThatStoppedIsCompletedAndRecorded() throws {
    let folder = try folder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let db = try database()
    defer { db.drop() }
    let run = try RBShellRun.run(["diagnose", "--tool", "goose", "--migrations", folder.path, "--json", "--dsn", db.dsn])
    #expect(run.status == 4, "stderr: \(run.stderr)")
    let finding = try #require(((try run.json()["ledgers"] as? [[String: Any]])?.first?["findings"] as? [[String: Any]])?.first)
    #expect(finding["code"] as? String == "unrecorded-migration")
    #expect((finding["analysis"] as? [String: Any])?["verdict"] as? String == "partially-applied")
    let suggestion = try #require(finding["suggestion"] as? String)
    #expect(suggestion.hasPrefix("rbshell repair record --tool goose "))
    let repair = try WriteTest.rbshell(Array(try ShellWords.split(suggestion).dropFirst()) + ["--yes"])
    #expect(repair.status == 0, "stderr: \(repair.stderr)")
    let connection = try db.connect()
    #expect(try connection.query("SELECT count(*) FROM pg_indexes WHERE indexname = 'users_email'").scalar == "1")
    #expect(try connection.query("SELECT count(*) FROM goose_db_version WHERE version_id = 2 AND is_applied").scalar == "1")
    let after = try RBShellRun.run(["diagnose", "--tool", "goose", "--migrations", folder.path, "--dsn", db.dsn])
    #expect(after.status == 0, "\(after.stdout)")
  }

  @Test func goosesLockHeldStopsTheRepair() throws {
    let folder = try folder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let db = try database()
    defer { db.drop() }
    let goose = try db.connect()
    try goose.run("SELECT pg_advisory_lock(\(KnownLocks.gooseKeys[1]))")
    let run = try WriteTest.rbshell([
      "repair", "record", "--tool", "goose", "--migrations", folder.path, "--version", "2", "--dsn", db.dsn, "--yes", "--lock-timeout", "1",
    ])
    #expect(run.status == 5, "stderr: \(run.stderr)")
    #expect(run.stderr.contains("goose's lock"), "\(run.stderr)")
  }
}
