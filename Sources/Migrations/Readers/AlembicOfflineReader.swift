/// Reads Alembic's offline SQL (`alembic upgrade base:head --sql > upgrade.sql`): Alembic renders
/// each revision's operations as SQL after a `-- Running upgrade FROM -> TO` line. rbshell reads
/// no Python: this rendering, by Alembic itself, is the SQL its migrations run. Alembic's own
/// statements (the `alembic_version` table and rows, `BEGIN`, `COMMIT`) are left out.
public struct AlembicOfflineReader {
  public struct Revision: Sendable, Equatable {
    public var revision: String
    /// The revisions it upgrades from (none for the first; several for a merge).
    public var from: [String]
    public var definition: Definition
  }

  nonisolated(unsafe) static let marker = #/^-- Running upgrade (.*) -> (\S+)\s*$/#

  public init() {}

  /// - Throws: `InvalidDefinitions` (named `alembic`) when the text has no revision.
  public func read(_ text: String, displayPath: String) throws -> [Revision] {
    var revisions: [Revision] = []
    var current: (revision: String, from: [String], lines: [Substring])?
    func close() {
      guard let open = current else { return }
      let statements = SQLSplitter.split(open.lines.joined(separator: "\n")).filter { !Self.isAlembicOwn($0.text) }
      revisions.append(
        Revision(
          revision: open.revision, from: open.from,
          definition: Definition(
            id: revisions.count + 1, name: open.revision, parents: [], upQuery: statements.map { $0.text + ";" }.joined(separator: "\n"), downQuery: "")))
    }
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      if let match = line.wholeMatch(of: Self.marker) {
        close()
        let from = match.output.1.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        current = (String(match.output.2), from, [])
      } else {
        current?.lines.append(line)
      }
    }
    close()
    guard !revisions.isEmpty else {
      throw InvalidDefinitions(
        schema: "alembic",
        problems: [
          DefinitionProblem(
            .noMigrations, at: displayPath, "no '-- Running upgrade' revision in '\(displayPath)' (make it with: alembic upgrade base:head --sql)")
        ])
    }
    return revisions
  }

  /// Alembic's bookkeeping, not the migration's: its version table and transaction control.
  static func isAlembicOwn(_ statement: String) -> Bool {
    let lowered = statement.lowercased()
    return lowered == "begin" || lowered == "commit" || lowered.contains("alembic_version")
  }
}
