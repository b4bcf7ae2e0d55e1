import Migrations
import PostgresClient
import RBShellCore

/// How each kind of step runs on the connection, and how its failure is recorded.
struct StepSQL {
  let connection: Connection
  let ledger: LedgerWriter
  let mode: StepMode

  /// SQLSTATEs of "it is not there": what a tolerant revert skips.
  static let missingObjectStates: Set<SQLState> = [
    .undefinedTable, .undefinedObject, .undefinedColumn, SQLState(rawValue: "42883"), SQLState(rawValue: "3F000"),
  ]

  private func statements(_ step: PlanStep) -> [SQLStatement] {
    mode.noopPrivileged && step.definition.privileged ? [] : SQLSplitter.split(step.sql, strings: connection.stringRule)
  }

  private var notices: [String] { connection.takeNotices().map(\.description) }

  private func note(_ step: PlanStep) -> String? {
    mode.noopPrivileged && step.definition.privileged ? "recorded without running (--privileged=noop): run its SQL by hand" : nil
  }

  /// One migration and its ledger row in one transaction, in one round trip. The file goes to
  /// the server whole, as the migrator sends it: the server's parser decides what a statement
  /// is (a syntax error anywhere runs nothing), never rbshell's split.
  func transactional(_ step: PlanStep) throws -> StepResult {
    let body = mode.noopPrivileged && step.definition.privileged ? "" : step.sql
    let script = MigrationScript(body: body, ledgerRow: ledger.finishedRowSQL(version: step.definition.id, up: step.up))
    do {
      try connection.executeScript(script.text)
    } catch {
      if connection.isAlive { try? connection.run("ROLLBACK") }
      throw try failure(step, error: error.error, line: script.line(of: error.error.position, completed: error.completed, strings: connection.stringRule))
    }
    return StepResult(note: note(step), notices: notices)
  }

  /// A repair's revert: one transaction; each statement under a savepoint, so statements whose
  /// object is already gone are skipped (and reported) instead of failing the revert.
  func tolerant(_ step: PlanStep) throws -> StepResult {
    var skipped: [Int] = []
    var current: SQLStatement?
    do {
      try connection.transaction { c in
        for statement in statements(step) {
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
      throw try failure(step, error: error, statement: current)
    }
    let note = skipped.isEmpty ? nil : "skipped statements at line \(skipped.map(String.init).joined(separator: ", ")): their objects did not exist"
    return StepResult(note: note, notices: notices)
  }

  /// Plain migrations one after another in one round trip (`MigrationSequence`): each in its
  /// own transaction with its ledger row, or, for runs of catalog-only ones, in a shared one.
  /// `progress` hears each migration's own time and each commit (they come together). The first failure stops the
  /// rest, is recorded, and is thrown as that migration's `StepFailure`. A shared transaction
  /// that fails is rolled back and its migrations run alone up to the failing one (what failed
  /// may have been the sharing: a lock not granted within the group's timeout), so what is
  /// recorded is what the migrator would have met.
  func sequence(_ steps: [PlanStep], progress: (SequenceProgress) -> Void) throws -> StepResult {
    let sequence = MigrationSequence(
      migrations: steps.map { step in
        MigrationSequence.Migration(
          body: step.sql,
          ledgerRow: { ledger.finishedRowSQL(version: step.definition.id, up: step.up, startedAt: $0) },
          catalogOnly: CatalogOnlyMigration.isCatalogOnly(step.sql, strings: connection.stringRule))
      })
    var state = SequenceState()
    /// Migrations' own times, told once their transaction commits.
    var times: [(index: Int, seconds: Double)] = []
    func readNotices() {
      for notice in connection.takeNotices() {
        if let index = MigrationSequence.committed(notice.message) {
          times.forEach { progress(.ran($0.index, seconds: $0.seconds)) }
          times = []
          state.ran = index + 1
          state.committed = index + 1
          progress(.committed(through: index))
        } else if !MigrationSequence.isOwn(notice.message) {
          state.shown.append(notice.description)
        }
      }
    }
    // The notices are how the runner knows which migration committed: a role, database or DSN
    // setting `client_min_messages` above notice would hide them and misplace a failure.
    try connection.run("SET client_min_messages = notice")
    do {
      try connection.executeScript(sequence.layout.text) { _, result in
        readNotices()
        if let seconds = MigrationSequence.seconds(result) {
          times.append((state.ran, seconds))
          state.ran += 1
        }
        state.sinceBegin = result.commandTag == "BEGIN" ? 1 : state.sinceBegin + 1
      }
    } catch {
      readNotices()
      return try recover(from: error, in: sequence, steps, state: state, progress: progress)
    }
    return StepResult(notices: state.shown)
  }

  /// After a failure in a sequence: a migration alone is recorded and thrown. A shared
  /// transaction was rolled back whole: cancelled (or cut off), the failure is recorded against
  /// its first migration, whose work was undone with the rest; otherwise its migrations run
  /// again alone up to the failing one, and the rest follow in sequence.
  private func recover(
    from error: Connection.ScriptFailure, in sequence: MigrationSequence, _ steps: [PlanStep], state: SequenceState,
    progress: (SequenceProgress) -> Void
  ) throws -> StepResult {
    if connection.isAlive { try? connection.run("ROLLBACK") }
    let transaction = sequence.transaction(of: state.committed)
    guard transaction.count > 1 else {
      guard state.committed < steps.count else { throw error.error }
      let line = sequence.line(of: error.error.position, inMigration: state.committed, completed: state.sinceBegin, strings: connection.stringRule)
      throw try failure(steps[state.committed], error: error.error, line: line)
    }
    guard connection.isAlive, error.error.sqlState != .queryCanceled else {
      throw try failure(steps[transaction.lowerBound], error: error.error)
    }
    var shown = state.shown
    let alone = transaction.lowerBound..<min(state.ran + 1, transaction.upperBound)
    for index in alone {
      shown += try transactional(steps[index]).notices
      progress(.committed(through: index))
    }
    guard alone.upperBound < steps.count else { return StepResult(notices: shown) }
    let rest = try self.sequence(Array(steps[alone.upperBound...])) { progress($0.shifted(by: alone.upperBound)) }
    return StepResult(notices: shown + rest.notices)
  }

  /// `CREATE INDEX CONCURRENTLY`, as the migrator runs it: a valid index is just recorded; an
  /// invalid leftover is dropped with the down SQL (recorded as a revert) and rebuilt; the build
  /// runs outside a transaction after a committed pending row, with the lock released (the
  /// runner takes it again and re-reads the ledger before the next step).
  func concurrentIndex(_ step: PlanStep) throws -> StepResult {
    let build = ConcurrentIndexBuild(connection: connection, ledger: ledger)
    guard let index = step.definition.concurrentIndex else { return try transactional(step) }
    let status = try build.indexStatus(index.catalogIndexName)
    if status == .valid {
      try ledger.record(version: step.definition.id, up: true, success: true)
      return StepResult(note: "index \(index.indexName) already exists and is valid: recorded")
    }
    var note: String?
    if status == .invalid {
      try build.dropLeftover(step)
      note = "dropped the INVALID leftover index \(index.indexName) and rebuilt it"
    }
    let id = try ledger.start(version: step.definition.id, up: true)
    MigrationLock(connection: connection, schema: ledger.schema).release()
    if let error = build.run(step.sql) {
      guard error.sqlState == .duplicateTable else {
        if connection.isAlive {
          try ledger.finish(id: id, success: false, error: LedgerWriter.errorMessage(version: step.definition.id, sql: step.sql, error: error))
        }
        var described = try failure(step, error: error, recordFailure: false)
        described.recorded = connection.isAlive
        throw described
      }
      note = "index \(index.indexName) was created concurrently by another session"
    }
    try ledger.finish(id: id, success: true)
    return StepResult(note: note, releasedLock: true, notices: notices)
  }

  /// A concurrent-index migration's down SQL, as the migrator runs it: outside a transaction
  /// (its `DROP INDEX CONCURRENTLY` cannot run in one), the lock held, its ledger row started
  /// before and finished after.
  func withoutTransaction(_ step: PlanStep) throws -> StepResult {
    let id = try ledger.start(version: step.definition.id, up: step.up)
    let sql = mode.noopPrivileged && step.definition.privileged ? "" : step.sql
    if let error = ConcurrentIndexBuild(connection: connection, ledger: ledger).run(sql) {
      if connection.isAlive {
        try ledger.finish(id: id, success: false, error: LedgerWriter.errorMessage(version: step.definition.id, sql: step.sql, error: error))
      }
      var described = try failure(step, error: error, recordFailure: false)
      described.recorded = connection.isAlive
      throw described
    }
    try ledger.finish(id: id, success: true)
    return StepResult(note: note(step), notices: notices)
  }

  /// The plan as one script in one transaction: all or nothing.
  func atomically(_ steps: [PlanStep], progress: (Int) -> Void) throws -> StepResult {
    let script = SingleTransactionScript(steps: steps, ledger: ledger, noopPrivileged: mode.noopPrivileged, strings: connection.stringRule)
    let layout = script.layout()
    var finished = 0
    try connection.run("BEGIN")
    do {
      try connection.executeScript(layout.script) { completed, _ in
        while finished < steps.count, completed >= layout.spans[finished].doneAt {
          progress(finished)
          finished += 1
        }
      }
      try connection.run("COMMIT")
    } catch let error as Connection.ScriptFailure {
      if connection.isAlive { try? connection.run("ROLLBACK") }
      let (stepIndex, statement) = script.locate(error, in: layout) ?? (steps.count - 1, nil)
      var described = try failure(steps[stepIndex], error: error.error, statement: statement)
      described.rolledBackPlan = true
      throw described
    }
    return StepResult(notices: notices)
  }

  /// Records a failed attempt as the migrator does (when the connection still works) and
  /// describes it.
  func failure(
    _ step: PlanStep, error: PostgresError, statement: SQLStatement? = nil, line known: Int? = nil, recordFailure: Bool = true
  ) throws -> StepFailure {
    var recorded = false
    if recordFailure, connection.isAlive, step.isTransactional {
      try ledger.record(
        version: step.definition.id, up: step.up, success: false,
        error: LedgerWriter.errorMessage(version: step.definition.id, sql: step.sql, error: error))
      recorded = true
    }
    let line =
      known ?? statement.map { $0.line + (Self.line(of: error.position, in: $0.text) ?? 1) - 1 }
      ?? Self.line(of: error.position, in: step.sql)
    return StepFailure(schema: ledger.schema, step: step, error: ServerError(error), line: line, recorded: recorded)
  }

  /// The 1-based line of a 1-based character position (the server counts code points).
  static func line(of position: Int?, in sql: String) -> Int? {
    guard let position, position > 0 else { return nil }
    return sql.unicodeScalars.prefix(position - 1).reduce(1) { $1 == "\n" ? $0 + 1 : $0 }
  }
}

extension ServerError {
  /// The values of a libpq error.
  init(_ error: PostgresError) {
    self.init(
      severity: error.severity, sqlState: error.sqlState?.rawValue, message: error.message, detail: error.detail, hint: error.hint,
      connectionLost: error.kind == .connectionLost)
  }
}
