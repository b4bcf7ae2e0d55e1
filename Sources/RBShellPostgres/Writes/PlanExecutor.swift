import Migrations
import PostgresClient
import RBShellCore

/// What happened while a plan ran, reported as it happens.
public enum ExecutionEvent {
  case waiting(String)
  case createdLedger
  case stepStarted(index: Int, of: Int, PlanStep)
  case stepFinished(index: Int, PlanStep, seconds: Double, note: String?)
  case notice(String)
}

public struct ExecutionOptions {
  public var lockTimeout: Double
  public var statementTimeout: String?
  public var pgLockTimeout: String?
  public var privileged: PrivilegedMode
  /// Run the whole plan in one transaction, all or nothing (like `psql -1`): an interruption or a
  /// failure leaves every migration untouched; the failing migration's attempt is recorded.
  /// Not for concurrent index builds.
  public var singleTransaction: Bool

  public init(
    lockTimeout: Double = 30, statementTimeout: String? = nil, pgLockTimeout: String? = nil, privileged: PrivilegedMode = .refuse,
    singleTransaction: Bool = false
  ) {
    self.lockTimeout = lockTimeout
    self.statementTimeout = statementTimeout
    self.pgLockTimeout = pgLockTimeout
    self.privileged = privileged
    self.singleTransaction = singleTransaction
  }
}

/// A migration failed; earlier steps stay done.
public struct StepFailure: Error, CustomStringConvertible {
  public var schema: Schema
  public var step: PlanStep
  public var error: PostgresError
  /// 1-based line in the step's SQL where the server located the error, if it did.
  public var line: Int?
  public var completed: [PlanStep]
  /// True when the failure was recorded in the ledger (false when the connection was lost).
  public var recorded: Bool
  /// With --single-transaction: the whole plan was rolled back.
  public var rolledBackPlan = false

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

/// Runs a plan on one pinned connection holding the schema's migrator lock. Each
/// transactional migration commits its SQL and its ledger row together; only
/// `CREATE INDEX CONCURRENTLY` uses a committed pending row first, as it must run outside a
/// transaction (and the lock is released around the build, so a waiting migrator cannot deadlock).
public final class PlanExecutor {
  let connection: Connection
  let options: ExecutionOptions
  let report: (ExecutionEvent) -> Void

  public init(connection: Connection, options: ExecutionOptions, report: @escaping (ExecutionEvent) -> Void) {
    self.connection = connection
    self.options = options
    self.report = report
  }

  /// Locks, re-checks the plan against the fresh ledger, runs every step, unlocks.
  ///
  /// - Parameter replan: recomputes the plan from the ledger read under the lock; if it differs
  ///   from `plan` nothing is written.
  public func run(_ plan: WritePlan, replan: (LedgerState) throws -> WritePlan) throws {
    try applySessionSettings()
    let lock = MigrationLock(connection: connection, schema: plan.schema)
    try lock.acquire(timeout: options.lockTimeout) { report(.waiting($0)) }
    defer { lock.release() }
    if try LedgerWriter(connection: connection, schema: plan.schema).ensureTable() { report(.createdLedger) }
    let fresh = LedgerState(entries: try MigrationLogsReader(connection: connection).snapshot(of: plan.schema).entries)
    guard try replan(fresh).steps == plan.steps else { throw WriteRefusal.planChanged(schema: plan.schema) }
    if options.singleTransaction { return try runSingleTransaction(plan) }
    var completed: [PlanStep] = []
    do {
      for group in StepBatch.group(plan.steps) {
        if group.count == 1, !group[0].isTransactional {
          try runConcurrentIndex(group[0], plan: plan, lock: lock, completed: &completed)
        } else if group.count == 1, group[0].toleratesMissingObjects {
          try runTolerant(group[0], plan: plan, completed: &completed)
        } else {
          try runBatch(group, plan: plan, completed: &completed)
        }
      }
    }
  }

  /// The plan as one script in one transaction: all or nothing.
  private func runSingleTransaction(_ plan: WritePlan) throws {
    let ledger = LedgerWriter(connection: connection, schema: plan.schema)
    let script = SingleTransactionScript(steps: plan.steps, ledger: ledger, noopPrivileged: options.privileged == .noop)
    let layout = script.layout()
    var finished = 0
    var started = MigrationLock.now()
    report(.stepStarted(index: 1, of: plan.steps.count, plan.steps[0]))
    try connection.run("BEGIN")
    do {
      try connection.executeScript(layout.script) { completed in
        while finished < plan.steps.count, completed >= layout.spans[finished].doneAt {
          report(.stepFinished(index: finished + 1, plan.steps[finished], seconds: MigrationLock.now() - started, note: note(plan.steps[finished])))
          finished += 1
          started = MigrationLock.now()
          if finished < plan.steps.count { report(.stepStarted(index: finished + 1, of: plan.steps.count, plan.steps[finished])) }
        }
      }
      try connection.run("COMMIT")
    } catch let error as Connection.ScriptFailure {
      if connection.isAlive { try? connection.run("ROLLBACK") }
      let (stepIndex, statement) = script.locate(error, in: layout) ?? (plan.steps.count - 1, nil)
      var described = try failure(plan.steps[stepIndex], schema: plan.schema, error: error.error, completed: [], ledger: ledger, statement: statement)
      described.rolledBackPlan = true
      throw described
    }
    for notice in connection.takeNotices() { report(.notice(notice.description)) }
  }

  private func applySessionSettings() throws {
    if let timeout = options.statementTimeout { try connection.run("SET statement_timeout = \(Quoting.literal(timeout))") }
    if let timeout = options.pgLockTimeout { try connection.run("SET lock_timeout = \(Quoting.literal(timeout))") }
  }

  /// Runs a batch of transactional steps in one pipeline, reporting each as its transaction ends.
  private func runBatch(_ steps: [PlanStep], plan: WritePlan, completed: inout [PlanStep]) throws {
    let ledger = LedgerWriter(connection: connection, schema: plan.schema)
    let batch = StepBatch(steps: steps, ledger: ledger, noopPrivileged: options.privileged == .noop)
    let layout = batch.layout()
    var finished = 0
    var started = MigrationLock.now()
    let total = plan.steps.count, offset = completed.count
    report(.stepStarted(index: offset + 1, of: total, steps[0]))
    do {
      try connection.executePipeline(layout.statements) { index in
        guard finished < steps.count, index == layout.spans[finished].end else { return }
        report(.stepFinished(index: offset + finished + 1, steps[finished], seconds: MigrationLock.now() - started, note: note(steps[finished])))
        finished += 1
        started = MigrationLock.now()
        if finished < steps.count { report(.stepStarted(index: offset + finished + 1, of: total, steps[finished])) }
      }
      completed += steps
    } catch {
      completed += steps.prefix(finished)
      if connection.isAlive { try? connection.run("ROLLBACK") }
      let span = layout.spans[finished]
      let position = error.index - span.first
      let statement = span.sql.indices.contains(position) ? span.sql[position] : nil
      throw try failure(steps[finished], schema: plan.schema, error: error.error, completed: completed, ledger: ledger, statement: statement)
    }
    for notice in connection.takeNotices() { report(.notice(notice.description)) }
  }

  private func note(_ step: PlanStep) -> String? {
    step.definition.privileged && options.privileged == .noop ? "recorded without running (--privileged=noop): run its SQL by hand" : nil
  }

  /// SQLSTATEs of "it is not there": what a tolerant revert skips.
  static let missingObjectStates: Set<SQLState> = [
    .undefinedTable, .undefinedObject, .undefinedColumn, SQLState(rawValue: "42883"), SQLState(rawValue: "3F000"),
  ]

  /// A repair's revert: one transaction; each statement under a savepoint, so statements whose
  /// object is already gone are skipped (and reported) instead of failing the revert.
  private func runTolerant(_ step: PlanStep, plan: WritePlan, completed: inout [PlanStep]) throws {
    let ledger = LedgerWriter(connection: connection, schema: plan.schema)
    report(.stepStarted(index: completed.count + 1, of: plan.steps.count, step))
    let started = MigrationLock.now()
    var skipped: [Int] = []
    var current: SQLStatement?
    do {
      try connection.transaction { c in
        for statement in SQLSplitter.split(step.sql) {
          current = statement
          try c.run("SAVEPOINT rbshell_statement")
          do {
            try c.execute(statement.text)
            try c.run("RELEASE SAVEPOINT rbshell_statement")
          } catch let error as PostgresError where error.sqlState.map(Self.missingObjectStates.contains) == true {
            try c.run("ROLLBACK TO SAVEPOINT rbshell_statement")
            skipped.append(statement.line)
          }
        }
        try c.run(ledger.finishedRowSQL(version: step.definition.id, up: step.up))
      }
    } catch let error as PostgresError {
      throw try failure(step, schema: plan.schema, error: error, completed: completed, ledger: ledger, statement: current)
    }
    let note = skipped.isEmpty ? nil : "skipped statements at line \(skipped.map(String.init).joined(separator: ", ")): their objects did not exist"
    report(.stepFinished(index: completed.count + 1, step, seconds: MigrationLock.now() - started, note: note))
    completed.append(step)
  }

  private func runConcurrentIndex(_ step: PlanStep, plan: WritePlan, lock: MigrationLock, completed: inout [PlanStep]) throws {
    let ledger = LedgerWriter(connection: connection, schema: plan.schema)
    report(.stepStarted(index: completed.count + 1, of: plan.steps.count, step))
    let started = MigrationLock.now()
    let doneBefore = completed
    let note = try ConcurrentIndexStep(connection: connection, ledger: ledger, lock: lock, lockTimeout: options.lockTimeout)
      .run(step, completed: doneBefore) { try self.failure($0, schema: $1, error: $2, completed: $3, ledger: $4) }
    report(.stepFinished(index: completed.count + 1, step, seconds: MigrationLock.now() - started, note: note))
    completed.append(step)
  }

  /// Records a failed attempt as the migrator does (when the connection still works) and
  /// describes it.
  func failure(
    _ step: PlanStep, schema: Schema, error: PostgresError, completed: [PlanStep], ledger: LedgerWriter, statement: SQLStatement? = nil
  ) throws -> StepFailure {
    var recorded = false
    if connection.isAlive, step.isTransactional {
      try ledger.record(version: step.definition.id, up: step.up, success: false,
        error: LedgerWriter.errorMessage(version: step.definition.id, sql: step.sql, error: error))
      recorded = true
    }
    let line = statement.map { $0.line + (Self.line(of: error.position, in: $0.text) ?? 1) - 1 }
      ?? Self.line(of: error.position, in: step.sql)
    return StepFailure(schema: schema, step: step, error: error, line: line,
      completed: completed, recorded: recorded || (!step.isTransactional && connection.isAlive))
  }

  /// The 1-based line of a 1-based character position.
  static func line(of position: Int?, in sql: String) -> Int? {
    guard let position, position > 0 else { return nil }
    return sql.prefix(position - 1).reduce(1) { $1 == "\n" ? $0 + 1 : $0 }
  }
}
