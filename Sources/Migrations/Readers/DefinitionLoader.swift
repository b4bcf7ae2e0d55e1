/// Finds and reads a schema's definitions in a migrations folder, whichever layout it uses.
///
/// `path` may be a migrations root with one folder per schema (`frontend/`, `codeintel/`,
/// `codeinsights/`) or a single schema's folder; each schema folder may use the directory
/// layout or a flat layout.
public struct DefinitionLoader {
  let tree: any FileTree
  let path: String
  let displayPath: String

  /// - Parameters:
  ///   - path: the folder inside `tree` (`""` for its top).
  ///   - displayPath: how the folder is named in messages.
  public init(tree: any FileTree, path: String, displayPath: String) {
    self.tree = tree
    self.path = path
    self.displayPath = displayPath
  }

  /// Whether the folder holds one folder per schema.
  public func isSchemaRoot() throws -> Bool {
    try tree.entries(in: path).contains { $0.isDirectory && Schema(rawValue: $0.name) != nil }
  }

  /// Schemas that have definitions here; for a single schema folder, the schema it is for.
  public func schemasPresent(hint: Schema?) throws -> [Schema] {
    if try isSchemaRoot() {
      let names = Set(try tree.entries(in: path).filter(\.isDirectory).map(\.name))
      return Schema.allCases.filter { names.contains($0.rawValue) }
    }
    return [try singleSchema(hint: hint)]
  }

  /// The validated graph of one schema.
  ///
  /// - Throws: `InvalidDefinitions` with every problem found; `DefinitionSourceError` when the
  ///   folder has no definitions for that schema.
  public func graph(for schema: Schema, hint: Schema?) throws -> MigrationGraph {
    let (folder, shown) = try schemaFolder(schema, hint: hint)
    let entries = try tree.entries(in: folder)
    let read: (definitions: [Definition], problems: [DefinitionProblem])
    if entries.contains(where: { $0.isDirectory && MigrationID.parse($0.name) != nil }) || !FlatLayoutReader.looksFlat(entries) {
      read = try DirectoryLayoutReader(tree: tree, displayPath: shown).read(folder)
    } else {
      read = try FlatLayoutReader(tree: tree, displayPath: shown).read(folder)
    }
    if read.definitions.isEmpty, read.problems.isEmpty {
      throw InvalidDefinitions(
        schema: schema.rawValue,
        problems: [
          DefinitionProblem(
            .noMigrations, at: shown, "no migrations found in '\(shown)' (an entry is a migration when its name starts with its id: 1528395834_init)")
        ])
    }
    do {
      let graph = try MigrationGraph(read.definitions, schema: schema.rawValue, location: shown)
      guard read.problems.isEmpty else { throw InvalidDefinitions(schema: schema.rawValue, problems: read.problems) }
      return graph
    } catch let invalid as InvalidDefinitions {
      // A migration that could not be read is not "unknown" to its children: say it once.
      let unreadable = Set(read.problems.filter { $0.code == .malformedDefinition }.compactMap(\.reference))
      let graphProblems = invalid.problems.filter { problem in
        !read.problems.contains(problem) && !(problem.code == .unknownParent && unreadable.contains(problem.reference ?? .min))
      }
      let problems = read.problems + graphProblems
      throw InvalidDefinitions(schema: schema.rawValue, problems: problems)
    }
  }

  /// The folder read as one flat linear sequence of `<version>_<title>.up.sql` / `.down.sql`
  /// files (golang-migrate's layout, any tool's folder of that shape), each a child of the one
  /// before.
  ///
  /// - Throws: `InvalidDefinitions` (named `tool`) with every problem found, or when it has none.
  public func flatDefinitions(tool: String) throws -> [Definition] {
    let read = try FlatLayoutReader(tree: tree, displayPath: displayPath).read(path)
    if read.definitions.isEmpty, read.problems.isEmpty {
      throw InvalidDefinitions(
        schema: tool,
        problems: [
          DefinitionProblem(.noMigrations, at: displayPath, "no migrations found in '\(displayPath)' (files named <version>_<title>.up.sql and .down.sql)")
        ])
    }
    guard read.problems.isEmpty else { throw InvalidDefinitions(schema: tool, problems: read.problems) }
    return read.definitions
  }

  private func schemaFolder(_ schema: Schema, hint: Schema?) throws -> (String, String) {
    if try isSchemaRoot() {
      let folder = joinPath(path, schema.rawValue)
      guard try tree.isDirectory(folder) else { throw DefinitionSourceError.noSchemaFolder(schema, displayPath) }
      return (folder, joinPath(displayPath, schema.rawValue))
    }
    let single = try singleSchema(hint: hint)
    guard single == schema else { throw DefinitionSourceError.noSchemaFolder(schema, displayPath) }
    return (path, displayPath)
  }

  private func singleSchema(hint: Schema?) throws -> Schema {
    let last = displayPath.split(separator: "/").last.map(String.init) ?? ""
    if let named = Schema(rawValue: last) { return named }
    if let hint { return hint }
    throw DefinitionSourceError.cannotTellSchema(displayPath)
  }
}

public enum DefinitionSourceError: Error, Equatable, CustomStringConvertible {
  case noSchemaFolder(Schema, String)
  case cannotTellSchema(String)
  case notFound(String)
  case unknownRevision(String, String)

  public var description: String {
    switch self {
    case .noSchemaFolder(let schema, let path): "no definitions for schema \(schema) in '\(path)'"
    case .cannotTellSchema(let path):
      "cannot tell which schema '\(path)' holds: name it with --db (e.g. --db frontend), or point --migrations at the folder that holds frontend/, codeintel/, codeinsights/"
    case .notFound(let path): "no migrations folder or stitched graph at '\(path)'"
    case .unknownRevision(let rev, let why): "unknown git revision \"\(rev)\": \(why)"
    }
  }
}
