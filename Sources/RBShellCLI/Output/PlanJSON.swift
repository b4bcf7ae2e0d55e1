import RBShellCore
import RBShellPostgres

/// Write plans as one JSON document (`--json`), data-loss preview included.
enum PlanJSON {
  struct Step: Encodable {
    var migration: Int, name: String, direction: String, statements: Int, transactional: Bool, privileged: Bool
    /// The statement that ends the migration's transaction itself (not atomic), if any.
    var endsTransaction: TransactionEnding?
  }

  struct TransactionEnding: Encodable { var statement: String, line: Int }

  /// One schema's plan. A write that runs no migration SQL has no steps and says what it
  /// changes instead (`ledgerRow`, `legacyFlag`, `dropIndex`, `removeRows`).
  struct SchemaPlan: Encodable {
    var schema: String, operation: String, steps: [Step], warnings: [String], dataLoss: [DataLossEstimate]
    /// The row `add-log`/`mark-applied`/`mark-reverted` inserts into migration_logs.
    var ledgerRow: LedgerRow?
    /// The golang-migrate row `clear-dirty` changes; no `cleanVersion` empties the table.
    var legacyFlag: LegacyFlagChange?
    /// The index `drop-invalid-index` drops concurrently.
    var dropIndex: String?
    /// The migration_logs rows `undo-last` removes.
    var removeRows: [Int]?
  }

  struct Document: Encodable { var plans: [SchemaPlan] }

  struct LedgerRow: Encodable { var schema: String, version: Int, up: Bool, success: Bool }
  struct LegacyFlagChange: Encodable { var table: String, dirtyVersion: Int, cleanVersion: Int?, sql: String }

  static func document(_ plans: [WritePlan], losses: [[DataLossEstimate]]) -> String {
    JSONOutput.encode(Document(plans: zip(plans, losses).map(schemaPlan)))
  }

  private static func schemaPlan(_ plan: WritePlan, loss: [DataLossEstimate]) -> SchemaPlan {
    var document = SchemaPlan(
      schema: plan.schema.rawValue, operation: plan.operation, steps: [], warnings: plan.warnings, dataLoss: loss)
    for step in plan.steps {
      switch step.kind {
      case .migration:
        document.steps.append(
          Step(
            migration: step.definition.id, name: step.definition.name, direction: step.direction, statements: step.statementCount,
            transactional: step.isTransactional, privileged: step.definition.privileged,
            endsTransaction: step.transactionEnding.map { TransactionEnding(statement: $0.statement, line: $0.line) }))
      case .recordOnly:
        document.ledgerRow = LedgerRow(schema: plan.schema.ledgerName, version: step.definition.id, up: step.up, success: true)
      case .takeBack(let rowIDs):
        document.removeRows = rowIDs
      case .clearLegacyFlag(let flag):
        document.legacyFlag = LegacyFlagChange(table: flag.table, dirtyVersion: flag.dirtyVersion, cleanVersion: flag.cleanVersion, sql: flag.sql)
      case .dropIndex(let target):
        document.dropIndex = target.description
      }
    }
    return document
  }
}
