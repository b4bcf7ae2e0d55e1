/// Reads Atlas's migration directory: `<version>_<name>.sql` (or `<version>.sql`) files, the
/// version the digits before the first `_` or `.`; `atlas.sum` and other files are not
/// migrations. Atlas records how many of a file's statements ran, so a file that stopped resumes
/// at the next statement.
public struct AtlasLayoutReader {
  public struct File: Sendable, Equatable {
    public var version: String
    public var definition: Definition
  }

  let tree: any FileTree
  let displayPath: String

  public init(tree: any FileTree, displayPath: String) {
    self.tree = tree
    self.displayPath = displayPath
  }

  nonisolated(unsafe) static let fileName = #/^(\d+)(?:_([^.]*))?\.sql$/#

  /// - Throws: `InvalidDefinitions` (named `atlas`) when the folder has none.
  public func read(_ directory: String) throws -> [File] {
    var files: [File] = []
    for entry in try tree.entries(in: directory).sorted(by: { $0.name < $1.name }) where !entry.isDirectory {
      guard let match = entry.name.wholeMatch(of: Self.fileName) else { continue }
      let text = try tree.contents(of: joinPath(directory, entry.name)) ?? ""
      let name = match.output.2.map { String($0).replacing("_", with: " ") } ?? ""
      files.append(
        File(
          version: String(match.output.1),
          definition: Definition(id: files.count + 1, name: name, parents: [], upQuery: QueryText.canonicalize(text), downQuery: "")))
    }
    guard !files.isEmpty else {
      throw InvalidDefinitions(
        schema: "atlas",
        problems: [DefinitionProblem(.noMigrations, at: displayPath, "no migrations found in '\(displayPath)' (files named <version>_<name>.sql)")])
    }
    return files
  }
}
