import Migrations

/// Sqitch records a `fail` event when a deploy script fails, and runs no revert for it: a script
/// not wrapped in one transaction leaves its earlier statements in, and the next `sqitch deploy`
/// fails on them ("already exists"). The catalog shows what is left; `rbshell repair
/// undo-leftovers --tool sqitch` runs the change's revert script for it, so the next deploy runs
/// the change cleanly. Pure: the store reads, this decides.
public enum SqitchLeftovers {
  /// A registry row as edits compare it: `audit: failed`.
  public static func words(_ entry: ToolLedgerEntry) -> String { "\(entry.version): \(entry.state.rawValue)" }

  /// The project as the registry names its changes; the catalog read covers the revert scripts
  /// too (the repair runs them).
  public static func failing(_ changes: [SqitchProjectReader.Change]) -> FailedMigrationFiles {
    FailedMigrationFiles(changes.map { ($0.name, .init(definition: $0.definition, atomic: $0.atomic)) }, withDown: true)
  }

  /// - Throws: `ToolRepairRefusal` when the change did not fail, is not in the project, or none
  ///   of its deploy script is in (the next `sqitch deploy` is the repair).
  public static func decide(
    _ evidence: ToolLedgerEvidence, changes: [SqitchProjectReader.Change], name: String
  ) throws(ToolRepairRefusal) -> LedgerEdit {
    let table = evidence.ledger.table
    guard evidence.ledger.entries(.failed).contains(where: { $0.version == name }) else {
      throw .notDirty(table: table, rows: evidence.rows.filter { $0.hasPrefix(name + ":") })
    }
    guard let change = changes.first(where: { $0.name == name }), let analysis = failing(changes).analysis(of: name, catalog: evidence.catalog) else {
      throw .resolutionUndecided(table: table, name: name, reason: "the project has no change \(name)")
    }
    guard analysis.verdict != .notApplied else { throw .nothingLeft(table: table, change: name) }
    let statements = SQLSplitter.split(change.definition.downQuery).map(\.text)
    return LedgerEdit(
      tool: .sqitch, table: table, operation: "undo-leftovers \(name)", before: evidence.rows, after: evidence.rows,
      change: .runTolerant(statements: statements),
      reason:
        "\(analysis.appliedCount) of \(analysis.statements.count) statements of \(name)'s deploy script are in the catalog (\(analysis.verdict.rawValue)): "
        + "its revert script runs, skipping what is not there, so the next sqitch deploy runs it cleanly")
  }
}
