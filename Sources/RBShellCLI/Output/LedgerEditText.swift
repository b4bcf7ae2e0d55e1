import Foundation
import RBShellCore

/// A ledger edit's preview: what the table holds, what it will hold, why, and the SQL.
enum LedgerEditText {
  static func preview(_ edit: LedgerEdit, statements: [String], json: Bool) -> String {
    if json { return JSONOutput.encode(LedgerEditJSON(edit: edit, statements: statements)) }
    var out = "\(edit.tool.displayName): \(edit.table) holds \(LedgerEditVerificationFailure.words(edit.before)).\n"
    out +=
      edit.after == edit.before
      ? "Repair: \(edit.operation) — the ledger stays as it is; the statements below change the database.\n"
      : "Repair: \(edit.operation) — the table will hold \(LedgerEditVerificationFailure.words(edit.after)).\n"
    out += "Why: \(edit.reason)\n"
    for warning in edit.warnings { out += "WARNING: \(warning)\n" }
    out += "SQL (one transaction, under the lock, only while the table still holds \(edit.before.isEmpty ? "no row" : "those rows")):\n"
    for statement in statements { out += "  \(statement);\n" }
    return out
  }
}

/// `repair force --json`: `{"edit": {tool, table, operation, before, after, reason, warnings, statements}}`.
struct LedgerEditJSON: Encodable {
  struct Edit: Encodable {
    var tool: LedgerTool
    var table: String
    var operation: String
    var before: [String]
    var after: [String]
    var reason: String
    var warnings: [String]
    var statements: [String]
  }

  var edit: Edit

  init(edit: LedgerEdit, statements: [String]) {
    self.edit = Edit(
      tool: edit.tool, table: edit.table, operation: edit.operation, before: edit.before, after: edit.after, reason: edit.reason,
      warnings: edit.warnings, statements: statements)
  }
}
