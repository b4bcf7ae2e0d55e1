import Migrations

/// A repair decided from the evidence: the migration's latest attempt in the ledger, and the
/// catalog's verdict on it. Decided once for the preview and again under the lock, so a repair
/// never runs on a verdict the database no longer supports.
public struct RepairDecision: Equatable, Sendable {
  public var attempt: LedgerEntry
  public var analysis: MigrationAnalysis
  public var plan: RepairPlan

  /// - Throws: `RepairRefusal.nothingToRepair` when the migration is neither failed nor pending,
  ///   or the planner's refusal when the verdict contradicts the repair.
  public static func decide(
    _ action: RepairAction, schema: Schema, definition: Definition, ledger: LedgerSnapshot, catalog: CatalogSnapshot, force: Bool
  ) throws -> RepairDecision {
    guard let attempt = ledger.entries.first(where: { $0.version == definition.id }), attempt.state == .failed || attempt.state == .pending else {
      throw RepairRefusal.nothingToRepair(version: definition.id)
    }
    let analysis = MigrationAnalysis(definition: definition, up: attempt.up, catalog: catalog)
    let plan = try RepairPlanner.plan(action, schema: schema, definition: definition, attempt: attempt, analysis: analysis, force: force)
    return RepairDecision(attempt: attempt, analysis: analysis, plan: plan)
  }

  /// The plan the runner executes: the repair's one step.
  public var writePlan: WritePlan {
    WritePlan(schema: plan.schema, operation: operation, steps: [plan.step], warnings: plan.warnings)
  }

  public var operation: String { "repair \(plan.action.rawValue) \(plan.version)" }
}
