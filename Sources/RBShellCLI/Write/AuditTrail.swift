import Foundation
import RBShellCore
import RBShellPostgres

/// The runner's audit records, appended to the audit log: one "started" line before the first
/// change and one with the outcome after, sharing an id.
final class AuditTrail: AuditSink {
  private var id = UUID().uuidString

  func record(_ record: AuditRecord) {
    if record.outcome == "started" { id = UUID().uuidString }
    AuditLog.append(
      AuditEntry(
        id: id, time: AuditLog.now(), user: AuditLog.user(), host: AuditLog.host(), database: record.database,
        schema: record.schema.rawValue, command: AuditLog.redactedCommand(), typed: AuditLog.redactedTypedCommand(),
        operation: record.operation,
        plan: record.steps.map(Self.step), warnings: record.warnings, before: record.before, after: record.after,
        rowsBefore: record.rowsBefore, rowsAfter: record.after == nil ? nil : record.rowsAfter,
        insertedRowIDs: record.insertedRowIDs.isEmpty ? nil : record.insertedRowIDs, outcome: record.outcome))
  }

  func record(_ record: LedgerEditRecord) {
    if record.outcome == "started" { id = UUID().uuidString }
    AuditLog.append(
      AuditEntry(
        id: id, time: AuditLog.now(), user: AuditLog.user(), host: AuditLog.host(), database: record.database,
        schema: record.edit.tool.rawValue, command: AuditLog.redactedCommand(), typed: AuditLog.redactedTypedCommand(),
        operation: record.edit.operation, plan: [], warnings: record.edit.warnings, before: nil, after: nil, table: record.edit.table,
        tableBefore: record.edit.before, tableAfter: record.rowsAfter, outcome: record.outcome))
  }

  /// A step as the audit log names it; a direct write's direction says what it did.
  private static func step(_ step: PlanStep) -> AuditEntry.Step {
    switch step.kind {
    case .migration, .recordOnly: .init(version: step.definition.id, name: step.definition.name, direction: step.direction)
    case .takeBack: .init(version: step.definition.id, name: "repair undo-last", direction: "undo")
    case .clearLegacyFlag(let flag): .init(version: flag.dirtyVersion, name: flag.sql, direction: "clear-dirty")
    case .dropIndex(let target): .init(version: step.definition.id, name: "drop index \(target)", direction: "drop")
    }
  }
}
