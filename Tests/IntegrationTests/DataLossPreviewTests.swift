import Foundation
import TestSupport
import Testing

/// The data-loss preview every write plan shows before confirming.
@Suite(.enabled(if: TestEnvironment.databaseTestsEnabled, "needs PostgreSQL: run scripts/test"))
struct DataLossPreviewTests {
  /// 0 (root) → 1: table `big` and a view on it, reverted with DROP TABLE … CASCADE → 2: column `extra`.
  func folder() throws -> MigrationFolder {
    let folder = try MigrationFolder()
    try folder.add("frontend", 10, name: "root")
    try folder.add(
      "frontend", 11, name: "big", parents: [10],
      up: "CREATE TABLE big (id int, note text);\nCREATE VIEW big_view AS SELECT id FROM big;",
      down: "DROP TABLE big CASCADE;")
    try folder.add(
      "frontend", 12, name: "extra", parents: [11],
      up: "ALTER TABLE big ADD COLUMN extra text;", down: "ALTER TABLE big DROP COLUMN extra;")
    return folder
  }

  func prepared() throws -> (TestDatabase, MigrationFolder) {
    let db = try TestDatabase()
    let folder = try folder()
    let up = try WriteTest.rbshell(["up", "--db", "frontend", "--dsn", db.dsn, "--migrations", folder.migrations.path, "--yes"])
    #expect(up.status == 0, "stderr: \(up.stderr)")
    try db.execute(
      """
      INSERT INTO big SELECT i, 'note ' || i, CASE WHEN i % 2 = 0 THEN 'x' END FROM generate_series(1, 10000) AS i;
      ANALYZE big;
      """)
    return (db, folder)
  }

  @Test func estimatesRowsValuesAndCascadeDependents() throws {
    let (db, folder) = try prepared()
    defer { db.drop() }
    let run = try WriteTest.rbshell([
      "downto", "--db", "frontend", "--target", "10", "--dsn", db.dsn, "--migrations", folder.migrations.path, "--dry-run", "--json",
    ])
    #expect(run.status == 0, "stderr: \(run.stderr)")
    let plan = try #require((try run.json()["plans"] as? [[String: Any]])?.first)
    let losses = try #require(plan["dataLoss"] as? [[String: Any]])
    let column = try #require(losses.first { $0["kind"] as? String == "column" })
    let table = try #require(losses.first { $0["kind"] as? String == "table" })
    let values = try #require(column["rows"] as? Int)
    let rows = try #require(table["rows"] as? Int)
    #expect(abs(values - 5000) <= 500, "column estimate \(values)")
    #expect(abs(rows - 10000) <= 1000, "table estimate \(rows)")
    #expect((table["bytes"] as? Int ?? 0) > 100_000)
    #expect(table["cascadesTo"] as? [String] == ["view big_view"])
    #expect(column["object"] as? String == "public.big.extra")
  }

  @Test func exactCountsAndTheTextPreview() throws {
    let (db, folder) = try prepared()
    defer { db.drop() }
    let run = try WriteTest.rbshell([
      "downto", "--db", "frontend", "--target", "10", "--dsn", db.dsn, "--migrations", folder.migrations.path, "--dry-run", "--exact",
    ])
    #expect(run.status == 0, "stderr: \(run.stderr)")
    #expect(run.stdout.contains("Data loss (exact counts):"))
    #expect(run.stdout.contains("down 12, line 1: DROP COLUMN public.big.extra — 5000 non-null values"))
    #expect(run.stdout.contains("down 11, line 1: DROP TABLE public.big — 10000 rows"))
    #expect(run.stdout.contains("CASCADE also drops: view big_view"))
  }

  @Test func saysExplicitlyWhenNothingIsLost() throws {
    let db = try TestDatabase()
    defer { db.drop() }
    let run = try WriteTest.rbshell(["up", "--db", "codeintel", "--dsn", db.dsn, "--migrations", WriteTest.samples, "--dry-run"])
    #expect(run.status == 0)
    #expect(run.stdout.contains("Data loss: none — no statement of this plan drops"))
  }
}
