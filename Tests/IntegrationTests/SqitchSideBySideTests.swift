import Foundation
import TestSupport
import Testing

/// Side by side with the real Sqitch (Debian `sqitch` + `libdbd-pg-perl`, installed by
/// scripts/test): a deploy script not wrapped in a transaction fails at its second statement;
/// Sqitch records a `fail` event and leaves the first in, so its next deploy fails ("already
/// exists"). rbshell shows what is left, undoes it with the revert script, and the next deploy
/// succeeds.
@Suite(.enabled(if: TestEnvironment.databaseTestsEnabled, "needs PostgreSQL: run scripts/test"))
struct SqitchSideBySideTests {
  func sqitch(_ arguments: [String], _ db: TestDatabase, in project: URL) throws -> (status: Int32, output: String) {
    try PeerTool.run("sqitch", arguments, environment: ["SQITCH_USER_NAME": "rbshell tests", "SQITCH_USER_EMAIL": "tests@example.com"], in: project)
  }

  func write(_ text: String, _ path: String, in project: URL) throws {
    try text.write(to: project.appending(path: path), atomically: true, encoding: .utf8)
  }

  @Test func aChangeSqitchLeftHalfDeployedIsUndoneAndSqitchThenDeploys() throws {
    let db = try TestDatabase()
    defer { db.drop() }
    let project = FileManager.default.temporaryDirectory.appending(path: "sqitch-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: project, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: project) }
    let initialized = try sqitch(["init", "app", "--engine", "pg", "--target", "db:pg:\(db.name)"], db, in: project)
    try #require(initialized.status == 0, "sqitch (scripts/test installs Debian's sqitch and libdbd-pg-perl): \(initialized.output)")
    #expect(try sqitch(["add", "users", "-n", "users"], db, in: project).status == 0)
    try write("BEGIN;\nCREATE TABLE users (id int, email text);\nCOMMIT;\n", "deploy/users.sql", in: project)
    try write("BEGIN;\nDROP TABLE users;\nCOMMIT;\n", "revert/users.sql", in: project)
    try write("SELECT id FROM users WHERE false;\n", "verify/users.sql", in: project)
    let first = try sqitch(["deploy"], db, in: project)
    #expect(first.status == 0, "\(first.output)")
    try db.connect().run("INSERT INTO users VALUES (1, 'a@example.com'), (2, 'a@example.com')")
    #expect(try sqitch(["add", "audit", "-n", "audit"], db, in: project).status == 0)
    try write("CREATE TABLE audit (id int);\nCREATE UNIQUE INDEX users_email ON users (email);\n", "deploy/audit.sql", in: project)
    try write("DROP INDEX users_email;\nDROP TABLE audit;\n", "revert/audit.sql", in: project)
    try write("SELECT 1;\n", "verify/audit.sql", in: project)
    let failed = try sqitch(["deploy"], db, in: project)
    #expect(failed.status != 0 && failed.output.contains("duplicated"), "\(failed.output)")
    let trapped = try sqitch(["deploy"], db, in: project)
    #expect(trapped.status != 0 && trapped.output.contains("already exists"), "Sqitch now trips on the leftover: \(trapped.output)")

    let diagnose = try RBShellRun.run(["diagnose", "--tool", "sqitch", "--migrations", project.path, "--json", "--dsn", db.dsn])
    #expect(diagnose.status == 4, "stderr: \(diagnose.stderr)")
    let finding = try #require(
      ((try diagnose.json()["ledgers"] as? [[String: Any]])?.first?["findings"] as? [[String: Any]])?.first, "\(diagnose.stdout)")
    #expect(finding["version"] as? String == "audit")
    #expect((finding["analysis"] as? [String: Any])?["verdict"] as? String == "partially-applied")
    let suggestion = try #require(finding["suggestion"] as? String)
    #expect(suggestion.hasPrefix("rbshell repair undo-leftovers --tool sqitch --migrations "))

    try db.connect().run("DELETE FROM users WHERE id = 2")
    let repair = try WriteTest.rbshell(Array(suggestion.split(separator: " ").map(String.init).dropFirst()) + ["--yes"])
    #expect(repair.status == 0, "stderr: \(repair.stderr)")
    #expect(repair.stdout.contains("DROP TABLE audit;"))
    #expect(repair.stdout.contains("diagnose --tool sqitch: clean"))

    let next = try sqitch(["deploy"], db, in: project)
    #expect(next.status == 0, "Sqitch's next deploy: \(next.output)")
    let after = try RBShellRun.run(["diagnose", "--tool", "sqitch", "--migrations", project.path, "--dsn", db.dsn])
    #expect(after.status == 0 && after.stdout.contains("OK (2 applied)"), "\(after.stdout)")
  }
}
