import Migrations

/// An error the database reported, as values (the core does not see libpq).
public struct ServerError: Error, Sendable, Equatable {
  public var severity: String?
  public var sqlState: String?
  public var message: String
  public var detail: String?
  public var hint: String?
  /// The connection was lost (the server rolled back what was open).
  public var connectionLost: Bool

  public init(
    severity: String? = "ERROR", sqlState: String? = nil, message: String, detail: String? = nil, hint: String? = nil,
    connectionLost: Bool = false
  ) {
    self.severity = severity
    self.sqlState = sqlState
    self.message = message
    self.detail = detail
    self.hint = hint
    self.connectionLost = connectionLost
  }

  /// SQLSTATE 57014: the statement was cancelled (Ctrl-C, a signal).
  public var wasCancelled: Bool { sqlState == "57014" }
}

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
    text += recorded
      ? "\nIts transaction was rolled back and the failed attempt recorded in migration_logs."
      : "\nThe connection was lost: the server rolled its transaction back and nothing was recorded for it."
    if rolledBackPlan {
      text += "\n--single-transaction: the whole plan was rolled back; no migration of it changed."
    } else {
      text += completed.isEmpty ? "\nNo earlier step had completed." : "\nCompleted before it: \(completed.map { String($0.definition.id) }.joined(separator: ", "))."
    }
    return text
  }
}

/// Another session holds the migration lock.
public struct LockBusy: Error, CustomStringConvertible {
  public var schema: Schema
  public var holder: String
  public var waited: Double

  public init(schema: Schema, holder: String, waited: Double) {
    self.schema = schema
    self.holder = holder
    self.waited = waited
  }

  public var description: String {
    let base = "the \(schema) migration lock (advisory key \(schema.lockKey), 0) is held by \(holder)"
    return waited > 0 ? base + "; gave up after \(Int(waited))s (--lock-timeout); nothing was written" : base + "; nothing was written"
  }
}

/// The operator interrupted the write (Ctrl-C, SIGTERM, SIGHUP).
public struct WriteInterrupted: Error, CustomStringConvertible {
  public var schema: Schema
  /// Steps that completed before the interruption (they stay done).
  public var completed: [PlanStep]
  /// The step whose statement was cancelled, if one was running.
  public var cancelled: PlanStep?
  /// The signal that asked to stop (SIGINT 2, SIGHUP 1, SIGTERM 15).
  public var signal: Int32

  public init(schema: Schema, completed: [PlanStep], cancelled: PlanStep?, signal: Int32) {
    self.schema = schema
    self.completed = completed
    self.cancelled = cancelled
    self.signal = signal
  }

  public var description: String {
    var text = "interrupted: "
    if let cancelled {
      text += "migration \(cancelled.definition.id) (\(cancelled.direction)) was cancelled, rolled back and recorded as failed"
    } else {
      text += completed.isEmpty ? "nothing was written" : "stopped before the next step"
    }
    text += completed.isEmpty ? "" : "; completed before it: \(completed.map { String($0.definition.id) }.joined(separator: ", "))"
    return text + "; the \(schema) migration lock was released"
  }
}
