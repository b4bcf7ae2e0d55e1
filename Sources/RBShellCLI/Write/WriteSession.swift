import ArgumentParser
import Foundation
import Migrations
import PostgresClient
import RBShellCore
import RBShellPostgres

/// The plan → preview → confirm → execute → verify flow every write command follows.
struct WriteSession {
  let options: WriteOptions
  let connectionOptions: ConnectionOptions

  /// A schema's plan with what it was built from.
  struct Prepared {
    var plan: WritePlan
    var graph: MigrationGraph
    var connection: Connection
    var before: LedgerState
    /// The deciding ledger rows before the run, for the audit log.
    var beforeRows: [LedgerEntry] = []
    /// Rebuilds the plan from a fresh ledger (under the lock).
    var replan: (LedgerState) throws -> WritePlan
  }

  /// Opens a writable connection for the schema and reads its ledger (empty when there is none).
  func open(_ schema: Schema) throws -> (Connection, [LedgerEntry]) {
    let connection = try connectionOptions.router(readOnly: false).connect([schema])[schema]!
    let ledger = try MigrationLogsReader(connection: connection).snapshot(of: schema)
    try ledger.refuseWritesIfLegacyOnly(schema)
    return (connection, ledger.entries)
  }

  /// Checks, previews, confirms and runs prepared plans in order; stops at the first failure.
  ///
  /// - Returns: whether the plans ran (false for a dry run, a rehearsal, nothing to do, or a "no").
  @discardableResult
  func run(_ prepared: [Prepared]) throws -> Bool {
    let losses = try prepared.map { item in
      try DataLossReader(connection: item.connection).estimate(DataLossScanner.targets(in: [item.plan]), exact: options.exact)
    }
    if options.json {
      print(PlanJSON.document(prepared.map(\.plan), losses: losses), terminator: "")
    } else {
      print(PlanPreview.text(prepared.map(\.plan), verbose: options.verbose), terminator: "")
      print(DataLossText.render(losses.flatMap { $0 }, planHasSteps: prepared.contains { !$0.plan.isEmpty }), terminator: "")
    }
    Terminal.flushStdout()
    for item in prepared {
      try DirtyCheck.check(item.plan, state: item.before, graph: item.graph, options: options.dirtyOptions)
      try PrivilegedCheck.check(item.plan, options: options)
      if options.singleTransaction, let step = item.plan.steps.first(where: { !$0.isTransactional }) {
        Terminal.error("--single-transaction: migration \(step.definition.id) creates an index concurrently, which cannot run inside a transaction; nothing was written")
        throw ExitStatus.usage.exitCode
      }
    }
    let work = prepared.filter { !$0.plan.isEmpty }
    if options.rehearse {
      try RehearsalReport.run(work, lockTimeout: options.rehearsalLockTimeout)
      return false
    }
    if work.isEmpty, !options.dryRun { return false }
    guard try Confirmation.approve(dryRun: options.dryRun, yes: options.yes, json: options.json) else { return false }
    var done: [Schema] = []
    for item in work {
      do {
        try execute(item)
        done.append(item.plan.schema)
      } catch {
        if work.count > 1 {
          Terminal.error("stopped at \(item.plan.schema)" + (done.isEmpty ? "" : "; completed schemas: \(done.map(\.rawValue).joined(separator: ", "))"))
        }
        throw error
      }
    }
    return true
  }

  private func execute(_ item: Prepared) throws {
    let executor = PlanExecutor(connection: item.connection, options: options.execution, report: Progress.report)
    let interrupt = InterruptHandler(cancelling: item.connection.makeCanceller())
    var outcome = "completed"
    var after: LedgerState?
    var afterRows: [LedgerEntry] = []
    defer {
      withExtendedLifetime(interrupt) {}
      audit(item, after: after, afterRows: afterRows, outcome: outcome)
    }
    do {
      try executor.run(item.plan, replan: item.replan)
    } catch {
      outcome = "failed: \(error)"
      after = try? LedgerState(entries: MigrationLogsReader(connection: item.connection).snapshot(of: item.plan.schema).entries)
      afterRows = (try? planRows(item)) ?? []
      throw error
    }
    let state = try afterState(item)
    after = state
    afterRows = try planRows(item)
    guard planTookEffect(item, rows: afterRows) else {
      outcome = "completed, but the ledger does not show the planned state"
      Terminal.error("the ledger of \(item.plan.schema) does not show the planned state after the run")
      throw ExitStatus.failed.exitCode
    }
    Terminal.say("\(item.plan.schema): done. Applied now: \(state.applied.count) versions; pending \(state.pending.count); failed \(state.failed.count).", json: options.json)
  }

  /// The ledger after the run: what the plan proved (see `planTookEffect`) applied to the state
  /// before — the ledger is not re-read whole, which on large ledgers would cost more than the plan.
  private func afterState(_ item: Prepared) throws -> LedgerState {
    var state = item.before
    let expected = item.plan.expectedState(from: item.before)
    state.applied = expected.sorted()
    let touched = Set(item.plan.steps.map(\.definition.id))
    state.pending.removeAll(where: touched.contains)
    state.failed.removeAll(where: touched.contains)
    return state
  }

  /// The deciding ledger rows of the plan's migrations, read again.
  private func planRows(_ item: Prepared) throws -> [LedgerEntry] {
    try MigrationLogsReader(connection: item.connection).entries(of: item.plan.schema, versions: item.plan.steps.map(\.definition.id))
  }

  /// Every up step applied, every down step reverted.
  private func planTookEffect(_ item: Prepared, rows: [LedgerEntry]) -> Bool {
    let states = Dictionary(rows.map { ($0.version, $0.state) }, uniquingKeysWith: { a, _ in a })
    return item.plan.steps.allSatisfy { states[$0.definition.id] == ($0.up ? .applied : .reverted) }
  }

  private func audit(_ item: Prepared, after: LedgerState?, afterRows: [LedgerEntry], outcome: String) {
    AuditLog.append(AuditEntry(
      time: AuditLog.now(), user: AuditLog.user(), host: AuditLog.host(), database: DatabaseLabel(item.connection.endpoint),
      schema: item.plan.schema.rawValue, command: AuditLog.redactedCommand(), operation: item.plan.operation,
      plan: item.plan.steps.map { .init(version: $0.definition.id, name: $0.definition.name, direction: $0.direction) },
      warnings: item.plan.warnings, before: item.before, after: after,
      rowsBefore: item.beforeRows, rowsAfter: afterRows, outcome: outcome))
  }
}

/// Privileged migrations: refused by default; with `noop` going up, the SQL and hash are printed
/// and the operator confirms by passing the hash back (the migrator's protocol).
enum PrivilegedCheck {
  static func check(_ plan: WritePlan, options: WriteOptions) throws {
    let privileged = plan.steps.filter(\.definition.privileged)
    guard !privileged.isEmpty else { return }
    switch options.privileged {
    case .apply: return
    case .refuse: throw WriteRefusal.privileged(schema: plan.schema, ids: privileged.map(\.definition.id))
    case .noop:
      let hash = PrivilegedMode.hash(privileged.map(\.definition.id))
      guard privileged.contains(where: \.up), !options.privilegedHash.contains(hash) else { return }
      var sql = ["BEGIN;"]
      for step in privileged { sql += ["-- Migration \(step.definition.id)", step.sql] }
      sql.append("COMMIT;")
      Terminal.error("apply this SQL as a superuser, then rerun with --privileged-hash=\(hash):\n\(sql.joined(separator: "\n"))")
      throw ExitStatus.needsRepair.exitCode
    }
  }
}

/// Progress lines on stderr, one per step, with elapsed time.
enum Progress {
  static func report(_ event: ExecutionEvent) {
    switch event {
    case .waiting(let text): Terminal.writeStderr("rbshell: \(text)\n")
    case .createdLedger: Terminal.writeStderr("rbshell: created migration_logs (the migrator's DDL)\n")
    case .stepStarted(let index, let total, let step):
      Terminal.writeStderr("[\(index)/\(total)] \(step.direction) \(step.definition.id) \(step.definition.name) … ")
    case .stepFinished(_, _, let seconds, let note):
      Terminal.writeStderr("ok (\(formatted(seconds)))" + (note.map { " — \($0)" } ?? "") + "\n")
    case .notice(let text): Terminal.writeStderr("    \(text)\n")
    }
  }

  static func formatted(_ seconds: Double) -> String {
    seconds < 1 ? "\(Int(seconds * 1000)) ms" : String(format: "%.1f s", seconds)
  }
}
