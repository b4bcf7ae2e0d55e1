/// Reads Flyway's versioned SQL migrations: `V<version>__<description>.sql` in a folder
/// (`_` in the version is `.`, in the description a space, as Flyway records them). Repeatable
/// (`R__`) and undo (`U`) scripts are not versioned migrations and are left out.
public struct FlywayLayoutReader {
  public struct File: Sendable, Equatable {
    /// As `flyway_schema_history.version` holds it: `1.1` for `V1_1__…`.
    public var version: String
    /// The file name, as `flyway_schema_history.script` holds it.
    public var script: String
    /// The file exactly as written (Flyway's checksum is of its lines).
    public var text: String
    public var definition: Definition
  }

  let tree: any FileTree
  let displayPath: String

  public init(tree: any FileTree, displayPath: String) {
    self.tree = tree
    self.displayPath = displayPath
  }

  nonisolated(unsafe) static let fileName = #/^V([0-9][0-9._]*)__(.+)\.sql$/#

  /// - Throws: `InvalidDefinitions` (named `flyway`) when the folder has none, or two files share
  ///   a version.
  public func read(_ directory: String) throws -> [File] {
    var files: [File] = []
    var problems: [DefinitionProblem] = []
    for entry in try tree.entries(in: directory).sorted(by: { $0.name < $1.name }) where !entry.isDirectory {
      guard let match = entry.name.wholeMatch(of: Self.fileName) else { continue }
      let version = String(match.output.1).replacing("_", with: ".")
      guard !files.contains(where: { $0.version == version }) else {
        problems.append(DefinitionProblem(.duplicateQuery, at: joinPath(displayPath, entry.name), "two files for version \(version)"))
        continue
      }
      let text = try tree.contents(of: joinPath(directory, entry.name)) ?? ""
      let description = String(match.output.2).replacing("_", with: " ")
      files.append(
        File(
          version: version, script: entry.name, text: text,
          definition: Definition(id: files.count + 1, name: description, parents: [], upQuery: QueryText.canonicalize(text), downQuery: "")))
    }
    if files.isEmpty, problems.isEmpty {
      problems.append(DefinitionProblem(.noMigrations, at: displayPath, "no migrations found in '\(displayPath)' (files named V<version>__<description>.sql)"))
    }
    guard problems.isEmpty else { throw InvalidDefinitions(schema: "flyway", problems: problems) }
    return files
  }
}
