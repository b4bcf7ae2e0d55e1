import ArgumentParser
import Migrations
import PostgresClient
import RBShellCore
import RBShellPostgres

/// `repair clear-dirty`: the pre-3.37 ledger's dirty flag, cleared at the version the catalog
/// proves — a runner request like every write (decided again under the lock), then diagnosed again.
struct LegacyRepairFlow {
  let target: RepairTarget

  func run() throws {
    let schema = target.schema
    let graph = try SchemaPlanning.graph(schema, definitions: target.definitions)
    guard let definition = graph[target.version] else { throw PlanError.unknownMigration(target.version) }
    let session = WriteSession(options: target.write, connectionOptions: target.connection)
    let store = try session.store(for: schema)
    let repair = try Self.decide(schema: schema, definition: definition, graph: graph, ledger: try store.readLedger(schema), store: store, force: target.force)
    Terminal.say(
      "Migration \(definition.id) (\(definition.name)): verdict \(repair.analysis.verdict.rawValue) (\(repair.analysis.appliedCount) of \(repair.analysis.statements.count) statements in).",
      json: target.write.json)
    Terminal.say("\(repair.flag.table) says (\(repair.flag.dirtyVersion), dirty).", json: target.write.json)
    let force = target.force
    let request = PlanRequest(store: store, schema: schema, graph: graph, dirty: .notEnforced) { ledger, store in
      Self.plan(try Self.decide(schema: schema, definition: definition, graph: graph, ledger: ledger, store: store, force: force).flag, definition)
    }
    if try session.run([WriteSession.Request(plan: request, connection: store.connection)]) { try diagnoseAgain() }
  }

  /// The verdict on the dirty migration, and the flag change it proves.
  static func decide(
    schema: Schema, definition: Definition, graph: MigrationGraph, ledger: LedgerSnapshot, store: MigrationStore, force: Bool
  ) throws -> (flag: LegacyFlagRepair, analysis: MigrationAnalysis) {
    let analysis = MigrationAnalysis(definition: definition, up: true, catalog: try store.catalog())
    let flag = try LegacyFlagPlanner.plan(
      schema: schema, legacy: ledger.legacy, consulted: !ledger.hasMigrationLogs, version: definition.id,
      ids: graph.ids, analysis: analysis, force: force)
    return (flag, analysis)
  }

  static func plan(_ flag: LegacyFlagRepair, _ definition: Definition) -> WritePlan {
    WritePlan(
      schema: flag.schema, operation: "repair clear-dirty \(flag.dirtyVersion)",
      steps: [PlanStep(definition: definition, up: true, kind: .clearLegacyFlag(flag))], warnings: flag.warnings)
  }

  /// Diagnose the schema again; the repair succeeded only if the dirty flag's finding is gone.
  private func diagnoseAgain() throws {
    let diagnosis = try target.diagnose()
    if let finding = diagnosis.findings.first(where: { $0.code == .legacyDirtyFlag }) {
      Terminal.error("after the repair, diagnose still reports: \(finding.code.rawValue): \(finding.message)")
      throw ExitStatus.needsRepair.exitCode
    }
    Terminal.say("diagnose: no dirty flag left (\(diagnosis.headline))", json: target.write.json)
  }
}
