import Migrations
import Testing

/// Other tools' folders: dbmate's sectioned files, Prisma's folders, Sqitch's plan and scripts.
struct ToolLayoutTests {
  @Test func dbmateSectionsAreReadInOrderAndCounted() throws {
    let tree = MemoryFileTree(files: [
      "m/20260101000002_audit.sql":
        "-- migrate:up\nCREATE TABLE a (id int);\n-- migrate:down\nDROP TABLE a;\n-- migrate:up transaction:false\nCREATE INDEX i ON a (id);\n",
      "m/20260101000001_users.sql": "-- migrate:up\nCREATE TABLE users (id int);\n\n-- migrate:down\nDROP TABLE users;\n",
      "m/README.md": "not a migration",
    ])
    let files = try DbmateLayoutReader(tree: tree, displayPath: "m").read("m")
    #expect(files.map(\.definition.id) == [20_260_101_000_001, 20_260_101_000_002])
    #expect(files.map(\.upSections) == [1, 2])
    #expect(files[1].definition.upQuery.contains("CREATE TABLE a") && files[1].definition.upQuery.contains("CREATE INDEX i"))
    #expect(files[1].definition.downQuery.contains("DROP TABLE a") && !files[1].definition.downQuery.contains("CREATE"))
    #expect(throws: InvalidDefinitions.self) {
      try DbmateLayoutReader(tree: MemoryFileTree(files: ["m/1_x.sql": "CREATE TABLE x (id int);"]), displayPath: "m").read("m")
    }
  }

  @Test func prismaFoldersAreMigrationsInNameOrderWithTheirTextAsWritten() throws {
    let tree = MemoryFileTree(files: [
      "p/20240202000000_b/migration.sql": "CREATE INDEX i ON t (x);\r\n", "p/20240101000000_a/migration.sql": "CREATE TABLE t (x int);\n",
      "p/migration_lock.toml": "provider = \"postgresql\"\n",
    ])
    let files = try PrismaLayoutReader(tree: tree, displayPath: "p").read("p")
    #expect(files.map(\.name) == ["20240101000000_a", "20240202000000_b"])
    #expect(files[1].text == "CREATE INDEX i ON t (x);\r\n", "the checksum is of the file as written")
  }

  @Test func sqitchPlansNameChangesAndWrappedScriptsAreAtomicWithTheirLinesKept() throws {
    let plan = """
      %syntax-version=1.0.0
      %project=app

      users 2026-01-01T00:00:00Z Ann <ann@example.com> # users
      @v1.0 2026-01-02T00:00:00Z Ann <ann@example.com> # tag
      audit [users] 2026-01-03T00:00:00Z Ann <ann@example.com> # audit
      """
    let tree = MemoryFileTree(files: [
      "s/sqitch.plan": plan,
      "s/deploy/users.sql": "-- Deploy users\nBEGIN;\nCREATE TABLE users (id int);\nCOMMIT;\n",
      "s/revert/users.sql": "BEGIN;\nDROP TABLE users;\nCOMMIT;\n",
      "s/deploy/audit.sql": "CREATE TABLE audit (id int);\nCREATE INDEX i ON audit (id);\n",
    ])
    let changes = try SqitchProjectReader(tree: tree, displayPath: "s").read("s")
    #expect(changes.map(\.name) == ["users", "audit"])
    #expect(changes.map(\.atomic) == [true, false])
    let statements = SQLSplitter.split(changes[0].definition.upQuery)
    #expect(statements.map(\.text) == ["CREATE TABLE users (id int)"])
    #expect(statements.first?.line == 3, "BEGIN is blanked, not removed: lines keep their numbers")
    #expect(SQLSplitter.split(changes[0].definition.downQuery).map(\.text) == ["DROP TABLE users"])
    #expect(throws: InvalidDefinitions.self) {
      try SqitchProjectReader(tree: MemoryFileTree(files: ["s/sqitch.plan": "lost 2026-01-01T00:00:00Z A <a@b> # x\n"]), displayPath: "s").read("s")
    }
  }

  @Test func gooseSectionsAndTheNoTransactionAnnotation() throws {
    let tree = MemoryFileTree(files: [
      "g/00002_audit.sql":
        "-- +goose NO TRANSACTION\n-- +goose Up\nCREATE TABLE a (id int);\n-- +goose StatementBegin\nCREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1; $$;\n-- +goose StatementEnd\n-- +goose Down\nDROP TABLE a;\n",
      "g/00001_users.sql": "-- +goose Up\nCREATE TABLE users (id int);\n-- +goose Down\nDROP TABLE users;\n",
    ])
    let files = try GooseLayoutReader(tree: tree, displayPath: "g").read("g")
    #expect(files.map(\.definition.id) == [1, 2])
    #expect(files.map(\.atomic) == [true, false])
    #expect(SQLSplitter.split(files[1].definition.upQuery).count == 2)
    #expect(files[1].definition.downQuery.contains("DROP TABLE a") && !files[1].definition.downQuery.contains("CREATE"))
  }

  @Test func alembicOfflineSQLIsSplitByRevisionWithoutAlembicsOwnStatements() throws {
    let offline = """
      BEGIN;

      CREATE TABLE alembic_version (
          version_num VARCHAR(32) NOT NULL,
          CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)
      );

      -- Running upgrade  -> r1

      CREATE TABLE users (
          id INTEGER
      );

      INSERT INTO alembic_version (version_num) VALUES ('r1') RETURNING alembic_version.version_num;

      -- Running upgrade r1 -> r2

      CREATE INDEX users_id ON users (id);

      UPDATE alembic_version SET version_num='r2' WHERE alembic_version.version_num = 'r1';

      -- Running upgrade r2, r3 -> r4

      COMMIT;

      """
    let revisions = try AlembicOfflineReader().read(offline, displayPath: "upgrade.sql")
    #expect(revisions.map(\.revision) == ["r1", "r2", "r4"])
    #expect(revisions.map(\.from) == [[], ["r1"], ["r2", "r3"]])
    #expect(SQLSplitter.split(revisions[0].definition.upQuery).map(\.text) == ["CREATE TABLE users (\n    id INTEGER\n)"])
    #expect(SQLSplitter.split(revisions[1].definition.upQuery).map(\.text) == ["CREATE INDEX users_id ON users (id)"])
    #expect(revisions[2].definition.upQuery.isEmpty)
    #expect(throws: InvalidDefinitions.self) { try AlembicOfflineReader().read("SELECT 1;", displayPath: "x.sql") }
  }
}
