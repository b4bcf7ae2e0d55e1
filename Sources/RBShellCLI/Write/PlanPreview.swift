import Migrations
import PostgresClient
import RBShellCore
import RBShellPostgres

/// The plan as an operator reads it before confirming: every step, whether it runs in a
/// transaction, privileged steps, warnings; with `verbose`, the SQL with line numbers.
enum PlanPreview {
  static func text(_ plans: [WritePlan], verbose: Bool) -> String {
    var lines: [String] = []
    for plan in plans {
      lines.append(
        "Plan for \(plan.schema): \(plan.operation) — \(plan.steps.isEmpty ? "nothing to do" : "\(plan.steps.count) step\(plan.steps.count == 1 ? "" : "s")")")
      for (index, step) in plan.steps.enumerated() {
        lines.append("  \(index + 1). " + line(step, schema: plan.schema))
        if verbose, step.kind == .migration { lines += numbered(step.sql).map { "       " + $0 } }
      }
      lines += plan.warnings.map { "  warning: \($0)" }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// One step as the operator reads it: a migration with its statement count and transaction,
  /// or exactly what a direct write changes.
  static func line(_ step: PlanStep, schema: Schema) -> String {
    switch step.kind {
    case .migration:
      var flags = [step.isTransactional ? "in a transaction" : "outside a transaction (concurrent index)"]
      if let ending = step.transactionEnding {
        flags.append("NOT ATOMIC: its \(ending.statement) at line \(ending.line) commits what precedes it on its own")
      }
      if step.definition.privileged { flags.append("PRIVILEGED") }
      return
        "\(step.direction.uppercased())  \(step.definition.id)  \(step.definition.name)  (\(step.statementCount) statement\(step.statementCount == 1 ? "" : "s"), \(flags.joined(separator: ", ")))"
    case .recordOnly:
      return
        "Will record in migration_logs: schema = '\(schema.ledgerName)', version = \(step.definition.id), up = \(step.up), success = true, started_at = finished_at = now() (the migrator's add-log row; no SQL runs)"
    case .takeBack(let rowIDs):
      return
        "Will remove migration_logs row(s) \(rowIDs.map(String.init).joined(separator: ", ")) of migration \(step.definition.id) (\(step.definition.name)); the ledger rows before them decide again"
    case .clearLegacyFlag(let flag):
      return "Will run: \(flag.sql)\n     because \(flag.reason)"
    case .dropIndex(let target):
      return
        "Will run: DROP INDEX CONCURRENTLY \(Quoting.qualified(target.namespace, target.name)) (outside a transaction; only while it is still invalid and no build of it runs)"
    }
  }

  static func numbered(_ sql: String) -> [String] {
    let rows = sql.split(separator: "\n", omittingEmptySubsequences: false)
    let width = String(rows.count).count
    return rows.enumerated().map { index, row in
      let number = String(index + 1)
      return String(repeating: " ", count: width - number.count) + number + " | " + row
    }
  }
}
