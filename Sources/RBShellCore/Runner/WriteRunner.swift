import Migrations

/// The one sequence every migration-running write follows:
///
/// plan → (preview, confirm: the caller) → lock → re-read the ledger → plan again and re-check
/// (dirty, verdict, privileges) → write nothing if anything differs from the preview → apply
/// step by step → after the lock was released (a concurrent index build) take it again, re-read
/// and re-plan before the next step → verify → audit.
///
/// The runner decides; the store reads and writes; the caller renders. Nothing here prints.
public struct WriteRunner {
  public let options: RunnerOptions
  let events: (RunnerEvent) -> Void
  let audit: AuditSink
  let cancellation: Cancellation

  public init(options: RunnerOptions, cancellation: Cancellation, audit: AuditSink, events: @escaping (RunnerEvent) -> Void) {
    self.options = options
    self.cancellation = cancellation
    self.audit = audit
    self.events = events
  }

  /// Reads the ledger and plans, before the lock: the plan the preview shows.
  public func prepare(_ request: PlanRequest) throws -> PreparedWrite {
    let snapshot = try request.store.readLedger(request.schema)
    let state = LedgerState(entries: snapshot.entries)
    let plan = try request.build(snapshot, request.store)
    if plan.writesMigrationLogs { try snapshot.refuseWritesIfLegacyOnly(request.schema) }
    let versions = Set(plan.steps.map(\.definition.id) + request.auditVersions)
    return PreparedWrite(request: request, plan: plan, before: state, beforeRows: snapshot.entries.filter { versions.contains($0.version) })
  }

  /// The checks a plan must pass, before the preview is confirmed and again under the lock.
  public func check(_ plan: WritePlan, state: LedgerState, request: PlanRequest) throws {
    let unstorable = plan.steps.filter { $0.kind.writesMigrationLogs && !LedgerVersion.range.contains($0.definition.id) }
    if !unstorable.isEmpty { throw WriteRefusal.unstorableVersions(schema: plan.schema, ids: unstorable.map(\.definition.id)) }
    if request.dirty.enforced { try DirtyCheck.check(plan, state: state, graph: request.graph, options: request.dirty) }
    if PrivilegedCheck.privilegedSteps(plan).isEmpty { return }
    try PrivilegedCheck.check(
      plan, mode: options.privileged, hashes: options.privilegedHashes,
      canRunPrivileged: options.privileged == .auto ? try request.store.canRunPrivileged() : false)
  }

  /// Runs a prepared (previewed and confirmed) write under the schema's lock.
  ///
  /// - Throws: `WriteRefusal` when the plan or a check changed under the lock (nothing written),
  ///   `LockBusy`, `WriteInterrupted`, `StepFailure`.
  public func execute(_ prepared: PreparedWrite) throws -> WriteOutcome {
    let store = prepared.request.store
    let schema = prepared.schema
    try lock(store, schema)
    defer { store.unlock(schema) }
    let plan = try replanUnderLock(prepared)
    var record = AuditRecord(
      database: store.database, schema: schema, operation: plan.operation, steps: plan.steps, warnings: plan.warnings,
      before: prepared.before, rowsBefore: prepared.beforeRows)
    audit.record(record)
    do {
      if plan.steps.contains(where: { $0.kind.leavesLedgerState }), try store.ensureLedger(schema) { events(.createdLedger(schema)) }
      let skipped = try apply(plan, prepared, record: &record)
      let after = try verify(plan, prepared, record: &record)
      record.outcome = "completed"
      audit.record(record)
      return WriteOutcome(plan: plan, before: prepared.before, after: after, skipped: skipped, audit: record)
    } catch {
      record.outcome = Self.outcome(of: error)
      if let snapshot = try? store.readLedger(schema) {
        record.after = LedgerState(entries: snapshot.entries)
        record.rowsAfter = Self.rows(of: plan, in: snapshot)
      }
      audit.record(record)
      throw error
    }
  }

  // MARK: - Under the lock

  /// The plan again from the ledger read under the lock; refuses when it differs from the preview.
  private func replanUnderLock(_ prepared: PreparedWrite) throws -> WritePlan {
    let request = prepared.request
    let snapshot = try request.store.readLedger(request.schema)
    let state = LedgerState(entries: snapshot.entries)
    let plan: WritePlan
    do {
      plan = try request.build(snapshot, request.store)
    } catch let refusal as RepairRefusal {
      // The repair no longer fits what the database says now (someone repaired it meanwhile).
      throw WriteRefusal.decisionChanged(schema: request.schema, reason: "\(refusal)".replacingOccurrences(of: "; nothing was written", with: ""))
    }
    if plan.writesMigrationLogs { try snapshot.refuseWritesIfLegacyOnly(request.schema) }
    guard plan.steps == prepared.plan.steps else {
      throw WriteRefusal.planChanged(schema: request.schema, previewed: Self.describe(prepared.plan.steps), now: Self.describe(plan.steps))
    }
    try check(plan, state: state, request: request)
    return plan
  }

  /// Steps one by one; returns the steps another session completed meanwhile.
  private func apply(_ plan: WritePlan, _ prepared: PreparedWrite, record: inout AuditRecord) throws -> [PlanStep] {
    let store = prepared.request.store
    if options.singleTransaction {
      try applyAtomically(plan, store: store)
      return []
    }
    var remaining = plan.steps[...]
    var done: [PlanStep] = []
    var skipped: [PlanStep] = []
    while let step = remaining.first {
      guard !cancellation.isCancelled else { throw WriteInterrupted(schema: plan.schema, completed: done, cancelled: nil, signal: cancellation.signal) }
      let run = Array(remaining.prefix(while: sendable).prefix(Self.sequenceLimit))
      if run.count > 1 {
        try applyInSequence(run, plan: plan, store: store, first: done.count + skipped.count + 1, done: &done)
        remaining.removeFirst(run.count)
        continue
      }
      remaining.removeFirst()
      let index = done.count + skipped.count + 1
      events(.stepStarted(index: index, of: plan.steps.count, step))
      let started = options.clock.now()
      let result = try applyStep(step, plan: plan, store: store, done: done)
      done.append(step)
      if let id = result.insertedRowID { record.insertedRowIDs.append(id) }
      result.notices.forEach { events(.notice($0)) }
      events(.stepFinished(index: index, step, seconds: options.clock.now() - started, note: result.note))
      if result.releasedLock, !remaining.isEmpty {
        let next = try retake(prepared, remaining: Array(remaining))
        skipped += next.skipped
        next.skipped.forEach { events(.skipped($0, reason: "another session completed it while the lock was released")) }
        remaining = next.remaining[...]
      }
    }
    return skipped
  }

  /// At most this many migrations go to the server together (each still its own transaction).
  static let sequenceLimit = 100

  /// Plain migrations can be sent together; a privileged one recorded without running keeps
  /// its own step (and its note).
  private func sendable(_ step: PlanStep) -> Bool {
    step.isPlainMigration && !(options.stepMode.noopPrivileged && step.definition.privileged)
  }

  /// A run of plain migrations in one round trip, with a progress line per migration as it
  /// commits, carrying the time it ran.
  private func applyInSequence(_ run: [PlanStep], plan: WritePlan, store: MigrationStore, first: Int, done: inout [PlanStep]) throws {
    var timing = StepTiming(started: options.clock.now())
    var committed = 0
    events(.stepStarted(index: first, of: plan.steps.count, run[0]))
    do {
      let result = try store.applyInSequence(run, schema: plan.schema, mode: options.stepMode) { progress in
        switch progress {
        case .ran(let index, let seconds): timing.measured(index, seconds: seconds)
        case .committed(let last):
          while committed <= last {
            let seconds = timing.finished(committed, at: options.clock.now())
            events(.stepFinished(index: first + committed, run[committed], seconds: seconds, note: nil))
            committed += 1
            if committed < run.count { events(.stepStarted(index: first + committed, of: plan.steps.count, run[committed])) }
          }
        }
      }
      done += run
      result.notices.forEach { events(.notice($0)) }
    } catch var failure as StepFailure {
      done += run.prefix(committed)
      failure.completed = done
      if cancellation.isCancelled, failure.error.wasCancelled {
        throw WriteInterrupted(schema: plan.schema, completed: done, cancelled: failure.step, signal: cancellation.signal)
      }
      throw failure
    }
  }

  private func applyStep(_ step: PlanStep, plan: WritePlan, store: MigrationStore, done: [PlanStep]) throws -> StepResult {
    do {
      return try store.apply(step, schema: plan.schema, mode: options.stepMode)
    } catch var failure as StepFailure {
      failure.completed = done
      if cancellation.isCancelled, failure.error.wasCancelled {
        throw WriteInterrupted(schema: plan.schema, completed: done, cancelled: step, signal: cancellation.signal)
      }
      throw failure
    }
  }

  private func applyAtomically(_ plan: WritePlan, store: MigrationStore) throws {
    var started = options.clock.now()
    events(.stepStarted(index: 1, of: plan.steps.count, plan.steps[0]))
    let result = try store.applyAtomically(plan.steps, schema: plan.schema, mode: options.stepMode) { finished in
      events(.stepFinished(index: finished + 1, plan.steps[finished], seconds: options.clock.now() - started, note: nil))
      started = options.clock.now()
      if finished + 1 < plan.steps.count { events(.stepStarted(index: finished + 2, of: plan.steps.count, plan.steps[finished + 1])) }
    }
    result.notices.forEach { events(.notice($0)) }
  }

  /// After the lock was released: take it again, re-read, re-plan. Steps another session
  /// completed meanwhile are skipped; any other change stops the plan (exit 4, nothing more written).
  private func retake(_ prepared: PreparedWrite, remaining: [PlanStep]) throws -> (remaining: [PlanStep], skipped: [PlanStep]) {
    let request = prepared.request
    try lock(request.store, request.schema)
    let snapshot = try request.store.readLedger(request.schema)
    let state = LedgerState(entries: snapshot.entries)
    let plan = try request.build(snapshot, request.store)
    let skipped = remaining.filter { !plan.steps.contains($0) }
    let doneElsewhere = skipped.allSatisfy { Self.reached($0, in: state) }
    guard plan.steps == remaining.filter(plan.steps.contains), doneElsewhere else {
      throw WriteRefusal.planChanged(schema: request.schema, previewed: Self.describe(remaining), now: Self.describe(plan.steps))
    }
    try check(plan, state: state, request: request)
    return (plan.steps, skipped)
  }

  private func lock(_ store: MigrationStore, _ schema: Schema) throws {
    try acquire(
      tryLock: { try store.tryLock(schema) }, holder: { try store.lockHolder(schema) },
      waiting: "the \(schema) migration lock",
      busy: { LockBusy(schema: schema, holder: $0, waited: options.lockTimeout) },
      interrupted: { WriteInterrupted(schema: schema, completed: [], cancelled: nil, signal: cancellation.signal) })
  }

  /// Tries a lock until it is taken, `options.lockTimeout` passes (`busy`), or a signal asks to
  /// stop (`interrupted`, within a fraction of a second); says once whom it waits for.
  func acquire(
    tryLock: () throws -> Bool, holder: () throws -> String, waiting lock: String, busy: (String) -> Error, interrupted: () -> Error
  ) throws {
    let deadline = options.clock.now() + options.lockTimeout
    var announced = false
    while true {
      guard !cancellation.isCancelled else { throw interrupted() }
      if try tryLock() { return }
      let holder = try holder()
      guard options.clock.now() < deadline else { throw busy(holder) }
      if !announced {
        events(.waiting("waiting for \(lock), held by \(holder) (up to \(Self.seconds(options.lockTimeout)))"))
        announced = true
      }
      pause(until: min(deadline, options.clock.now() + 0.25))
    }
  }

  /// Sleeps in short slices so a cancellation ends the wait within a fraction of a second.
  private func pause(until moment: Double) {
    while !cancellation.isCancelled, options.clock.now() < moment {
      options.clock.sleep(min(0.05, moment - options.clock.now()))
    }
  }

  // MARK: - After

  /// Every step's migration must now be in the state the step leaves.
  private func verify(_ plan: WritePlan, _ prepared: PreparedWrite, record: inout AuditRecord) throws -> LedgerState {
    let snapshot = try prepared.request.store.readLedger(plan.schema)
    let state = LedgerState(entries: snapshot.entries)
    record.after = state
    record.rowsAfter = Self.rows(of: plan, in: snapshot)
    let missing = plan.steps.filter { $0.kind.leavesLedgerState && !Self.reached($0, in: state) }
    guard missing.isEmpty else {
      throw WriteVerificationFailure(schema: plan.schema, steps: Self.describe(missing))
    }
    if let prove = prepared.request.prove {
      let mismatches = try prove(prepared.request.store)
      if !mismatches.isEmpty { throw RepairProofFailure(operation: plan.operation, mismatches: mismatches) }
    }
    return state
  }

  static func reached(_ step: PlanStep, in state: LedgerState) -> Bool {
    state.applied.contains(step.definition.id) == step.up
      && !state.failed.contains(step.definition.id) && !state.pending.contains(step.definition.id)
  }

  static func rows(of plan: WritePlan, in snapshot: LedgerSnapshot) -> [LedgerEntry] {
    let versions = Set(plan.steps.map(\.definition.id))
    return snapshot.entries.filter { versions.contains($0.version) }
  }

  static func describe(_ steps: [PlanStep]) -> [String] { steps.map { "\($0.definition.id) \($0.direction)" } }

  static func seconds(_ value: Double) -> String { value == value.rounded() ? "\(Int(value))s" : "\(value)s" }

  static func outcome(of error: Error) -> String {
    switch error {
    case let error as WriteInterrupted: error.description
    case let error as WriteRefusal: "refused: \(error)"
    default: "failed: \(error)"
    }
  }
}

/// The run ended, but the ledger does not show the state the plan leaves.
public struct WriteVerificationFailure: Error, CustomStringConvertible {
  public var schema: Schema
  public var steps: [String]

  public var description: String {
    "the ledger of \(schema) does not show the planned state after the run (not reached: \(steps.joined(separator: ", ")))"
  }
}
