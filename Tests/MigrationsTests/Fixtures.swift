import Migrations

/// Small migration folders built in memory, in the shapes of the migrator's own test data.
enum Fixtures {
  /// One directory-layout migration.
  struct Migration {
    var id: Int
    var parents: [Int] = []
    var up = "SELECT 1;"
    var down = "SELECT 1;"
    var extraMetadata = ""
    var slug: String? = nil
    var omit: Set<String> = []

    func write(into tree: inout MemoryFileTree, folder: String) {
      let dir = "\(folder)/\(id)" + (slug.map { "_\($0)" } ?? "")
      let parentsLine = parents.isEmpty ? "" : "parents: [\(parents.map(String.init).joined(separator: ", "))]\n"
      let files = ["up.sql": up, "down.sql": down, "metadata.yaml": "name: migration \(id)\n\(parentsLine)\(extraMetadata)"]
      for (name, text) in files where !omit.contains(name) { tree.write("\(dir)/\(name)", text) }
    }
  }

  static func tree(_ migrations: [Migration], folder: String = "frontend") -> MemoryFileTree {
    var tree = MemoryFileTree()
    for migration in migrations { migration.write(into: &tree, folder: folder) }
    return tree
  }

  /// Reads `frontend` from a tree through the loader, as commands do.
  static func load(_ tree: MemoryFileTree, folder: String = "frontend") throws -> MigrationGraph {
    try DefinitionLoader(tree: tree, path: "", displayPath: "migrations").graph(for: .frontend, hint: nil)
  }

  static func problems(_ tree: MemoryFileTree) -> [DefinitionProblem.Code] {
    do {
      _ = try load(tree)
      return []
    } catch let invalid as InvalidDefinitions {
      return invalid.problems.map(\.code)
    } catch {
      return []
    }
  }

  /// The well-formed shape: 10001 → 10002 → {10003, 10004} → 10005 → 10006.
  static let wellFormed: [Migration] = [
    Migration(id: 10001), Migration(id: 10002, parents: [10001]), Migration(id: 10003, parents: [10002]),
    Migration(id: 10004, parents: [10002]), Migration(id: 10005, parents: [10003, 10004]),
    Migration(id: 10006, parents: [10005]),
  ]
}
