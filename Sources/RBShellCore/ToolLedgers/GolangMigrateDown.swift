import Migrations

/// `rbshell downto --tool golang-migrate`: the down files from the current version to a target,
/// newest first — golang-migrate's `migrate goto` going down — each down file and the version
/// change committed together, so a failure leaves the table clean at the last version reached
/// (golang-migrate leaves it dirty). Pure: the store reads, this decides.
public enum GolangMigrateDown {
  /// One down file to run, and the version the table says after it.
  public struct Step: Sendable, Equatable {
    public var version: Int
    public var name: String
    public var sql: String
    /// -1: no migration applied.
    public var then: Int
    /// The file cannot run inside a transaction (it ends its own, or drops or builds an index
    /// `CONCURRENTLY`): it runs as golang-migrate runs every file — the table set to
    /// `(then, dirty)` first, the file as one query, then `(then, clean)` — so a failure leaves
    /// the table dirty, as golang-migrate would.
    public var outsideTransaction = false
  }

  /// - Parameter target: the version to end at (-1: none applied).
  /// - Throws: `ToolRepairRefusal` when the table is dirty (repair it first), the target is not
  ///   a version at or below the current one, or a version in between is not in the folder.
  public static func decide(_ evidence: ToolLedgerEvidence, definitions: [Definition], target: Int) throws(ToolRepairRefusal) -> LedgerEdit {
    let table = evidence.ledger.table
    if evidence.ledger.entries(.failed).first != nil { throw .dirtyLedger(table: table, rows: evidence.rows) }
    let current = evidence.ledger.entries(.applied).compactMap { Int($0.version) }.max() ?? -1
    let sorted = definitions.sorted { $0.id < $1.id }
    guard target == -1 || sorted.contains(where: { $0.id == target }) else { throw .downTarget(table: table, target: target, reason: "not in the folder") }
    guard target <= current else { throw .downTarget(table: table, target: target, reason: "above the current version \(current)") }
    guard current == -1 || sorted.contains(where: { $0.id == current }) else {
      throw .downTarget(table: table, target: target, reason: "the table's version \(current) is not in the folder")
    }
    let reverting = sorted.filter { $0.id > target && $0.id <= current }.reversed()
    var steps: [Step] = []
    for definition in reverting {
      let outside =
        !TransactionControl.endings(in: definition.downQuery).isEmpty
        || SQLSplitter.split(definition.downQuery).contains { StatementIntentProbe.isConcurrent($0.text) }
      let then = sorted.last { $0.id < definition.id }?.id ?? -1
      steps.append(Step(version: definition.id, name: definition.name, sql: definition.downQuery, then: then, outsideTransaction: outside))
    }
    return LedgerEdit(
      tool: .golangMigrate, table: table, operation: "downto \(target)", before: evidence.rows,
      after: target == -1 ? [] : [GolangMigrateForce.words(version: target, dirty: false)], change: .golangMigrateDown(steps: steps),
      reason: steps.isEmpty
        ? "already at \(target): nothing to revert"
        : "reverts \(steps.map { String($0.version) }.joined(separator: ", ")), each down file and its version change in one transaction"
          + (steps.contains(where: \.outsideTransaction)
            ? " (except \(steps.filter(\.outsideTransaction).map { String($0.version) }.joined(separator: ", ")), which cannot run in one: "
              + "as golang-migrate runs it, between a dirty and a clean version)" : ""))
  }
}

/// Whether a statement drops or builds an index `CONCURRENTLY` (which refuses a transaction).
enum StatementIntentProbe {
  static func isConcurrent(_ statement: String) -> Bool {
    if case .createIndex(_, _, _, true) = StatementParser.parse(statement) { return true }
    var cursor = TokenCursor(SQLTokenizer.tokenize(statement))
    return cursor.accept("drop", "index", "concurrently")
  }
}
