/// Reads the flat layouts: `<id>_<name>.up.sql` / `<id>_<name>.down.sql` side by side.
///
/// Two dialects share the file names:
/// - Sourcegraph's pre-3.37 layout: optional YAML front matter between two `-- +++` lines in the
///   up file (`-- parent: 10000`); ids must be contiguous, the first has no parent and every
///   other's parent is the previous id;
/// - golang-migrate's: versions are any increasing integers (often timestamps); each migration's
///   parent is the previous version.
/// `.sourcegraph` is chosen when any up file carries front matter; otherwise `.golangMigrate`.
public struct FlatLayoutReader {
  public enum Dialect: Sendable { case sourcegraph, golangMigrate }

  let tree: any FileTree
  let displayPath: String

  public init(tree: any FileTree, displayPath: String) {
    self.tree = tree
    self.displayPath = displayPath
  }

  nonisolated(unsafe) static let fileName = #/^(-?\d+)_[^.]+\.(up|down)\.sql$/#

  /// Whether a folder holds flat migration files.
  static func looksFlat(_ entries: [FileEntry]) -> Bool {
    entries.contains { !$0.isDirectory && $0.name.wholeMatch(of: fileName) != nil }
  }

  public func read(_ directory: String) throws -> (definitions: [Definition], problems: [DefinitionProblem]) {
    var problems: [DefinitionProblem] = []
    var files: [Int: (up: String?, down: String?, name: String)] = [:]
    for entry in try tree.entries(in: directory) where !entry.isDirectory {
      guard let match = entry.name.wholeMatch(of: Self.fileName), let id = Int(match.output.1) else { continue }
      var pair = files[id] ?? (nil, nil, Self.displayName(entry.name))
      let isUp = match.output.2 == "up"
      if (isUp ? pair.up : pair.down) != nil {
        problems.append(
          .init(
            .duplicateQuery, at: joinPath(displayPath, entry.name),
            "duplicate \(isUp ? "upgrade" : "downgrade") query for migration definition \(id)"))
      }
      if isUp { pair.up = entry.name } else { pair.down = entry.name }
      files[id] = pair
    }
    var drafts: [(Definition, hasFrontMatter: Bool)] = []
    for id in files.keys.sorted() {
      let pair = files[id]!
      guard let upFile = pair.up, let downFile = pair.down else {
        let which = pair.up == nil ? "upgrade" : "downgrade"
        problems.append(
          .init(
            .missingQuery, at: joinPath(displayPath, String(id)),
            "\(which) query for migration definition \(id) not found"))
        continue
      }
      let up: String
      let down: String
      do {
        up = try tree.contents(of: joinPath(directory, upFile)) ?? ""
        down = try tree.contents(of: joinPath(directory, downFile)) ?? ""
      } catch let error as FileEncodingError {
        problems.append(.init(.unsafeSQL, at: joinPath(displayPath, String(id)), "\(error)"))
        continue
      }
      let (parent, hasFrontMatter, problem) = Self.frontMatterParent(up, location: joinPath(displayPath, upFile))
      if let problem { problems.append(problem) }
      let definition = Definition(
        id: id, name: pair.name, parents: parent.map { [$0] } ?? [],
        upQuery: QueryText.canonicalize(up), downQuery: QueryText.canonicalize(down))
      let (checked, found) = DefinitionRules.check(
        definition, location: joinPath(displayPath, String(id)), metadataPath: joinPath(displayPath, upFile),
        upPath: joinPath(displayPath, upFile), downPath: joinPath(displayPath, downFile), declaresConcurrentIndex: QueryText.concurrentIndex(in: up) != nil)
      problems += found.filter { $0.code != .unmarkedPrivilege }  // the flat layouts had no privileged flag
      drafts.append((checked, hasFrontMatter))
    }
    let dialect: Dialect = drafts.contains(where: \.hasFrontMatter) ? .sourcegraph : .golangMigrate
    let (linked, linearProblems) = Self.link(drafts.map(\.0), dialect: dialect, location: displayPath)
    return (linked, problems + linearProblems)
  }

  /// `1528395687_create_users.up.sql` → "create users".
  static func displayName(_ file: String) -> String {
    let stem = file.split(separator: ".").first ?? ""
    return String(stem.split(separator: "_", maxSplits: 1).dropFirst().first ?? "").replacing("_", with: " ")
  }

  /// The `parent:` of the up file's front matter, if it has one.
  static func frontMatterParent(_ text: String, location: String) -> (Int?, Bool, DefinitionProblem?) {
    let parts = text.split(separator: "-- +++\n", maxSplits: 2, omittingEmptySubsequences: false)
    guard parts.count == 3 else { return (nil, false, nil) }
    let yaml = parts[1].split(separator: "\n", omittingEmptySubsequences: false)
      .map { $0.hasPrefix("-- ") ? String($0.dropFirst(3)) : String($0) }.joined(separator: "\n")
    do {
      let parent = try MetadataFile.parse(yaml).parent
      return (parent == 0 ? nil : parent, true, nil)
    } catch {
      return (nil, true, .init(.malformedDefinition, at: location, "failed to extract metadata from '\(location)': \(error)"))
    }
  }

  /// Applies the dialect's linear rules and fills implied parents.
  static func link(_ definitions: [Definition], dialect: Dialect, location: String) -> ([Definition], [DefinitionProblem]) {
    var result = definitions
    var problems: [DefinitionProblem] = []
    for i in result.indices {
      let previous = i > 0 ? result[i - 1].id : nil
      switch dialect {
      case .golangMigrate:
        result[i].parents = previous.map { [$0] } ?? []
      case .sourcegraph:
        if let previous, result[i].id != previous + 1 {
          problems.append(.init(.identifierJump, at: location, "migration identifiers jump from \(previous) to \(result[i].id)"))
        }
        if i == 0, !result[i].parents.isEmpty {
          problems.append(.init(.rootWithParent, at: joinPath(location, String(result[i].id)), "unexpected parent for root definition"))
        } else if i > 0, result[i].parents != [result[i].id - 1], !result[i].parents.isEmpty {
          problems.append(
            .init(
              .unexpectedParent, at: joinPath(location, String(result[i].id)),
              "unexpected parent declared in definition \(result[i].id)"))
        }
        if i > 0, result[i].parents.isEmpty { result[i].parents = [result[i].id - 1] }
      }
    }
    return (result, problems)
  }
}
