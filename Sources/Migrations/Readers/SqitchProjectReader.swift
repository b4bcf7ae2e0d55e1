/// Reads a Sqitch project: `sqitch.plan` (its changes in order; pragmas, tags and notes aside)
/// and each change's `deploy/<change>.sql` and `revert/<change>.sql`. Sqitch runs a script with
/// `psql -f`: a script wrapped in `BEGIN;` … `COMMIT;` is all or nothing, any other commits each
/// statement as it runs — a failure leaves the earlier ones in, and Sqitch records a `fail`
/// event without reverting them.
public struct SqitchProjectReader {
  public struct Change: Sendable, Equatable {
    /// Its deploy script as `upQuery`, its revert script as `downQuery`, each without the
    /// wrapping `BEGIN;` / `COMMIT;`.
    public var definition: Definition
    /// Whether the deploy script is wrapped in one transaction.
    public var atomic: Bool
    public var name: String { definition.name }
  }

  let tree: any FileTree
  let displayPath: String

  public init(tree: any FileTree, displayPath: String) {
    self.tree = tree
    self.displayPath = displayPath
  }

  /// - Throws: `InvalidDefinitions` (named `sqitch`) without a plan, or for a change whose deploy
  ///   script is missing.
  public func read(_ directory: String) throws -> [Change] {
    guard let plan = try tree.contents(of: joinPath(directory, "sqitch.plan")) else {
      throw InvalidDefinitions(schema: "sqitch", problems: [DefinitionProblem(.noMigrations, at: displayPath, "no sqitch.plan in '\(displayPath)'")])
    }
    var changes: [Change] = []
    var problems: [DefinitionProblem] = []
    for name in Self.changeNames(plan) where !changes.contains(where: { $0.name == name }) {
      guard let deploy = try tree.contents(of: joinPath(directory, "deploy", "\(name).sql")) else {
        problems.append(DefinitionProblem(.missingQuery, at: joinPath(displayPath, "deploy", "\(name).sql"), "deploy script of change \(name) not found"))
        continue
      }
      let revert = try tree.contents(of: joinPath(directory, "revert", "\(name).sql")) ?? ""
      let (up, atomic) = Self.unwrapped(deploy)
      changes.append(
        Change(
          definition: Definition(
            id: changes.count + 1, name: name, parents: [], upQuery: QueryText.canonicalize(up), downQuery: QueryText.canonicalize(Self.unwrapped(revert).sql)),
          atomic: atomic))
    }
    guard problems.isEmpty else { throw InvalidDefinitions(schema: "sqitch", problems: problems) }
    return changes
  }

  /// The change names of a plan, in order (a reworked change appears again; its latest scripts
  /// are the ones on disk).
  static func changeNames(_ plan: String) -> [String] {
    plan.split(whereSeparator: \.isNewline).compactMap { line in
      let trimmed = line.drop(while: \.isWhitespace)
      guard let first = trimmed.first, first != "%", first != "@", first != "#" else { return nil }
      let name = trimmed.prefix { !$0.isWhitespace && $0 != "[" }
      return name.isEmpty ? nil : String(name)
    }
  }

  /// A script without its wrapping `BEGIN;` … `COMMIT;` (blanked, so lines keep their
  /// numbers), and whether it had them.
  static func unwrapped(_ script: String) -> (sql: String, atomic: Bool) {
    let statements = SQLSplitter.split(script)
    guard let first = statements.first, let last = statements.last, statements.count >= 2,
      first.text.lowercased() == "begin", last.text.lowercased() == "commit"
    else { return (script, false) }
    var bytes = Array(script.utf8)
    for statement in [first, last] {
      for index in statement.offset..<min(bytes.count, statement.offset + statement.text.utf8.count) where bytes[index] != 10 {
        bytes[index] = 32
      }
    }
    return (String(decoding: bytes, as: UTF8.self), true)
  }
}
