import ArgumentParser
import Migrations
import PostgresClient
import RBShellCore
import RBShellPostgres

/// The CLI's side of a migration-running write: opens the store, renders the preview, asks,
/// hands the confirmed plans to the `WriteRunner` (which decides again under the lock), and
/// renders what happened. It decides nothing the runner decides.
struct WriteSession {
  let options: WriteOptions
  let connectionOptions: ConnectionOptions

  /// A write request with the connection its preview reads from (data loss, rehearsal).
  struct Request {
    var plan: PlanRequest
    var connection: Connection
  }

  /// A writable connection's store for the schema.
  func store(for schema: Schema) throws -> PostgresMigrationStore {
    let connection = try connectionOptions.router(readOnly: false).connect([schema])[schema]!
    return try PostgresMigrationStore(connection: connection, statementTimeout: options.statementTimeout, lockTimeout: options.ddlLockTimeout)
  }

  /// Plans, previews, confirms and runs requests in order; stops at the first failure.
  ///
  /// - Returns: whether the plans ran (false for a dry run, a rehearsal, nothing to do, or a "no").
  @discardableResult
  func run(_ requests: [Request]) throws -> Bool {
    let cancellation = Cancellation()
    let runner = WriteRunner(options: options.runner, cancellation: cancellation, audit: AuditTrail(), events: Progress.report)
    let prepared = try requests.map { try runner.prepare($0.plan) }
    let connections = requests.map(\.connection)
    try preview(prepared, connections: connections)
    for item in prepared {
      try runner.check(item.plan, state: item.before, request: item.request)
      if options.singleTransaction, let step = item.plan.steps.first(where: { !$0.isTransactional }) {
        Terminal.error(
          "--single-transaction: migration \(step.definition.id) is a concurrent-index migration, which runs outside a transaction; nothing was written")
        throw ExitStatus.usage.exitCode
      }
      try refuseSplitRuns(item.plan)
    }
    let work = prepared.indices.filter { !prepared[$0].plan.isEmpty }
    if options.rehearse, let direct = prepared.first(where: { $0.plan.steps.contains { $0.kind != .migration } }) {
      throw ValidationError("\(direct.plan.operation) runs no migration SQL, so there is nothing to rehearse; nothing was written (see it with --dry-run)")
    }
    if options.rehearse {
      try RehearsalReport.run(work.map { (prepared[$0].plan, connections[$0]) }, lockTimeout: options.rehearsalLockTimeout)
      return false
    }
    if work.isEmpty, !options.dryRun { return false }
    guard try Confirmation.approve(dryRun: options.dryRun, yes: options.yes, json: options.json) else { return false }
    let signals = WriteSignals(cancellation: cancellation, cancelling: connections.map { $0.makeCanceller() })
    defer { withExtendedLifetime(signals) {} }
    var done: [Schema] = []
    for index in work {
      do {
        render(try runner.execute(prepared[index]))
        done.append(prepared[index].schema)
      } catch {
        if work.count > 1 {
          Terminal.error("stopped at \(prepared[index].schema)" + (done.isEmpty ? "" : "; completed schemas: \(done.map(\.rawValue).joined(separator: ", "))"))
        }
        throw error
      }
    }
    return true
  }

  /// `--single-transaction` and a repair's tolerant revert run rbshell's split of the SQL inside
  /// one transaction of their own; SQL that ends the transaction itself would commit it midway.
  private func refuseSplitRuns(_ plan: WritePlan) throws {
    for step in plan.steps where options.singleTransaction || step.toleratesMissingObjects {
      guard let ending = step.transactionEnding else { continue }
      let what = "migration \(step.definition.id) ends its own transaction (\(ending.statement) at line \(ending.line))"
      if options.singleTransaction {
        Terminal.error(
          "--single-transaction: \(what), which would commit the plan's transaction midway; nothing was written (run without --single-transaction)")
        throw ExitStatus.usage.exitCode
      }
      Terminal.error(
        "\(what): a revert that skips missing objects runs its statements in one transaction, which that statement would commit midway; nothing was written (revert it by hand)"
      )
      throw ExitStatus.badInput.exitCode
    }
  }

  private func preview(_ prepared: [PreparedWrite], connections: [Connection]) throws {
    let losses = try zip(prepared, connections).map { item, connection in
      try DataLossReader(connection: connection).estimate(DataLossScanner.targets(in: [item.plan]), exact: options.exact)
    }
    if options.json {
      print(PlanJSON.document(prepared.map(\.plan), losses: losses), terminator: "")
    } else {
      print(PlanPreview.text(prepared.map(\.plan), verbose: options.verbose), terminator: "")
      print(DataLossText.render(losses.flatMap { $0 }, planHasSteps: prepared.contains { !$0.plan.isEmpty }), terminator: "")
    }
    Terminal.flushStdout()
  }

  private func render(_ outcome: WriteOutcome) {
    let state = outcome.after
    let summary = "Applied now: \(state.applied.count) versions; pending \(state.pending.count); failed \(state.failed.count)."
    let text =
      switch outcome.plan.steps.first?.kind {
      case .clearLegacyFlag(let flag)?: "\(flag.table): " + (flag.cleanVersion.map { "version \($0), clean." } ?? "empty (no migration applied).")
      case .dropIndex(let target)?: "Dropped \(target)."
      case .takeBack?: "Undone: migration \(outcome.plan.steps[0].definition.id) is back to its state before the repair. \(summary)"
      case .recordOnly?: "\(outcome.plan.schema): recorded. \(summary)"
      case .migration?, nil: "\(outcome.plan.schema): done. \(summary)"
      }
    Terminal.say(text, json: options.json)
  }
}

/// Progress lines on stderr, one per step as it finishes, with that step's own time.
enum Progress {
  static func report(_ event: RunnerEvent) {
    switch event {
    case .waiting(let text): Terminal.writeStderr("rbshell: \(text)\n")
    case .createdLedger: Terminal.writeStderr("rbshell: created migration_logs (the migrator's DDL)\n")
    case .stepStarted(let index, let total, let step):
      Terminal.writeStderr("[\(index)/\(total)] \(step.label) … ")
    case .stepFinished(_, _, let seconds, let note):
      Terminal.writeStderr("ok (\(formatted(seconds)))" + (note.map { " — \($0)" } ?? "") + "\n")
    case .skipped(let step, let reason):
      Terminal.writeStderr("skipped \(step.label): \(reason)\n")
    case .notice(let text): Terminal.writeStderr("    \(text)\n")
    }
  }

  static func formatted(_ seconds: Double) -> String {
    seconds < 1 ? "\(Int(seconds * 1000)) ms" : String(format: "%.1f s", seconds)
  }
}
