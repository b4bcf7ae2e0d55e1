/// Reads Prisma Migrate's folder: one folder per migration, `<name>/migration.sql`, applied in
/// name order (`migration_lock.toml` and other files are not migrations). Prisma sends a file as
/// one multi-statement query, so it is all or nothing unless it ends its own transaction.
public struct PrismaLayoutReader {
  public struct File: Sendable, Equatable {
    /// The folder's name, as `_prisma_migrations.migration_name` holds it.
    public var name: String
    public var definition: Definition
    /// The file exactly as written: Prisma's checksum is its SHA-256.
    public var text: String
  }

  let tree: any FileTree
  let displayPath: String

  public init(tree: any FileTree, displayPath: String) {
    self.tree = tree
    self.displayPath = displayPath
  }

  /// - Throws: `InvalidDefinitions` (named `prisma`) when no folder holds a `migration.sql`.
  public func read(_ directory: String) throws -> [File] {
    var files: [File] = []
    for entry in try tree.entries(in: directory).sorted(by: { $0.name < $1.name }) where entry.isDirectory {
      guard let text = try tree.contents(of: joinPath(directory, entry.name, "migration.sql")) else { continue }
      let id = Int(entry.name.prefix(while: \.isNumber)) ?? files.count + 1
      files.append(
        File(
          name: entry.name,
          definition: Definition(id: id, name: entry.name, parents: [], upQuery: QueryText.canonicalize(text), downQuery: ""), text: text))
    }
    guard !files.isEmpty else {
      throw InvalidDefinitions(
        schema: "prisma",
        problems: [DefinitionProblem(.noMigrations, at: displayPath, "no migrations found in '\(displayPath)' (folders holding migration.sql)")])
    }
    return files
  }
}
