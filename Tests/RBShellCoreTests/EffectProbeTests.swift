import Migrations
import RBShellCore
import Testing

/// Each statement kind against a small fake catalog: present → applied, absent → not-applied,
/// anything unprovable → unknown with a reason.
@Suite struct EffectProbeTests {
  static let catalog = CatalogSnapshot(
    searchPath: ["app", "public"], schemas: ["public", "app", "audit"],
    relations: [
      QualifiedName("public", "repo"): Relation(
        kind: .table,
        columns: [
          "id": Column(type: "integer", notNull: true, defaultExpression: "nextval('repo_id_seq'::regclass)"),
          "name": Column(type: "character varying(40)", notNull: true, defaultExpression: "''::character varying"),
          "stars": Column(type: "bigint", notNull: false),
          "role": Column(type: "org_role", notNull: true, defaultExpression: "'member'::org_role"),
        ]),
      QualifiedName("app", "users"): Relation(kind: .table, columns: ["id": Column(type: "integer")]),
      QualifiedName("public", "Mixed Case"): Relation(kind: .table),
      QualifiedName("public", "repo_summary"): Relation(kind: .view),
      QualifiedName("public", "counts"): Relation(kind: .materializedView),
      QualifiedName("public", "repo_seq"): Relation(kind: .sequence),
    ],
    indexes: [
      QualifiedName("public", "repo_name_idx"): Index(table: QualifiedName("public", "repo")),
      QualifiedName("public", "repo_broken_idx"): Index(table: QualifiedName("public", "repo"), valid: false),
    ],
    constraints: [QualifiedName("public", "repo"): ["repo_pkey", "repo_name_check"]],
    functions: [QualifiedName("public", "touch"): 1],
    triggers: [QualifiedName("public", "repo"): ["repo_touch"]],
    types: [QualifiedName("public", "org_role"): TypeInfo(kind: .enumeration, labels: ["member", "admin"])],
    extensions: ["pg_trgm": "1.6"],
    comments: [CommentTarget(kind: .column, name: QualifiedName("public", "repo"), column: "stars"): "Stars."])

  func state(_ sql: String) -> StatementState.State { EffectProbe(catalog: Self.catalog).state(of: sql).state }
  func probe(_ sql: String) -> StatementState { EffectProbe(catalog: Self.catalog).state(of: sql) }

  @Test(arguments: [
    ("CREATE TABLE repo (id int)", StatementState.State.applied),
    ("CREATE TABLE IF NOT EXISTS public.repo (id int)", .applied),
    ("create table missing (id int)", .notApplied),
    (#"CREATE TABLE "Mixed Case" (id int)"#, .applied),
    ("CREATE TABLE mixed case (id int)", .notApplied),
    ("CREATE TABLE users (id int)", .applied),
    ("CREATE TABLE audit.users (id int)", .notApplied),
    ("CREATE TABLE repo_summary (id int)", .unknown),
    ("DROP TABLE IF EXISTS gone, also_gone CASCADE", .applied),
    ("DROP TABLE repo", .notApplied),
    ("DROP TABLE repo, gone", .unknown),
    ("CREATE OR REPLACE VIEW repo_summary AS SELECT 1", .applied),
    ("CREATE MATERIALIZED VIEW IF NOT EXISTS counts AS SELECT 1", .applied),
    ("DROP MATERIALIZED VIEW counts", .notApplied),
    ("CREATE SEQUENCE repo_seq", .applied),
    ("DROP SEQUENCE IF EXISTS other_seq", .applied),
  ])
  func relations(sql: String, expected: StatementState.State) {
    #expect(state(sql) == expected, "\(sql): \(probe(sql).reason)")
  }

  /// `CREATE OR REPLACE FUNCTION` over an older version leaves the function with the old body:
  /// the body (`prosrc`) decides, not the name.
  @Test func aReplacedFunctionIsJudgedByItsBody() {
    let newer = "BEGIN NEW.updated_at = now(); RETURN NEW; END;"
    let older = "BEGIN RETURN NEW; END;"
    let statement = "CREATE OR REPLACE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$\(newer)$$"
    func probe(_ bodies: [String]) -> StatementState {
      EffectProbe(
        catalog: CatalogSnapshot(
          functions: [QualifiedName("public", "touch"): bodies.count],
          functionBodies: [QualifiedName("public", "touch"): bodies])
      ).state(of: statement)
    }
    #expect(probe([newer]).state == .applied)
    #expect(!probe([newer]).weak)
    #expect(probe([older]).state == .notApplied, "\(probe([older]).reason)")
    #expect(probe([older, newer]).state == .applied)  // an overload with this body
    #expect(
      StatementParser.parse("CREATE FUNCTION f(a int DEFAULT CAST(1 AS int)) RETURNS int AS 'SELECT a' LANGUAGE sql")
        == .createFunction(ObjectName("f"), orReplace: false, body: "SELECT a"))
    #expect(
      StatementParser.parse("CREATE FUNCTION f() RETURNS int AS 'MODULE_PATHNAME', 'f' LANGUAGE c")
        == .createFunction(ObjectName("f"), orReplace: false, body: nil))
  }

  /// `ADD PRIMARY KEY (…)` and friends get names from the server: they are found by kind and
  /// columns (real migrations add 32 primary keys and 10 foreign keys this way).
  @Test func unnamedConstraintsAreFoundByTheirShape() {
    let table = QualifiedName("public", "repo")
    let catalog = CatalogSnapshot(
      relations: [table: Relation(kind: .table, columns: ["id": Column(type: "integer"), "org": Column(type: "integer")])],
      constraintShapes: [table: [ConstraintShape(.primaryKey, columns: ["id"]), ConstraintShape(.foreignKey, columns: ["org"])]])
    func state(_ sql: String) -> StatementState.State { EffectProbe(catalog: catalog).state(of: sql).state }
    #expect(state("ALTER TABLE repo ADD PRIMARY KEY (id)") == .applied)
    #expect(state("ALTER TABLE ONLY repo ADD FOREIGN KEY (org) REFERENCES orgs(id) ON DELETE CASCADE") == .applied)
    #expect(state("ALTER TABLE repo ADD UNIQUE (org)") == .notApplied)
    #expect(state("ALTER TABLE repo ADD PRIMARY KEY (org, id)") == .notApplied)
    #expect(state("ALTER TABLE repo ADD CHECK (id > 0)") == .unknown)
  }

  /// The server cuts names to 63 bytes; a real migration's 81-byte index name (frontend
  /// 1678899992) exists under its first 63 bytes.
  @Test func namesLongerThan63BytesAreFoundTruncated() {
    let full = "codeintel_initial_path_ranks_processed_cgraph_key_codeintel_initial_path_ranks_id"
    let stored = String(full.prefix(63))
    let catalog = CatalogSnapshot(
      relations: [QualifiedName("public", "codeintel_initial_path_ranks_processed"): Relation(kind: .table)],
      indexes: [QualifiedName("public", stored): Index(table: QualifiedName("public", "codeintel_initial_path_ranks_processed"))])
    let sql = "CREATE UNIQUE INDEX IF NOT EXISTS \(full) ON codeintel_initial_path_ranks_processed(graph_key, codeintel_initial_path_ranks_id)"
    #expect(EffectProbe(catalog: catalog).state(of: sql).state == .applied)
    #expect(EffectProbe(catalog: catalog).state(of: "DROP INDEX IF EXISTS \(full)").state == .notApplied)
    // A multi-byte character is never split.
    #expect(SQLLexer.truncatedToNameLength(String(repeating: "a", count: 62) + "é").utf8.count == 62)
  }

  @Test(arguments: [
    ("CREATE INDEX repo_name_idx ON repo (name)", StatementState.State.applied),
    ("CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS repo_name_idx ON public.repo USING btree (name)", .applied),
    ("CREATE INDEX CONCURRENTLY repo_broken_idx ON repo (stars)", .notApplied),
    ("CREATE INDEX repo_new_idx ON repo (stars)", .notApplied),
    ("CREATE INDEX ON repo (stars)", .unknown),
    ("DROP INDEX CONCURRENTLY IF EXISTS repo_old_idx", .applied),
    ("DROP INDEX repo_name_idx", .notApplied),
  ])
  func indexes(sql: String, expected: StatementState.State) {
    #expect(state(sql) == expected, "\(sql): \(probe(sql).reason)")
  }

  @Test(arguments: [
    ("ALTER TABLE repo ADD COLUMN stars bigint", StatementState.State.applied),
    ("ALTER TABLE repo ADD COLUMN IF NOT EXISTS forks int", .notApplied),
    ("ALTER TABLE repo DROP COLUMN IF EXISTS forks", .applied),
    ("ALTER TABLE repo DROP COLUMN stars", .notApplied),
    ("ALTER TABLE repo RENAME COLUMN title TO name", .applied),
    ("ALTER TABLE repo RENAME COLUMN name TO title", .notApplied),
    ("ALTER TABLE repo ADD CONSTRAINT repo_name_check CHECK (length(name) > 0)", .applied),
    ("ALTER TABLE repo DROP CONSTRAINT IF EXISTS repo_old_check", .applied),
    ("ALTER TABLE repo ALTER COLUMN stars TYPE int8", .applied),
    ("ALTER TABLE repo ALTER COLUMN name SET DATA TYPE varchar(40)", .applied),
    ("ALTER TABLE repo ALTER COLUMN name TYPE text", .notApplied),
    ("ALTER TABLE repo ALTER COLUMN name SET NOT NULL", .applied),
    ("ALTER TABLE repo ALTER COLUMN stars SET NOT NULL", .notApplied),
    ("ALTER TABLE repo ALTER COLUMN stars DROP NOT NULL", .applied),
    ("ALTER TABLE repo ALTER COLUMN name SET DEFAULT ''", .applied),
    ("ALTER TABLE repo ALTER COLUMN role SET DEFAULT 'member'", .applied),
    ("ALTER TABLE repo ALTER COLUMN role SET DEFAULT 'admin'", .notApplied),
    ("ALTER TABLE repo ALTER COLUMN stars DROP DEFAULT", .applied),
    ("ALTER TABLE repo ADD COLUMN stars bigint, ADD COLUMN forks int", .unknown),
    ("ALTER TABLE repo ADD COLUMN forks int, DROP COLUMN stars", .notApplied),
    ("ALTER TABLE missing ADD COLUMN x int", .unknown),
    ("ALTER TABLE old_repo RENAME TO repo", .applied),
    ("ALTER TABLE repo RENAME TO repositories", .notApplied),
  ])
  func alterTable(sql: String, expected: StatementState.State) {
    #expect(state(sql) == expected, "\(sql): \(probe(sql).reason)")
  }

  @Test(arguments: [
    ("CREATE TYPE org_role AS ENUM ('member', 'admin')", StatementState.State.applied),
    ("CREATE TYPE other_role AS ENUM ('x')", .notApplied),
    ("ALTER TYPE org_role ADD VALUE IF NOT EXISTS 'admin'", .applied),
    ("ALTER TYPE org_role ADD VALUE 'owner' AFTER 'admin'", .notApplied),
    ("DROP TYPE IF EXISTS org_role", .notApplied),
    ("CREATE OR REPLACE FUNCTION touch() RETURNS trigger AS $$ BEGIN RETURN NEW; END; $$ LANGUAGE plpgsql", .applied),
    ("DROP FUNCTION IF EXISTS touch(), untouched(int)", .unknown),
    ("CREATE TRIGGER repo_touch BEFORE UPDATE ON repo FOR EACH ROW EXECUTE FUNCTION touch()", .applied),
    ("DROP TRIGGER IF EXISTS repo_touch ON repo", .notApplied),
    ("CREATE EXTENSION IF NOT EXISTS pg_trgm", .applied),
    ("CREATE EXTENSION hstore", .notApplied),
    ("DROP EXTENSION IF EXISTS citext", .applied),
    ("CREATE SCHEMA IF NOT EXISTS audit", .applied),
    ("DROP SCHEMA legacy CASCADE", .applied),
    ("COMMENT ON COLUMN repo.stars IS 'Stars.'", .applied),
    ("COMMENT ON COLUMN public.repo.stars IS 'Different.'", .notApplied),
    ("COMMENT ON TABLE repo IS NULL", .applied),
    ("COMMENT ON TABLE repo IS 'x'", .notApplied),
  ])
  func otherObjects(sql: String, expected: StatementState.State) {
    #expect(state(sql) == expected, "\(sql): \(probe(sql).reason)")
  }

  @Test func dataChangesAndCodeAreUnknownWithAReason() {
    for sql in [
      "INSERT INTO repo VALUES (1)", "UPDATE repo SET stars = 0", "DELETE FROM repo", "DO $$ BEGIN END $$", "GRANT SELECT ON repo TO x", "VACUUM repo",
    ] {
      let result = probe(sql)
      #expect(result.state == .unknown, "\(sql)")
      #expect(!result.reason.isEmpty)
    }
  }

  @Test func guardedStatementsGiveWeakEvidence() {
    #expect(probe("CREATE TABLE IF NOT EXISTS repo (id int)").weak)
    #expect(!probe("CREATE TABLE repo (id int)").weak)
    #expect(probe("DROP TABLE IF EXISTS gone").weak)
    #expect(probe("CREATE OR REPLACE FUNCTION touch() RETURNS void AS 'select 1' LANGUAGE sql").weak)
  }
}
