import Migrations

/// Sqitch records a `fail` event when a deploy script fails, and runs no revert for it: a script
/// not wrapped in one transaction leaves its earlier statements in, and the next `sqitch deploy`
/// fails on them ("already exists"). The catalog shows what is left; `rbshell repair
/// undo-leftovers --tool sqitch` runs the change's revert script for it, so the next deploy runs
/// the change cleanly. Pure: the store reads, this decides.
public enum SqitchLeftovers {
  /// A registry row as edits compare it: `audit: failed`.
  public static func words(_ entry: ToolLedgerEntry) -> String { "\(entry.version): \(entry.state.rawValue)" }

  /// The catalog's analysis of each failed change's deploy script.
  public static func analyses(_ ledger: ToolLedger, changes: [SqitchProjectReader.Change], catalog: CatalogSnapshot) -> [String: MigrationAnalysis] {
    var analyses: [String: MigrationAnalysis] = [:]
    for entry in ledger.entries(.failed) {
      guard let change = changes.first(where: { $0.name == entry.version }) else { continue }
      analyses[entry.version] = MigrationAnalysis(definition: change.definition, up: true, catalog: catalog, atomic: change.atomic)
    }
    return analyses
  }

  public static func scope(_ ledger: ToolLedger, changes: [SqitchProjectReader.Change]) -> CatalogScope {
    var scope = CatalogScope()
    for entry in ledger.entries(.failed) {
      guard let change = changes.first(where: { $0.name == entry.version }) else { continue }
      scope.add(sql: change.definition.upQuery)
      scope.add(sql: change.definition.downQuery)
    }
    return scope
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
    guard let change = changes.first(where: { $0.name == name }) else {
      throw .resolutionUndecided(table: table, name: name, reason: "the project has no change \(name)")
    }
    let analysis = MigrationAnalysis(definition: change.definition, up: true, catalog: evidence.catalog, atomic: change.atomic)
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
