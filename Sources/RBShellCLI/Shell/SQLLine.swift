import Foundation
import PostgresClient

/// Recognises SQL typed at the prompt: a line starting with a SQL keyword, or `\sql …`.
enum SQLLine {
  static let keywords: Set<String> = [
    "select", "with", "explain", "table", "values", "insert", "update", "delete", "create", "alter", "drop",
    "truncate", "begin", "commit", "rollback", "grant", "revoke", "analyze", "vacuum", "set", "reset",
  ]
  static let readOnlyKeywords: Set<String> = ["select", "with", "explain", "table", "values", "show"]

  static func isSQL(_ line: String) -> Bool {
    if line.hasPrefix("\\sql ") { return true }
    let words = line.split(whereSeparator: \.isWhitespace)
    // The keyword itself: `commit;` and `select(1)` start with `commit` and `select`.
    guard let first = words.first.map({ String($0.prefix(while: \.isLetter)).lowercased() }) else { return false }
    // `show <migration id>` is the shell's own; `show <setting>` is SQL.
    if first == "show" { return words.count > 1 && Int(words[1]) == nil }
    // `rollback --to REV` is rbshell's rollback; SQL's ROLLBACK never takes a flag.
    if first == "rollback" { return !(words.count > 1 && words[1].hasPrefix("-")) }
    return keywords.contains(first)
  }

  static func strip(_ line: String) -> String {
    line.hasPrefix("\\sql ") ? String(line.dropFirst(5)) : line
  }

  static func isReadOnly(_ sql: String) -> Bool {
    sql.split(whereSeparator: \.isWhitespace).first.map { readOnlyKeywords.contains($0.lowercased()) } ?? true
  }
}

/// psql's aligned output: a header, a rule, rows, and the row count.
enum SQLTable {
  static func render(_ result: QueryResult) -> String {
    guard !result.columns.isEmpty else { return result.commandTag + "\n" }
    let cells = result.rows.map { $0.map { $0 ?? "" } }
    let widths = result.columns.indices.map { i in ([result.columns[i]] + cells.map { $0[i] }).map(\.count).max() ?? 0 }
    func line(_ values: [String]) -> String {
      " " + zip(values, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }.joined(separator: " | ")
    }
    var lines = [line(result.columns), widths.map { String(repeating: "-", count: $0 + 2) }.joined(separator: "+")]
    lines += cells.map(line)
    lines.append("(\(cells.count) row\(cells.count == 1 ? "" : "s"))")
    return lines.joined(separator: "\n") + "\n"
  }
}
