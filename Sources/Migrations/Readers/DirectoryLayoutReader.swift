import Dispatch

/// Reads Sourcegraph's current layout: `<schema>/<id>[_<slug>]/{up.sql,down.sql,metadata.yaml}`.
///
/// Every entry whose name starts with an integer is a migration (a file there is an error);
/// other entries (`README.md`, `squashed.sql`) are ignored. The name comes from the metadata,
/// never from the slug.
public struct DirectoryLayoutReader: Sendable {
  let tree: any FileTree
  /// How the schema folder is named in messages (e.g. `migrations/frontend`).
  let displayPath: String

  public init(tree: any FileTree, displayPath: String) {
    self.tree = tree
    self.displayPath = displayPath
  }

  /// Reads every migration under `directory`, collecting all problems.
  public func read(_ directory: String) throws -> (definitions: [Definition], problems: [DefinitionProblem]) {
    var definitions: [Definition] = []
    var problems: [DefinitionProblem] = []
    var seen: [Int: String] = [:]
    var migrations: [(id: Int, entry: FileEntry)] = []
    for entry in try tree.entries(in: directory) {
      if MigrationID.overflows(entry.name) {
        problems.append(
          DefinitionProblem(
            .idOutOfRange, at: joinPath(displayPath, entry.name),
            "the id of '\(entry.name)' does not fit migration_logs.version (a PostgreSQL integer)"))
        continue
      }
      guard let id = MigrationID.parse(entry.name) else { continue }
      if let problem = MigrationID.problem(id, entry: entry.name, seen: &seen, at: joinPath(displayPath, entry.name)) {
        problems.append(problem)
        continue
      }
      migrations.append((id, entry))
    }
    for (index, read) in try readAll(migrations, in: directory).enumerated() {
      switch read {
      case .success(let (definition, found)):
        definitions.append(definition)
        problems += found
      case .failure(var problem):
        problem.reference = migrations[index].id
        problems.append(problem)
      }
    }
    return (definitions.sorted { $0.id < $1.id }, problems)
  }

  private typealias Read = Result<(Definition, [DefinitionProblem]), DefinitionProblem>

  /// Each migration's files, read and checked on every core when there are many (a release has
  /// hundreds: reading them one by one was most of a `downto`'s start-up), in entry order.
  private func readAll(_ migrations: [(id: Int, entry: FileEntry)], in directory: String) throws -> [Read] {
    guard migrations.count >= 64 else { return try migrations.map { try readOne(id: $0.id, entry: $0.entry, directory: directory) } }
    let results = UnsafeMutableBufferPointer<Result<Read, any Error>?>.allocate(capacity: migrations.count)
    results.initialize(repeating: nil)
    defer { results.deallocate() }
    nonisolated(unsafe) let slots = results
    DispatchQueue.concurrentPerform(iterations: migrations.count) { index in
      slots[index] = Result { try readOne(id: migrations[index].id, entry: migrations[index].entry, directory: directory) }
    }
    return try results.map { try $0!.get() }
  }

  private func readOne(id: Int, entry: FileEntry, directory: String) throws
    -> Result<(Definition, [DefinitionProblem]), DefinitionProblem>
  {
    let entryPath = joinPath(directory, entry.name)
    let shown = joinPath(displayPath, entry.name)
    func malformed(_ why: String) -> Result<(Definition, [DefinitionProblem]), DefinitionProblem> {
      .failure(DefinitionProblem(.malformedDefinition, at: shown, "malformed migration definition at '\(shown)': \(why)"))
    }
    guard entry.isDirectory else { return malformed("expected a directory with up.sql, down.sql and metadata.yaml") }
    let up: String?
    let down: String?
    let yaml: String?
    do {
      (up, down, yaml) = (
        try tree.contents(of: entryPath + "/up.sql"), try tree.contents(of: entryPath + "/down.sql"), try tree.contents(of: entryPath + "/metadata.yaml")
      )
    } catch let error as FileEncodingError {
      return .failure(DefinitionProblem(.unsafeSQL, at: shown, "\(error)"))
    }
    guard let up else { return malformed("missing up.sql") }
    guard let down else { return malformed("missing down.sql") }
    guard let yaml else { return malformed("missing metadata.yaml") }
    let metadata: MetadataFile
    do {
      metadata = try MetadataFile.parse(yaml)
    } catch {
      return malformed("metadata.yaml is not valid: \(error)")
    }
    let definition = Definition(
      id: id, name: metadata.name ?? "", parents: metadata.allParents,
      upQuery: QueryText.canonicalize(up), downQuery: QueryText.canonicalize(down),
      privileged: metadata.privileged ?? false, nonIdempotent: metadata.nonIdempotent ?? false)
    return .success(
      DefinitionRules.check(
        definition, location: joinPath(displayPath, String(id)), metadataPath: shown + "/metadata.yaml",
        upPath: shown + "/up.sql", downPath: shown + "/down.sql", declaresConcurrentIndex: metadata.createIndexConcurrently ?? false))
  }
}
