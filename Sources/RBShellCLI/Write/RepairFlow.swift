import ArgumentParser
import Migrations
import PostgresClient
import RBShellCore
import RBShellPostgres

/// Verdict → repair plan → the runner (which decides the repair again under the lock) →
/// diagnose again. Every repair action, ledger-only or not, is one runner request.
struct RepairFlow {
  let target: RepairTarget

  func run(_ action: RepairAction) throws {
    let schema = target.schema
    let graph = try SchemaPlanning.graph(schema, definitions: target.definitions)
    guard let definition = graph[target.version] else { throw PlanError.unknownMigration(target.version) }
    let session = WriteSession(options: repairWriteOptions(), connectionOptions: target.connection)
    let store = try session.store(for: schema)
    let ledger = try store.readLedger(schema)
    try ledger.refuseWritesIfLegacyOnly(schema)
    let catalog = try store.catalog()
    // A migration being run right now is busy (exit 5) whatever its verdict says.
    if let attempt = ledger.entries.first(where: { $0.version == definition.id }) { try refuseIfRunning(attempt, schema: schema, catalog: catalog) }
    let decision = try RepairDecision.decide(action, schema: schema, definition: definition, ledger: ledger, catalog: catalog, force: target.force)
    let analysis = decision.analysis
    Terminal.say(
      "Migration \(definition.id) (\(definition.name)): \(decision.attempt.state.rawValue), verdict \(analysis.verdict.rawValue) (\(analysis.appliedCount) of \(analysis.statements.count) statements in).",
      json: target.write.json)
    // Declined, dry run or rehearsal: nothing changed, so there is nothing to check again.
    let write = request(
      action, definition: definition, leavesApplied: decision.plan.leavesApplied, attemptWasUp: decision.attempt.up, graph: graph, store: store)
    if try session.run([write]) {
      try diagnoseAgain(graph: graph, version: definition.id)
    }
  }

  /// The repaired migration is the plan's only step: the dirty check may let exactly it through.
  private func repairWriteOptions() -> WriteOptions {
    var write = target.write
    write.ignoreSingleDirtyLog = true
    write.ignoreSinglePendingLog = true
    return write
  }

  /// The repair as a runner request: under the lock the ledger and the catalog are read again
  /// and the repair decided again; a different step (someone repaired it, the verdict changed)
  /// writes nothing.
  private func request(
    _ action: RepairAction, definition: Definition, leavesApplied: Bool, attemptWasUp: Bool, graph: MigrationGraph,
    store: PostgresMigrationStore
  ) -> WriteSession.Request {
    let schema = target.schema
    let force = target.force
    let plan = PlanRequest(
      store: store, schema: schema, graph: graph, dirty: repairWriteOptions().dirtyOptions, auditVersions: [definition.id],
      prove: { store in
        RepairProof.mismatches(definition: definition, applied: leavesApplied, attemptWasUp: attemptWasUp, catalog: try store.catalog())
      }
    ) { ledger, store in
      try RepairDecision.decide(action, schema: schema, definition: definition, ledger: ledger, catalog: try store.catalog(), force: force).writePlan
    }
    return WriteSession.Request(plan: plan, connection: store.connection)
  }

  /// A pending migration that a live session is running is not dead: leave it alone.
  private func refuseIfRunning(_ attempt: LedgerEntry, schema: Schema, catalog: CatalogSnapshot) throws {
    guard attempt.state == .pending else { return }
    let holders = catalog.advisoryLocks.filter { $0.granted && $0.objSubID == 2 && $0.objID == 0 && $0.classID == Int64(schema.lockKey) }
    if let holder = holders.first {
      throw LockBusy(
        schema: schema, holder: "pid \(holder.pid)" + (holder.application.map { ", application \"\($0)\"" } ?? "") + " (the migration may be running now)",
        waited: 0)
    }
  }

  /// Diagnose the schema again; the repair succeeded only if the migration's finding is gone.
  private func diagnoseAgain(graph: MigrationGraph, version: Int) throws {
    let diagnosis = try target.diagnose()
    let remaining = diagnosis.findings.filter {
      $0.migration == version && [.failedMigration, .deadPendingMigration, .invalidIndex].contains($0.code)
    }
    if let finding = remaining.first {
      Terminal.error("after the repair, diagnose still reports: \(finding.code.rawValue): \(finding.message)")
      throw ExitStatus.needsRepair.exitCode
    }
    Terminal.say("diagnose: migration \(version) has no finding left (\(diagnosis.headline))", json: target.write.json)
  }
}
