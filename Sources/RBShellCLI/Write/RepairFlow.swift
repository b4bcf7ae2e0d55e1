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
    let store = try session.store(for: schema)
    let ledger = try store.readLedger(schema)
    try ledger.refuseWritesIfLegacyOnly(schema)
    let catalog = try store.catalog()
    let decision = try RepairDecision.decide(action, schema: schema, definition: definition, ledger: ledger, catalog: catalog, force: options.force)
    try refuseIfRunning(decision.attempt, schema: schema, catalog: catalog)
    let analysis = decision.analysis
    Terminal.say("Migration \(definition.id) (\(definition.name)): \(decision.attempt.state.rawValue), verdict \(analysis.verdict.rawValue) (\(analysis.appliedCount) of \(analysis.statements.count) statements in).", json: options.write.json)
    let wrote: Bool
    switch decision.plan.work {
    case .run:
      wrote = try session.run([request(action, schema: schema, definition: definition, graph: graph, store: store)])
    case .record(let up):
      wrote = try record(up: up, plan: decision.plan, entries: ledger.entries)
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

  /// The repair as a runner request: under the lock the ledger and the catalog are read again
  /// and the repair decided again; a different step (someone repaired it, the verdict changed)
  /// writes nothing.
  private func request(
    _ action: RepairAction, schema: Schema, definition: Definition, graph: MigrationGraph, store: PostgresMigrationStore
  ) -> WriteSession.Request {
    let force = options.force
    let plan = PlanRequest(
      store: store, schema: schema, graph: graph, dirty: repairWriteOptions().dirtyOptions, auditVersions: [definition.id]
    ) { ledger, store in
      do {
        return try RepairDecision.decide(action, schema: schema, definition: definition, ledger: ledger, catalog: try store.catalog(), force: force).writePlan
      } catch is RepairRefusal {
        return WritePlan(schema: schema, operation: "repair \(action.rawValue) \(definition.id)", steps: [])
      }
    }
    return WriteSession.Request(plan: plan, connection: store.connection)
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
