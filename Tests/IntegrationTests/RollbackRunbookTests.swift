import Foundation
import TestSupport
import Testing

/// The rollback runbook end to end: a database at release B rolled back to release A must have
/// A's schema and A's ledger, whether by `rollback --to A` or by `leaves --rev A` + `downto`.
@Suite(.enabled(if: TestEnvironment.databaseTestsEnabled, "needs PostgreSQL: run scripts/test"))
struct RollbackRunbookTests {
  static let schemas = ["frontend", "codeintel", "codeinsights"]
  /// Migrations release B adds on top of A, each descending from A's leaves as `sg migration add`
  /// grows graphs: A's frontend ends on 1700000400, 1700000500 and 1700000700, and B merges two of
  /// them (1700000600); codeintel's A ends on 1700001100 and B branches twice from it (one of them
  /// a concurrent index); codeinsights adds one.
  static let newInB = [
    "frontend/1700000600_repo_summary", "codeintel/1700001200_commit_graph", "codeintel/1700001300_uploads_commit_index",
    "codeinsights/1700002200_default_series_kind",
  ]

  /// A git repository holding the sample migrations: tag A without `newInB`, tag B with them.
  func releases() throws -> MigrationFolder {
    let folder = try MigrationFolder()
    try FileManager.default.copyItem(at: PackagePaths.root.appending(path: "sql/migrations"), to: folder.migrations)
    let stash = folder.root.appending(path: "stash")
    try FileManager.default.createDirectory(at: stash, withIntermediateDirectories: true)
    for (index, path) in Self.newInB.enumerated() {
      try FileManager.default.moveItem(at: folder.migrations.appending(path: path), to: stash.appending(path: "\(index)"))
    }
    try folder.git("init", "-q")
    try folder.git("add", "migrations")
    try folder.git("commit", "-qm", "release A")
    try folder.git("tag", "A")
    for (index, path) in Self.newInB.enumerated() {
      try FileManager.default.moveItem(at: stash.appending(path: "\(index)"), to: folder.migrations.appending(path: path))
    }
    try folder.git("add", "migrations")
    try folder.git("commit", "-qm", "release B")
    try folder.git("tag", "B")
    return folder
  }

  func migrate(_ db: TestDatabase, to rev: String, _ folder: MigrationFolder) throws {
    for schema in Self.schemas {
      let run = try WriteTest.rbshell([
        "up", "--db", schema, "--dsn", db.dsn, "--migrations", folder.migrations.path, "--rev", rev, "--yes", "--privileged=apply",
      ])
      #expect(run.status == 0, "up \(schema) at \(rev): \(run.stderr)")
    }
  }

  func applied(_ db: TestDatabase) throws -> [[Int]] {
    try Self.schemas.map { try WriteTest.applied(db, schema: $0) }
  }

  @Test func rollbackToAMatchesADatabaseMigratedStraightToA() throws {
    let folder = try releases()
    let atA = try TestDatabase()
    let rolledBack = try TestDatabase()
    defer {
      atA.drop()
      rolledBack.drop()
    }
    try migrate(atA, to: "A", folder)
    try migrate(rolledBack, to: "B", folder)
    #expect(try applied(rolledBack) != applied(atA))

    let run = try WriteTest.rbshell(["rollback", "--to", "A", "--dsn", rolledBack.dsn, "--migrations", folder.migrations.path, "--yes"])
    #expect(run.status == 0, "stderr: \(run.stderr)")
    #expect(run.stdout.contains("Plan for frontend: rollback to A (downto 1700000400,1700000500,1700000700) — 1 step"))
    #expect(run.stdout.contains("Plan for codeintel: rollback to A (downto 1700001100) — 2 steps"))
    #expect(!run.stdout.contains("warning"))
    #expect(run.stdout.contains("Plan for codeinsights: rollback to A (downto 1700002100) — 1 step"))
    let dump = try WriteTest.schemaDump(atA)
    #expect(dump.contains("CREATE TABLE public.repo") && dump.contains("CREATE INDEX lsif_uploads_state"))
    #expect(try WriteTest.schemaDump(rolledBack) == dump)
    #expect(try applied(rolledBack) == applied(atA))
  }

  @Test func leavesPlusDowntoPerSchemaDoesTheSame() throws {
    let folder = try releases()
    let atA = try TestDatabase()
    let rolledBack = try TestDatabase()
    defer {
      atA.drop()
      rolledBack.drop()
    }
    try migrate(atA, to: "A", folder)
    try migrate(rolledBack, to: "B", folder)
    let leaves = try RBShellRun.run(["leaves", "--migrations", folder.migrations.path, "--rev", "A", "--json"])
    let bySchema = try #require(try leaves.json()["schemas"] as? [[String: Any]])
    for entry in bySchema {
      let schema = try #require(entry["schema"] as? String)
      let targets = (entry["leaves"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? Int }.map(String.init).joined(separator: ",")
      let run = try WriteTest.rbshell([
        "downto", "-db=\(schema)", "-target=\(targets)", "--dsn", rolledBack.dsn, "--migrations", folder.migrations.path, "--yes",
      ])
      #expect(run.status == 0, "downto \(schema): \(run.stderr)")
    }
    #expect(try WriteTest.schemaDump(rolledBack) == WriteTest.schemaDump(atA))
    #expect(try applied(rolledBack) == applied(atA))
  }

  @Test func schemasAReleaseDidNotHaveAreLeftAsTheyAre() throws {
    let folder = try releases()
    let db = try TestDatabase()
    defer { db.drop() }
    try migrate(db, to: "B", folder)
    // Release "early" knew only the frontend schema.
    try folder.git("checkout", "-q", "A")
    try folder.git("rm", "-rq", "migrations/codeintel", "migrations/codeinsights")
    try folder.git("commit", "-qm", "release early")
    try folder.git("tag", "early")
    try folder.git("checkout", "-q", "B")
    let before = try WriteTest.fingerprint(db)
    let run = try WriteTest.rbshell(["rollback", "--to", "early", "--dsn", db.dsn, "--migrations", folder.migrations.path, "--dry-run"])
    #expect(run.status == 0, "stderr: \(run.stderr)")
    #expect(run.stdout.contains("codeintel: not defined at early, so that release does not use it: left as it is."))
    #expect(run.stdout.contains("codeinsights: not defined at early, so that release does not use it: left as it is."))
    #expect(run.stdout.contains("Plan for frontend: rollback to early"))
    #expect(!run.stdout.contains("Plan for codeintel"))
    #expect(try WriteTest.fingerprint(db) == before)
  }
}
