import Foundation
import RBShellCore

/// A ledger edit's preview: what the table holds, what it will hold, why, and the SQL.
enum LedgerEditText {
  static func preview(_ edit: LedgerEdit, statements: [String], json: Bool) -> String {
    if json { return JSONOutput.encode(LedgerEditJSON(edit: edit, statements: statements)) }
    var out = "\(edit.tool.displayName): \(edit.table) holds \(LedgerEditVerificationFailure.words(edit.before)).\n"
    let label = edit.operation.hasPrefix("downto") ? "Plan" : "Repair"
    out +=
      edit.after == edit.before
      ? "\(label): \(edit.operation) — the ledger stays as it is; the statements below change the database.\n"
      : "\(label): \(edit.operation) — the table will hold \(LedgerEditVerificationFailure.words(edit.after)).\n"
    out += "Why: \(edit.reason)\n"
    for warning in edit.warnings { out += "WARNING: \(warning)\n" }
    if case .golangMigrateDown = edit.change {
      out += "SQL (each down file with its version change in one transaction, under the lock, only while the table says the version before it):\n"
    } else {
      out += "SQL (one transaction, under the lock, only while the table still holds \(edit.before.isEmpty ? "no row" : "those rows")):\n"
    }
    for statement in statements {
      var text = Substring(statement)
      while let last = text.last, last == ";" || last.isWhitespace { text = text.dropLast() }
      out += text.split(separator: "\n", omittingEmptySubsequences: false).map { "  \($0)" }.joined(separator: "\n") + (text.hasSuffix("*/") ? "\n" : ";\n")
    }
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
