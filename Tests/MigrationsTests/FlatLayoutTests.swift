import Migrations
import Testing

@Suite struct FlatLayoutTests {
  func load(_ files: [String: String]) throws -> MigrationGraph {
    var tree = MemoryFileTree()
    for (name, text) in files { tree.write("frontend/\(name)", text) }
    return try Fixtures.load(tree)
  }

  func codes(_ files: [String: String]) -> [DefinitionProblem.Code] {
    do {
      _ = try load(files)
      return []
    } catch let invalid as InvalidDefinitions {
      return invalid.problems.map(\.code)
    } catch { return [] }
  }

  @Test func sourcegraphsFlatLayoutWithFrontMatter() throws {
    let graph = try load([
      "10000_init.up.sql": "CREATE TABLE a (id int);", "10000_init.down.sql": "DROP TABLE a;",
      "10001_add_b.up.sql": "-- +++\n-- parent: 10000\n-- +++\nBEGIN;\nALTER TABLE a ADD b int;\nCOMMIT;",
      "10001_add_b.down.sql": "ALTER TABLE a DROP b;",
      "10002_add_c.up.sql": "ALTER TABLE a ADD c int;", "10002_add_c.down.sql": "ALTER TABLE a DROP c;",
    ])
    #expect(graph.ids == [10000, 10001, 10002])
    #expect(graph[10001]?.parents == [10000])
    #expect(graph[10002]?.parents == [10001])
    #expect(graph[10001]?.name == "add b")
    #expect(graph[10001]?.upQuery == "ALTER TABLE a ADD b int;")
  }

  @Test func golangMigrateVersionsAreLinkedInOrder() throws {
    let graph = try load([
      "20240101120000_users.up.sql": "CREATE TABLE users (id int);", "20240101120000_users.down.sql": "DROP TABLE users;",
      "20240305090000_posts.up.sql": "CREATE TABLE posts (id int);", "20240305090000_posts.down.sql": "DROP TABLE posts;",
      "20240401000000_tags.up.sql": "SELECT 1;", "20240401000000_tags.down.sql": "SELECT 1;",
    ])
    #expect(graph.ids == [20_240_101_120_000, 20_240_305_090_000, 20_240_401_000_000])
    #expect(graph.leaves.map(\.id) == [20_240_401_000_000])
    #expect(graph[20_240_305_090_000]?.parents == [20_240_101_120_000])
  }

  @Test func linearRules() {
    let frontMatter = "-- +++\n-- parent: 10000\n-- +++\nSELECT 1;"
    #expect(
      codes([
        "10000_a.up.sql": "SELECT 1;", "10000_a.down.sql": "SELECT 1;",
        "10002_c.up.sql": "-- +++\n-- parent: 10001\n-- +++\nSELECT 1;", "10002_c.down.sql": "SELECT 1;",
      ]).contains(.identifierJump))
    #expect(
      codes([
        "10001_a.up.sql": frontMatter, "10001_a.down.sql": "SELECT 1;",
        "10002_b.up.sql": "SELECT 1;", "10002_b.down.sql": "SELECT 1;",
      ]).contains(.rootWithParent))
    #expect(
      codes([
        "10000_a.up.sql": "SELECT 1;", "10000_a.down.sql": "SELECT 1;",
        "10001_b.up.sql": frontMatter, "10001_b.down.sql": "SELECT 1;",
        "10002_c.up.sql": frontMatter, "10002_c.down.sql": "SELECT 1;",
      ]) == [.unexpectedParent])
    #expect(codes(["10000_a.up.sql": "SELECT 1;"]) == [.missingQuery])
  }
}
