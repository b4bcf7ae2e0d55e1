import Migrations

/// A migration failed; earlier steps stay done.
public struct StepFailure: Error, CustomStringConvertible {
  public var schema: Schema
  public var step: PlanStep
  public var error: ServerError
  /// 1-based line in the step's SQL where the server located the error, if it did.
  public var line: Int?
  /// Steps of the plan that completed before it (set by the runner).
  public var completed: [PlanStep]
  /// True when the failure was recorded in the ledger (false when the connection was lost).
  public var recorded: Bool
  /// With --single-transaction: the whole plan was rolled back.
  public var rolledBackPlan: Bool

  public init(
    schema: Schema, step: PlanStep, error: ServerError, line: Int?, completed: [PlanStep] = [], recorded: Bool,
    rolledBackPlan: Bool = false
  ) {
    self.schema = schema
    self.step = step
    self.error = error
    self.line = line
    self.completed = completed
    self.recorded = recorded
    self.rolledBackPlan = rolledBackPlan
  }

  public var description: String {
    var text = "migration \(step.definition.id) (\(step.definition.name), \(step.direction)) failed"
    if let line { text += " at line \(line) of its \(step.direction).sql" }
    text += ": \(error.severity ?? "ERROR")"
    if let state = error.sqlState { text += " \(state)" }
    text += ": \(error.message)"
    if let detail = error.detail { text += "\nDETAIL: \(detail)" }
    if let hint = error.hint { text += "\nHINT: \(hint)" }
    text +=
      recorded
      ? "\nIts transaction was rolled back and the failed attempt recorded in migration_logs."
      : "\nThe connection was lost: the server rolled its transaction back and nothing was recorded for it."
    if rolledBackPlan {
      text += "\n--single-transaction: the whole plan was rolled back; no migration of it changed."
    } else {
      text +=
        completed.isEmpty ? "\nNo earlier step had completed." : "\nCompleted before it: \(completed.map { String($0.definition.id) }.joined(separator: ", "))."
    }
    return text
  }
}
