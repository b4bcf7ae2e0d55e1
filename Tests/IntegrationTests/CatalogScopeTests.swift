import Foundation
import Migrations
import PostgresClient
import RBShellCore
import RBShellPostgres
import TestSupport
import Testing

/// Diagnose reads the objects its failed and pending migrations name, not the whole catalog; the
/// database-wide facts (invalid indexes, schemas, extensions) are read in full.
@Suite(.enabled(if: TestEnvironment.databaseTestsEnabled, "needs PostgreSQL: run scripts/test"))
struct CatalogScopeTests {
  @Test func aScopedReadHoldsTheNamedObjectsAndEveryInvalidIndex() throws {
    let db = try TestDatabase()
    defer { db.drop() }
    try db.execute(
      """
      CREATE TABLE named (id int PRIMARY KEY, v int);
      CREATE INDEX named_v ON named (v);
      CREATE TABLE unrelated (id int PRIMARY KEY, v int);
      CREATE INDEX unrelated_v ON unrelated (v);
      UPDATE pg_index SET indisvalid = false WHERE indexrelid = 'unrelated_v'::regclass;
      CREATE FUNCTION touch() RETURNS int AS 'SELECT 1' LANGUAGE sql;
      CREATE FUNCTION other() RETURNS int AS 'SELECT 2' LANGUAGE sql;
      CREATE TYPE mood AS ENUM ('ok');
      CREATE TYPE other_mood AS ENUM ('meh');
      COMMENT ON TABLE named IS 'kept';
      COMMENT ON TABLE unrelated IS 'not read';
      """)
    var scope = CatalogScope()
    scope.add(
      sql: "ALTER TABLE named ADD COLUMN w int; CREATE OR REPLACE FUNCTION touch() RETURNS int AS 'SELECT 1' LANGUAGE sql; ALTER TYPE mood ADD VALUE 'sad';")
    #expect(scope.relations == ["named"])
    let connection = try db.connect()
    let catalog = try connection.snapshotTransaction { try CatalogReader(connection: connection, scope: scope).read().catalog }
    let named = QualifiedName("public", "named")
    let unrelated = QualifiedName("public", "unrelated")
    #expect(Set(catalog.relations.keys.map(\.name)) == ["named"])
    #expect(Set(catalog.indexes.keys.map(\.name)) == ["named_pkey", "named_v", "unrelated_v"])
    #expect(catalog.relations[named]?.columns.keys.sorted() == ["id", "v"])
    #expect(catalog.indexes[QualifiedName("public", "unrelated_v")]?.valid == false)
    #expect(catalog.indexes[QualifiedName("public", "unrelated_pkey")] == nil)
    #expect(catalog.constraints[named] == ["named_pkey"] && catalog.constraints[unrelated] == nil)
    #expect(Set(catalog.functions.keys.map(\.name)) == ["touch"])
    #expect(Set(catalog.types.keys.map(\.name)) == ["mood"])
    #expect(catalog.comments.filter { $0.key.kind == .relation }.values.sorted() == ["kept"])
    // Unscoped, everything is there.
    let full = try connection.snapshotTransaction { try CatalogReader(connection: connection).read().catalog }
    #expect(full.relations[unrelated] != nil && full.functions.count == 2 && full.types.count == 2)
  }

  /// What a ledger's failed and pending attempts name: their up (or down) SQL, and a concurrent
  /// index's metadata.
  @Test func theScopeFollowsTheFailedAndPendingAttempts() throws {
    let graph = try MigrationGraph([
      Definition(id: 1, upQuery: "CREATE TABLE applied_one (id int);"),
      Definition(id: 2, parents: [1], upQuery: "CREATE TABLE failed_up (id int);", downQuery: "DROP TABLE failed_up;"),
      Definition(id: 3, parents: [2], upQuery: "CREATE TABLE x (id int);", downQuery: "DROP FUNCTION pending_down();"),
      Definition(
        id: 4, parents: [3], upQuery: "CREATE INDEX CONCURRENTLY IF NOT EXISTS built ON t (id);",
        concurrentIndex: IndexMetadata(tableName: "t", indexName: "Built")),
    ])
    let ledger = LedgerSnapshot(
      hasMigrationLogs: true,
      entries: [
        LedgerEntry(version: 1, up: true, success: true, startedAt: 1),
        LedgerEntry(version: 2, up: true, success: false, startedAt: 2),
        LedgerEntry(version: 3, up: false, success: nil, startedAt: 3),
        LedgerEntry(version: 4, up: true, success: false, startedAt: 4),
      ])
    let scope = CatalogScope.needed(by: ledger, graph: graph)
    #expect(scope.relations == ["failed_up", "built", "t"])
    #expect(scope.functions == ["pending_down"])
  }
}
