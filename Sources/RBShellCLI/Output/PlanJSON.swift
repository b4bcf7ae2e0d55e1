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
