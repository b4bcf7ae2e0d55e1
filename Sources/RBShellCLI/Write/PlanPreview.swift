import Migrations
import RBShellCore

/// The plan as an operator reads it before confirming: every step, whether it runs in a
/// transaction, privileged steps, warnings; with `verbose`, the SQL with line numbers.
enum PlanPreview {
  static func text(_ plans: [WritePlan], verbose: Bool) -> String {
    var lines: [String] = []
    for plan in plans {
      lines.append("Plan for \(plan.schema): \(plan.operation) — \(plan.steps.isEmpty ? "nothing to do" : "\(plan.steps.count) step\(plan.steps.count == 1 ? "" : "s")")")
      for (index, step) in plan.steps.enumerated() {
        var flags = [step.isTransactional ? "in a transaction" : "outside a transaction (concurrent index)"]
        if step.definition.privileged { flags.append("PRIVILEGED") }
        lines.append("  \(index + 1). \(step.direction.uppercased())  \(step.definition.id)  \(step.definition.name)  (\(step.statementCount) statement\(step.statementCount == 1 ? "" : "s"), \(flags.joined(separator: ", ")))")
        if verbose { lines += numbered(step.sql).map { "       " + $0 } }
      }
      lines += plan.warnings.map { "  warning: \($0)" }
    }
    return lines.joined(separator: "\n") + "\n"
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
