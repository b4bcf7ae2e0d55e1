import Foundation
import TestSupport
import Testing

/// Side by side with the real Alembic (Debian `alembic` + `python3-psycopg2`, installed by
/// scripts/test): a schema made without Alembic (`create_all`, a restored dump) has no
/// `alembic_version`, so `alembic upgrade head` runs the first revision again and fails ("already
/// exists"). rbshell reads the revisions' SQL as Alembic renders it offline, proves from the
/// catalog which revision the schema is at, stamps it, and `alembic upgrade head` then succeeds.
@Suite(.enabled(if: TestEnvironment.databaseTestsEnabled, "needs PostgreSQL: run scripts/test"))
struct AlembicSideBySideTests {
  func alembic(_ arguments: [String], in project: URL) throws -> (status: Int32, output: String) {
    try PeerTool.run("/usr/bin/alembic", arguments, in: project)
  }

  /// An Alembic project with revisions r1 (users) and r2 (audit, a unique index), its offline SQL
  /// rendered by Alembic into `upgrade.sql`.
  func project(_ db: TestDatabase) throws -> URL {
    let project = FileManager.default.temporaryDirectory.appending(path: "alembic-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: project, withIntermediateDirectories: true)
    let initialized = try alembic(["init", "alembic"], in: project)
    try #require(initialized.status == 0, "alembic (scripts/test installs Debian's alembic and python3-psycopg2): \(initialized.output)")
    let env = ProcessInfo.processInfo.environment
    let url = "postgresql+psycopg2://\(env["PGUSER"] ?? "postgres")@/\(db.name)?host=\(env["PGHOST"] ?? "localhost")&port=\(env["PGPORT"] ?? "5432")"
    let ini = project.appending(path: "alembic.ini")
    let config = try String(contentsOf: ini, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
      .map { $0.hasPrefix("sqlalchemy.url") ? "sqlalchemy.url = \(url.replacingOccurrences(of: "%", with: "%%"))" : String($0) }
    try config.joined(separator: "\n").write(to: ini, atomically: true, encoding: .utf8)
    let revisions = [
      ("r1", "None", "op.create_table('users', sa.Column('id', sa.Integer), sa.Column('email', sa.Text))"),
      ("r2", "'r1'", "op.create_table('audit', sa.Column('id', sa.Integer))\n    op.create_index('users_email', 'users', ['email'], unique=True)"),
    ]
    for (revision, down, body) in revisions {
      try """
      from alembic import op
      import sqlalchemy as sa

      revision = '\(revision)'
      down_revision = \(down)
      branch_labels = None
      depends_on = None


      def upgrade():
          \(body)


      def downgrade():
          pass

      """.write(to: project.appending(path: "alembic/versions/\(revision).py"), atomically: true, encoding: .utf8)
    }
    let offline = try alembic(["upgrade", "base:head", "--sql"], in: project)
    try #require(offline.status == 0, "\(offline.output)")
    let sql = offline.output.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("INFO ") }.joined(separator: "\n")
    try sql.write(to: project.appending(path: "upgrade.sql"), atomically: true, encoding: .utf8)
    return project
  }

  @Test(arguments: [(["users"], "r1"), (["users", "audit", "users_email"], "r2")])
  func aSchemaMadeWithoutAlembicIsStampedWhereItIsAndAlembicThenUpgrades(made: [String], proven: String) throws {
    let db = try TestDatabase()
    defer { db.drop() }
    let project = try project(db)
    defer { try? FileManager.default.removeItem(at: project) }
    let connection = try db.connect()
    try connection.run("CREATE TABLE users (id integer, email text)")
    if made.contains("audit") {
      try connection.run("CREATE TABLE audit (id integer)")
      try connection.run("CREATE UNIQUE INDEX users_email ON users (email)")
    }
    let trapped = try alembic(["upgrade", "head"], in: project)
    #expect(trapped.status != 0 && trapped.output.contains("already exists"), "\(trapped.output)")

    let file = project.appending(path: "upgrade.sql").path
    let diagnose = try RBShellRun.run(["diagnose", "--tool", "alembic", "--migrations", file, "--json", "--dsn", db.dsn])
    #expect(diagnose.status == 4, "stderr: \(diagnose.stderr)")
    let finding = try #require(
      ((try diagnose.json()["ledgers"] as? [[String: Any]])?.first?["findings"] as? [[String: Any]])?.first, "\(diagnose.stdout)")
    #expect(finding["code"] as? String == "alembic-stamp-mismatch")
    #expect(finding["remedy"] as? String == "alembic stamp \(proven)")
    let suggestion = try #require(finding["suggestion"] as? String)
    let stamp = try WriteTest.rbshell(Array(suggestion.split(separator: " ").map(String.init).dropFirst()) + ["--yes"])
    #expect(stamp.status == 0, "stderr: \(stamp.stderr)")
    #expect(try connection.query("SELECT version_num FROM alembic_version").scalar == proven)

    let upgrade = try alembic(["upgrade", "head"], in: project)
    #expect(upgrade.status == 0, "Alembic's next upgrade: \(upgrade.output)")
    let current = try alembic(["current"], in: project)
    #expect(current.output.contains("r2 (head)"), "\(current.output)")
  }
}
