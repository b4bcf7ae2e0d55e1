import ArgumentParser
import Migrations
import PostgresClient
import RBShellCore
import RBShellPostgres

/// `repair clear-dirty`: the pre-3.37 ledger's dirty flag, cleared at the version the catalog
/// proves — previewed, confirmed, locked, audited, then diagnosed again.
struct LegacyRepairFlow {
  let options: RepairOptions

  func run() throws {
    let schema = try options.schema.schema()
    let graph = try SchemaPlanning.graph(schema, definitions: try options.definitions)
    guard let definition = graph[options.version] else { throw PlanError.unknownMigration(options.version) }
    let connection = try options.connection.router(readOnly: true).connect([schema])[schema]!
    let ledger = try MigrationLogsReader(connection: connection).snapshot(of: schema)
    let catalog = try connection.snapshotTransaction { try CatalogReader(connection: connection).read().catalog }
    let analysis = MigrationAnalysis(definition: definition, up: true, catalog: catalog)
    Terminal.say("Migration \(definition.id) (\(definition.name)): verdict \(analysis.verdict.rawValue) (\(analysis.appliedCount) of \(analysis.statements.count) statements in).", json: options.write.json)
    let repair = try LegacyFlagPlanner.plan(
      schema: schema, legacy: ledger.legacy, consulted: !ledger.hasMigrationLogs, version: definition.id,
      ids: graph.ids, analysis: analysis, force: options.force)
    Terminal.say("\(repair.table) says (\(repair.dirtyVersion), dirty).", json: options.write.json)
    if try write(repair) { try diagnoseAgain(schema) }
  }

  /// - Returns: whether the row was changed.
  private func write(_ repair: LegacyFlagRepair) throws -> Bool {
    if options.write.json {
      let change = PlanJSON.LegacyFlagChange(
        table: repair.table, dirtyVersion: repair.dirtyVersion, cleanVersion: repair.cleanVersion, sql: LegacyFlagWriter.sql(repair))
      print(PlanJSON.document(PlanJSON.DirectWrite(
        schema: repair.schema.rawValue, operation: "repair clear-dirty \(repair.dirtyVersion)", warnings: repair.warnings,
        legacyFlag: change)), terminator: "")
    }
    Terminal.say("Will run on \(repair.schema): \(LegacyFlagWriter.sql(repair))", json: options.write.json)
    Terminal.say("  because \(repair.reason)", json: options.write.json)
    repair.warnings.forEach { Terminal.say("  warning: \($0)", json: options.write.json) }
    guard try options.write.approveDirectWrite("clear-dirty") else { return false }
    let endpoint = try LegacyFlagWriter(router: options.connection.router(readOnly: false), schema: repair.schema, lockTimeout: options.write.lockTimeout)
      .write(repair) { Progress.report(.waiting($0)) }
    AuditLog.append(AuditEntry(
      time: AuditLog.now(), user: AuditLog.user(), host: AuditLog.host(), database: DatabaseLabel(endpoint),
      schema: repair.schema.rawValue, command: AuditLog.redactedCommand(), operation: "repair clear-dirty \(repair.dirtyVersion)",
      plan: [.init(version: repair.dirtyVersion, name: LegacyFlagWriter.sql(repair), direction: "clear-dirty")],
      warnings: repair.warnings, before: LedgerState(), after: nil, outcome: "completed"))
    Terminal.say("\(repair.table): " + (repair.cleanVersion.map { "version \($0), clean." } ?? "empty (no migration applied)."), json: options.write.json)
    return true
  }

  /// Diagnose the schema again; the repair succeeded only if the dirty flag's finding is gone.
  private func diagnoseAgain(_ schema: Schema) throws {
    let diagnosis = try options.diagnose(schema)
    if let finding = diagnosis.findings.first(where: { $0.code == .legacyDirtyFlag }) {
      Terminal.error("after the repair, diagnose still reports: \(finding.code.rawValue): \(finding.message)")
      throw ExitStatus.needsRepair.exitCode
    }
    Terminal.say("diagnose: no dirty flag left (\(diagnosis.headline))", json: options.write.json)
  }
}
