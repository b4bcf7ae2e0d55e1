import Migrations
import PostgresClient
import RBShellCore

/// Runs a plan for real inside one transaction that is always rolled back, so an operator sees
/// which step would fail — and why — before anything is committed. Table locks wait at most
/// `lockTimeout` (so a rehearsal never blocks production traffic for long); the migrator's
/// advisory lock is not taken (nothing is written).
public struct Rehearsal {
  let connection: Connection
  let lockTimeout: String

  public init(connection: Connection, lockTimeout: String) {
    self.connection = connection
    self.lockTimeout = lockTimeout
  }

  public enum Outcome: Equatable {
    case ok(seconds: Double)
    case failed(PostgresError, line: Int?, blockers: [Int])
    /// Cannot run inside the rehearsal's transaction, and why: a concurrent index build, or SQL
    /// that ends the transaction itself (it would commit the rehearsal).
    case notRehearsed(String)
    /// After an earlier failure.
    case notReached
  }

  public func run(_ plan: WritePlan) throws -> [(PlanStep, Outcome)] {
    try connection.run("BEGIN")
    defer { if connection.isAlive { try? connection.run("ROLLBACK") } }
    try connection.run("SET LOCAL lock_timeout = \(Quoting.literal(lockTimeout))")
    // A database no migrator has touched has no ledger yet: the real run creates it, so the
    // rehearsal does too (rolled back with the rest).
    if try connection.query("SELECT to_regclass('migration_logs') IS NULL").scalar == "t" {
      try connection.execute(LedgerWriter.createTable)
    }
    let ledger = LedgerWriter(connection: connection, schema: plan.schema)
    var outcomes: [(PlanStep, Outcome)] = []
    var stopped = false
    for step in plan.steps {
      if stopped {
        outcomes.append((step, .notReached))
        continue
      }
      if !step.isTransactional {
        outcomes.append((step, .notRehearsed("cannot run inside a transaction")))
        continue
      }
      if let ending = step.transactionEnding {
        outcomes.append((step, .notRehearsed("its \(ending.statement) at line \(ending.line) would commit the rehearsal")))
        continue
      }
      let outcome = try rehearse(step, ledger: ledger)
      if case .failed = outcome { stopped = true }
      outcomes.append((step, outcome))
    }
    return outcomes
  }

  private func rehearse(_ step: PlanStep, ledger: LedgerWriter) throws -> Outcome {
    let started = RunnerClock.system.now()
    var current: SQLStatement?
    let statements = SQLSplitter.split(step.sql, strings: connection.stringRule).map { Optional($0) } + [nil]
    for statement in statements {
      current = statement
      let sql = statement?.text ?? ledger.finishedRowSQL(version: step.definition.id, up: step.up)
      guard let error = attempt(sql) else { continue }
      guard connection.isAlive else { throw error }
      try connection.run("ROLLBACK")
      let blockers = error.sqlState == .lockNotAvailable ? try lockHolders(of: current?.text ?? "") : []
      try connection.run("BEGIN")  // keep the session in a transaction for the deferred ROLLBACK
      let line = current.map { $0.line + (StepSQL.line(of: error.position, in: $0.text) ?? 1) - 1 }
      return .failed(error, line: line, blockers: blockers)
    }
    return .ok(seconds: RunnerClock.system.now() - started)
  }

  /// Runs one statement; returns its error instead of throwing.
  private func attempt(_ sql: String) -> PostgresError? {
    do {
      try connection.execute(sql)
      return nil
    } catch {
      return error
    }
  }

  /// Sessions holding locks on the tables a statement touches (for lock timeouts).
  private func lockHolders(of statement: String) throws -> [Int] {
    let tables = StatementTables.names(in: statement)
    guard !tables.isEmpty else { return [] }
    let list = Quoting.arrayLiteral(tables)
    return try connection.query(
      """
      SELECT DISTINCT l.pid FROM pg_locks l
      WHERE l.granted AND l.pid <> pg_backend_pid()
        AND l.relation IN (SELECT to_regclass(t) FROM unnest($1::text[]) AS t)
      ORDER BY l.pid
      """, [list]
    ).rows.compactMap { $0[0].flatMap { Int($0) } }
  }
}

/// The tables a statement names, for lock diagnostics.
enum StatementTables {
  static func names(in statement: String) -> [String] {
    switch StatementParser.parse(statement) {
    case .dropRelations(_, let names, _): names.map(\.description)
    case .alterTable(let table, _): [table.description]
    case .createIndex(_, let table, _, _): [table.description]
    case .createTrigger(_, let table, _), .dropTrigger(_, let table, _): [table.description]
    case .renameRelation(let name, _): [name.description]
    default: []
    }
  }
}
