import Foundation
import Migrations
import PostgresClient

/// Recognises SQL typed at the prompt: a line starting with a SQL keyword, or `\sql …`.
/// Words are read by `SQLLexer`, so a leading comment or `commit;` reads as the server reads it.
enum SQLLine {
  static let keywords: Set<String> = [
    "select", "with", "explain", "table", "values", "insert", "update", "delete", "create", "alter", "drop",
    "truncate", "begin", "commit", "rollback", "grant", "revoke", "analyze", "vacuum", "set", "reset",
  ]
  static let readOnlyKeywords: Set<String> = ["select", "with", "explain", "table", "values", "show"]

  static func isSQL(_ line: String) -> Bool {
    if line.hasPrefix("\\sql ") { return true }
    let tokens = significantTokens(line, limit: 2)
    guard let first = tokens.first, first.kind == .word else { return false }
    // `show <migration id>` is the shell's own; `show <setting>` is SQL.
    if first.text == "show" { return tokens.count > 1 && tokens[1].kind != .number }
    // `rollback --to REV` is rbshell's rollback; SQL's ROLLBACK never takes a flag (`--` would be a comment).
    if first.text == "rollback" { return !(line.split(whereSeparator: \.isWhitespace).dropFirst().first?.hasPrefix("-") ?? false) }
    return keywords.contains(first.text)
  }

  static func strip(_ line: String) -> String {
    line.hasPrefix("\\sql ") ? String(line.dropFirst(5)) : line
  }

  static func isReadOnly(_ sql: String) -> Bool {
    guard let first = significantTokens(sql, limit: 1).first else { return true }
    return first.kind == .word && readOnlyKeywords.contains(first.text)
  }

  /// The first `limit` tokens that are not white space or comments; words folded to lower case.
  private static func significantTokens(_ sql: String, limit: Int) -> [(kind: SQLLexer.Kind, text: String)] {
    var lexer = SQLLexer(sql)
    var found: [(kind: SQLLexer.Kind, text: String)] = []
    while found.count < limit, let token = lexer.next() {
      guard !token.isTrivia else { continue }
      found.append((token.kind, token.kind == .word ? lexer.foldedWord(token) : lexer.text(of: token)))
    }
    return found
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
