import RBShellCore

/// Write plans as one JSON document (`--json`), data-loss preview included.
enum PlanJSON {
  struct Step: Encodable {
    var migration: Int, name: String, direction: String, statements: Int, transactional: Bool, privileged: Bool
  }

  struct SchemaPlan: Encodable {
    var schema: String, operation: String, steps: [Step], warnings: [String], dataLoss: [DataLossEstimate]
  }

  struct Document: Encodable { var plans: [SchemaPlan] }

  /// A write that runs no migration SQL, in the same document shape: no steps, and what it
  /// changes instead.
  struct DirectWrite: Encodable {
    var schema: String, operation: String, steps: [Step] = [], warnings: [String], dataLoss: [DataLossEstimate] = []
    /// The row `mark-applied`/`mark-reverted` inserts into migration_logs.
    var ledgerRow: LedgerRow?
    /// The golang-migrate row `clear-dirty` changes; no `cleanVersion` empties the table.
    var legacyFlag: LegacyFlagChange?
    /// The index `drop-invalid-index` drops concurrently.
    var dropIndex: String?
  }

  struct LedgerRow: Encodable { var schema: String, version: Int, up: Bool, success: Bool }
  struct LegacyFlagChange: Encodable { var table: String, dirtyVersion: Int, cleanVersion: Int?, sql: String }

  static func document(_ write: DirectWrite) -> String {
    JSONOutput.encode(["plans": [write]])
  }

  static func document(_ plans: [WritePlan], losses: [[DataLossEstimate]]) -> String {
    JSONOutput.encode(Document(plans: zip(plans, losses).map { plan, loss in
      SchemaPlan(
        schema: plan.schema.rawValue, operation: plan.operation,
        steps: plan.steps.map {
          Step(migration: $0.definition.id, name: $0.definition.name, direction: $0.direction, statements: $0.statementCount,
            transactional: $0.isTransactional, privileged: $0.definition.privileged)
        },
        warnings: plan.warnings, dataLoss: loss)
    }))
  }
}
