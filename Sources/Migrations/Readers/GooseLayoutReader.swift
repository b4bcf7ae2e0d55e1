/// Reads goose's SQL migrations: `<version>_<name>.sql` with `-- +goose Up` and `-- +goose Down`
/// sections (`-- +goose StatementBegin` / `StatementEnd` only group statements). goose runs a
/// file's up statements and its version row in one transaction — unless the file says
/// `-- +goose NO TRANSACTION`: then each statement commits as it runs, and a failure leaves the
/// earlier ones in with no row.
public struct GooseLayoutReader {
  let tree: any FileTree
  let displayPath: String

  public init(tree: any FileTree, displayPath: String) {
    self.tree = tree
    self.displayPath = displayPath
  }

  nonisolated(unsafe) static let fileName = #/^(\d+)_([^.]*)\.sql$/#
  nonisolated(unsafe) static let annotation = #/^--\s*\+goose\s+(.+?)\s*$/#

  /// - Throws: `InvalidDefinitions` (named `goose`) when the folder has none, or a file has no
  ///   Up section.
  public func read(_ directory: String) throws -> [ToolMigrationFile] {
    var files: [ToolMigrationFile] = []
    var problems: [DefinitionProblem] = []
    for entry in try tree.entries(in: directory).sorted(by: { $0.name < $1.name }) where !entry.isDirectory {
      guard let match = entry.name.wholeMatch(of: Self.fileName), let version = Int(match.output.1) else { continue }
      let text = try tree.contents(of: joinPath(directory, entry.name)) ?? ""
      var up: [Substring] = []
      var down: [Substring] = []
      var section: String?
      var transactional = true
      for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
        if let annotation = line.wholeMatch(of: Self.annotation)?.output.1.lowercased() {
          if annotation == "up" || annotation == "down" { section = annotation }
          if annotation == "no transaction" { transactional = false }
          continue
        }
        if section == "up" { up.append(line) } else if section == "down" { down.append(line) }
      }
      guard section != nil, !up.isEmpty || text.contains("+goose Up") else {
        problems.append(DefinitionProblem(.missingQuery, at: joinPath(displayPath, entry.name), "no -- +goose Up section in \(entry.name)"))
        continue
      }
      files.append(
        ToolMigrationFile(
          definition: Definition(
            id: version, name: String(match.output.2).replacing("_", with: " "), parents: [],
            upQuery: QueryText.canonicalize(up.joined(separator: "\n")), downQuery: QueryText.canonicalize(down.joined(separator: "\n"))),
          atomic: transactional))
    }
    if files.isEmpty, problems.isEmpty {
      problems.append(DefinitionProblem(.noMigrations, at: displayPath, "no migrations found in '\(displayPath)' (files named <version>_<name>.sql)"))
    }
    guard problems.isEmpty else { throw InvalidDefinitions(schema: "goose", problems: problems) }
    return files
  }
}
