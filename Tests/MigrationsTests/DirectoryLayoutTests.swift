import Migrations
import Testing

@Suite struct DirectoryLayoutTests {
  @Test func readsTheWellFormedShapeInTheMigratorsOrder() throws {
    let graph = try Fixtures.load(Fixtures.tree(Fixtures.wellFormed))
    #expect(graph.ids == [10001, 10002, 10003, 10004, 10005, 10006])
    #expect(graph.root?.id == 10001)
    #expect(graph.leaves.map(\.id) == [10006])
    #expect(graph.children(of: 10002) == [10003, 10004])
    #expect(graph[10005]?.name == "migration 10005")
  }

  @Test func idsComeFromTheFolderNameAndNamesFromMetadata() throws {
    var migrations = Fixtures.wellFormed
    migrations[1].slug = "some_slug"
    var tree = Fixtures.tree(migrations)
    tree.write("frontend/README.md", "not a migration")
    tree.write("frontend/squashed.sql", "-- ignored")
    let graph = try Fixtures.load(tree)
    #expect(graph[10002]?.name == "migration 10002")
    #expect(graph.count == 6)
  }

  /// Strict loading: ids that collide, that the ledger cannot store, and a folder without any
  /// migration are problems (exit 65), never silently "valid".
  @Test func duplicateIdsAreAProblemNotACollapse() {
    var tree = Fixtures.tree(Fixtures.wellFormed)
    Fixtures.Migration(id: 10002, parents: [10001], slug: "again").write(into: &tree, folder: "frontend")
    tree.write("frontend/010002_padded/up.sql", "SELECT 1;")
    #expect(Fixtures.problems(tree).filter { $0 == .duplicateID }.count == 2)
  }

  @Test(arguments: ["2147483648_big", "-2147483649_small", "99999999999999999999_huge"])
  func idsOutsidePostgresIntegerAreAProblem(_ name: String) {
    var tree = Fixtures.tree(Fixtures.wellFormed)
    for file in ["up.sql", "down.sql", "metadata.yaml"] { tree.write("frontend/\(name)/\(file)", file == "metadata.yaml" ? "name: x\n" : "SELECT 1;") }
    #expect(Fixtures.problems(tree).contains(.idOutOfRange))
  }

  @Test func aFolderWithoutMigrationsIsAProblem() {
    var tree = MemoryFileTree()
    tree.write("frontend/README.md", "nothing here")
    #expect(Fixtures.problems(tree) == [.noMigrations])
  }

  @Test func aNumericFileIsAMalformedMigration() {
    var tree = Fixtures.tree(Fixtures.wellFormed)
    tree.write("frontend/10007_oops.sql", "SELECT 1;")
    #expect(Fixtures.problems(tree) == [.malformedDefinition])
  }

  @Test(arguments: ["up.sql", "down.sql", "metadata.yaml"])
  func missingFilesAreMalformed(file: String) throws {
    var migrations = Fixtures.wellFormed
    migrations[5].omit = [file]
    let error = try #require(throws: InvalidDefinitions.self) { try Fixtures.load(Fixtures.tree(migrations)) }
    #expect(error.problems.map(\.code) == [.malformedDefinition])
    #expect(error.problems[0].message == "malformed migration definition at 'migrations/frontend/10006': missing \(file)")
  }

  @Test func mergesParentAndParentsAndIgnoresUnknownKeys() throws {
    var migrations = Fixtures.wellFormed
    migrations[4].parents = [10004]
    migrations[4].extraMetadata = "parent: 10003\nfavouriteColour: blue\n"
    migrations[0].extraMetadata = "parent: 0\n"
    let graph = try Fixtures.load(Fixtures.tree(migrations))
    #expect(graph[10005]?.parents == [10003, 10004])
    #expect(graph.root?.id == 10001)
  }

  @Test func malformedYAMLIsReported() {
    var migrations = Fixtures.wellFormed
    migrations[2].extraMetadata = "parents: [10002\n"
    #expect(Fixtures.problems(Fixtures.tree(migrations)) == [.malformedDefinition])
  }

  @Test func reportsEveryProblemInTheFolder() throws {
    var migrations = Fixtures.wellFormed
    migrations[1].omit = ["down.sql"]
    migrations[3].up = "CREATE EXTENSION citext;"
    migrations[5].parents = [99999]
    let error = try #require(throws: InvalidDefinitions.self) { try Fixtures.load(Fixtures.tree(migrations)) }
    #expect(Set(error.problems.map(\.code)) == [.malformedDefinition, .unmarkedPrivilege, .unknownParent])
  }

  @Test func canonicalisesQueriesAsTheMigratorDoes() throws {
    var migrations = Fixtures.wellFormed
    migrations[1].up = "  BEGIN;\nCREATE TABLE t (pct text DEFAULT '%');\nCOMMIT;\n"
    migrations[1].down = "-- +++\n-- parent: 1\n-- +++\nBEGIN;\nDROP TABLE t;\n"
    let graph = try Fixtures.load(Fixtures.tree(migrations))
    #expect(graph[10002]?.upQuery == "CREATE TABLE t (pct text DEFAULT '%');")
    #expect(graph[10002]?.downQuery == "DROP TABLE t;")
    #expect(QueryText.canonicalize("begin;\nSELECT 1;\ncommit;") == "begin;\nSELECT 1;\ncommit;")
    #expect(QueryText.canonicalize("BEGIN;\nBEGIN;\nSELECT 1;\nCOMMIT;\nCOMMIT;") == "BEGIN;\nSELECT 1;\nCOMMIT;")
  }
}

@Suite struct DefinitionRuleTests {
  func check(up: String, down: String = "DROP INDEX IF EXISTS i;", flags: String = "") -> ([DefinitionProblem.Code], MigrationGraph?) {
    var migrations = Fixtures.wellFormed
    migrations[5].up = up
    migrations[5].down = down
    migrations[5].extraMetadata = flags
    let tree = Fixtures.tree(migrations)
    return (Fixtures.problems(tree), try? Fixtures.load(tree))
  }

  @Test func acceptsConcurrentIndexMigrationsAndRecordsTheIndex() throws {
    let (problems, graph) = check(up: "CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_a ON repo(name);", flags: "createIndexConcurrently: true\n")
    #expect(problems.isEmpty)
    #expect(graph?[10006]?.concurrentIndex == IndexMetadata(tableName: "repo", indexName: "idx_a"))
    let unique = check(up: "CREATE UNIQUE INDEX CONCURRENTLY idx_b ON repo (id);\n-- only a comment\n", flags: "createIndexConcurrently: true\n")
    #expect(unique.0.isEmpty)
    #expect(unique.1?[10006]?.concurrentIndex?.indexName == "idx_b")
  }

  @Test func concurrentIndexRules() {
    #expect(check(up: "CREATE INDEX CONCURRENTLY i ON t(a);").0 == [.concurrentUnexpected])
    #expect(check(up: "CREATE INDEX CONCURRENTLY i ON t(a); ALTER TABLE t ADD COLUMN b int;", flags: "createIndexConcurrently: true\n").0 == [.concurrentExtra])
    #expect(check(up: "CREATE INDEX i ON t(a);", flags: "createIndexConcurrently: true\n").0 == [.concurrentExpected])
    #expect(check(up: "SELECT 1;", down: "CREATE INDEX CONCURRENTLY i ON t(a);").0 == [.concurrentDown])
  }

  @Test func lowercaseConcurrentIndexIsNotDetectedLikeTheMigrator() {
    let (problems, graph) = check(up: "create index concurrently i on t(a);")
    #expect(problems.isEmpty)
    #expect(graph?[10006]?.isCreateIndexConcurrently == false)
  }

  @Test func extensionChangesMustBeMarkedPrivileged() {
    #expect(check(up: "CREATE EXTENSION IF NOT EXISTS pg_trgm;").0 == [.unmarkedPrivilege])
    #expect(check(up: "SELECT 1;", down: "DROP EXTENSION pg_trgm;").0 == [.unmarkedPrivilege])
    #expect(check(up: "COMMENT ON EXTENSION citext IS 'x';", flags: "privileged: true\n").0.isEmpty)
    #expect(check(up: "SELECT 1;", flags: "privileged: true\n").0.isEmpty)
  }
}
