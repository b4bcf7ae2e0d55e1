/// Reads dbmate's folder: one file per migration, `<version>_<name>.sql`, holding
/// `-- migrate:up` and `-- migrate:down` sections (optionally `transaction:false`). dbmate runs
/// each section as one query in its own transaction, so a file with several up sections can
/// stop part-way with the earlier ones committed and nothing recorded (dbmate#675).
public struct DbmateLayoutReader {
  /// One migration file, its up and down SQL each in section order.
  public struct File: Sendable, Equatable {
    public var definition: Definition
    /// How many `-- migrate:up` sections it has: more than one is not atomic.
    public var upSections: Int

    /// As a migration of a tool that records nothing on failure.
    public var migrationFile: ToolMigrationFile { ToolMigrationFile(definition: definition, atomic: upSections == 1) }
  }

  let tree: any FileTree
  let displayPath: String

  public init(tree: any FileTree, displayPath: String) {
    self.tree = tree
    self.displayPath = displayPath
  }

  nonisolated(unsafe) static let fileName = #/^(\d+)_?([^.]*)\.sql$/#
  nonisolated(unsafe) static let marker = #/^--\s*migrate:(up|down)\b.*$/#

  /// - Throws: `InvalidDefinitions` (named `dbmate`) when the folder has no migrations, a file
  ///   has no up section, or two files share a version.
  public func read(_ directory: String) throws -> [File] {
    var files: [Int: File] = [:]
    var problems: [DefinitionProblem] = []
    for entry in try tree.entries(in: directory) where !entry.isDirectory {
      guard let match = entry.name.wholeMatch(of: Self.fileName), let version = Int(match.output.1) else { continue }
      let location = joinPath(displayPath, entry.name)
      let text = try tree.contents(of: joinPath(directory, entry.name)) ?? ""
      let (up, down, upSections) = Self.sections(text)
      guard upSections > 0 else {
        problems.append(DefinitionProblem(.missingQuery, at: location, "no -- migrate:up section in \(entry.name)"))
        continue
      }
      if files[version] != nil {
        problems.append(DefinitionProblem(.duplicateQuery, at: location, "two files for version \(version)"))
        continue
      }
      let name = String(match.output.2).replacing("_", with: " ")
      files[version] = File(
        definition: Definition(id: version, name: name, parents: [], upQuery: QueryText.canonicalize(up), downQuery: QueryText.canonicalize(down)),
        upSections: upSections)
    }
    if files.isEmpty, problems.isEmpty {
      problems.append(DefinitionProblem(.noMigrations, at: displayPath, "no migrations found in '\(displayPath)' (files named <version>_<name>.sql)"))
    }
    guard problems.isEmpty else { throw InvalidDefinitions(schema: "dbmate", problems: problems) }
    return files.keys.sorted().map { files[$0]! }
  }

  /// A file's up and down SQL (each section's text in file order) and its number of up sections.
  static func sections(_ text: String) -> (up: String, down: String, upSections: Int) {
    var up: [String] = []
    var down: [String] = []
    var current: String?
    var upSections = 0
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      if let match = line.wholeMatch(of: marker) {
        current = String(match.output.1)
        if current == "up" { upSections += 1 }
        continue
      }
      if current == "up" { up.append(String(line)) } else if current == "down" { down.append(String(line)) }
    }
    return (up.joined(separator: "\n"), down.joined(separator: "\n"), upSections)
  }
}
