import Foundation
import RBShellCore

/// The runner's audit records, appended to the audit log: one "started" line before the first
/// change and one with the outcome after, sharing an id.
final class AuditTrail: AuditSink {
  private var id = UUID().uuidString

  func record(_ record: AuditRecord) {
    if record.outcome == "started" { id = UUID().uuidString }
    AuditLog.append(AuditEntry(
      id: id, time: AuditLog.now(), user: AuditLog.user(), host: AuditLog.host(), database: record.database,
      schema: record.schema.rawValue, command: AuditLog.redactedCommand(), operation: record.operation,
      plan: record.steps.map { .init(version: $0.definition.id, name: $0.definition.name, direction: $0.direction) },
      warnings: record.warnings, before: record.before, after: record.after,
      rowsBefore: record.rowsBefore, rowsAfter: record.after == nil ? nil : record.rowsAfter, outcome: record.outcome))
  }
}
