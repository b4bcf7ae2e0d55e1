import ArgumentParser
import Migrations
import PostgresClient
import RBShellCore
import RBShellPostgres

/// Verdict → repair plan → the usual write flow → diagnose again.
struct RepairFlow {
  let options: RepairOptions

  func run(_ action: RepairAction) throws {
    let schema = try options.schema.schema()
    let graph = try SchemaPlanning.graph(schema, definitions: try options.definitions)
    guard let definition = graph[options.version] else { throw PlanError.unknownMigration(options.version) }
    let session = WriteSession(options: repairWriteOptions(), connectionOptions: options.connection)
    let (connection, entries) = try session.open(schema)
    guard let attempt = entries.first(where: { $0.version == definition.id }), attempt.state == .failed || attempt.state == .pending else {
      throw RepairRefusal.nothingToRepair(version: definition.id)
    }
    let catalog = try connection.snapshotTransaction { try CatalogReader(connection: connection).read().catalog }
    try refuseIfRunning(attempt, schema: schema, catalog: catalog)
    let analysis = MigrationAnalysis(definition: definition, up: attempt.up, catalog: catalog)
    Terminal.say("Migration \(definition.id) (\(definition.name)): \(attempt.state.rawValue), verdict \(analysis.verdict.rawValue) (\(analysis.appliedCount) of \(analysis.statements.count) statements in).", json: options.write.json)
    let plan = try RepairPlanner.plan(action, schema: schema, definition: definition, attempt: attempt, analysis: analysis, force: options.force)
    let wrote: Bool
    switch plan.work {
    case .run(let step):
      wrote = try session.run([prepared(step, plan: plan, graph: graph, connection: connection, entries: entries)])
    case .record(let up):
      wrote = try record(up: up, plan: plan, entries: entries)
    }
    // Declined, dry run or rehearsal: nothing changed, so there is nothing to check again.
    if wrote { try diagnoseAgain(schema, graph: graph, version: definition.id) }
  }

  /// The repaired migration is the plan's only step: the dirty check may let exactly it through.
  private func repairWriteOptions() -> WriteOptions {
    var write = options.write
    write.ignoreSingleDirtyLog = true
    write.ignoreSinglePendingLog = true
    return write
  }

  private func prepared(_ step: PlanStep, plan: RepairPlan, graph: MigrationGraph, connection: Connection, entries: [LedgerEntry]) -> WriteSession.Prepared {
    let writePlan = WritePlan(schema: plan.schema, operation: "repair \(plan.action.rawValue) \(plan.version)", steps: [step], warnings: plan.warnings)
    let version = plan.version
    return WriteSession.Prepared(
      plan: writePlan, graph: graph, connection: connection, before: LedgerState(entries: entries),
      beforeRows: entries.filter { $0.version == version }
    ) { fresh in
      // Under the lock: still failed or pending, or someone else repaired it meanwhile.
      fresh.failed.contains(version) || fresh.pending.contains(version) ? writePlan : WritePlan(schema: plan.schema, operation: "", steps: [])
    }
  }

  /// - Returns: whether the row was written.
  private func record(up: Bool, plan: RepairPlan, entries: [LedgerEntry]) throws -> Bool {
    if options.write.json {
      print(PlanJSON.document(PlanJSON.DirectWrite(
        schema: plan.schema.rawValue, operation: "repair \(plan.action.rawValue) \(plan.version)", warnings: plan.warnings,
        ledgerRow: .init(schema: plan.schema.ledgerName, version: plan.version, up: up, success: true))), terminator: "")
    } else {
      print("Will record in migration_logs: schema = '\(plan.schema.ledgerName)', version = \(plan.version), up = \(up), success = true (no SQL runs).")
      plan.warnings.forEach { print("  warning: \($0)") }
    }
    guard try options.write.approveDirectWrite("a ledger-only repair") else { return false }
    let recorder = LedgerRecorder(router: options.connection.router(readOnly: false), schema: plan.schema, lockTimeout: options.write.lockTimeout)
    let recorded = try recorder.record(version: plan.version, up: up) { Progress.report(.waiting($0)) }
    AuditLog.append(AuditEntry(
      time: AuditLog.now(), user: AuditLog.user(), host: AuditLog.host(), database: DatabaseLabel(recorded.endpoint),
      schema: plan.schema.rawValue, command: AuditLog.redactedCommand(), operation: "repair \(plan.action.rawValue) \(plan.version)",
      plan: [.init(version: plan.version, name: "repair \(plan.action.rawValue)", direction: up ? "up" : "down")],
      warnings: plan.warnings, before: recorded.before, after: recorded.after,
      rowsBefore: entries.filter { $0.version == plan.version }, rowsAfter: nil, insertedRowIDs: [recorded.rowID], outcome: "completed"))
    return true
  }

  /// A pending migration that a live session is running is not dead: leave it alone.
  private func refuseIfRunning(_ attempt: LedgerEntry, schema: Schema, catalog: CatalogSnapshot) throws {
    guard attempt.state == .pending else { return }
    let holders = catalog.advisoryLocks.filter { $0.granted && $0.objSubID == 2 && $0.objID == 0 && $0.classID == Int64(schema.lockKey) }
    if let holder = holders.first {
      throw LockBusy(schema: schema, holder: "pid \(holder.pid)" + (holder.application.map { ", application \"\($0)\"" } ?? "") + " (the migration may be running now)", waited: 0)
    }
  }

  /// Diagnose the schema again; the repair succeeded only if the migration's finding is gone.
  private func diagnoseAgain(_ schema: Schema, graph: MigrationGraph, version: Int) throws {
    let diagnosis = try options.diagnose(schema)
    let remaining = diagnosis.findings.filter {
      $0.migration == version && [.failedMigration, .deadPendingMigration, .invalidIndex].contains($0.code)
    }
    if let finding = remaining.first {
      Terminal.error("after the repair, diagnose still reports: \(finding.code.rawValue): \(finding.message)")
      throw ExitStatus.needsRepair.exitCode
    }
    Terminal.say("diagnose: migration \(version) has no finding left (\(diagnosis.headline))", json: options.write.json)
  }
}
