import Migrations

/// A migration as one simple-protocol query: `BEGIN`, the file exactly as written, its ledger
/// row, `COMMIT`. The server parses all of it before running any (a syntax error anywhere runs
/// nothing) and stops at the first failing statement, rolling the migration back with its row.
struct MigrationScript {
  static let opening = "BEGIN;\n"
  let body: String
  let ledgerRow: String

  /// The body is closed by a line break (a final `--` comment cannot swallow the ledger row)
  /// and a `;` (a final statement without one still ends there).
  var text: String { Self.opening + body + "\n;\n" + ledgerRow + ";\nCOMMIT;" }

  /// The failing line of the file: from the server's error position when it gives one, else
  /// from how many statements completed (`BEGIN` first) and where rbshell's split puts the next.
  func line(of position: Int?, completed: Int, strings: SQLLexer.StringRule) -> Int? {
    if let position, let line = StepSQL.line(of: position, in: text) {
      let bodyLines = body.unicodeScalars.reduce(1) { $1 == "\n" ? $0 + 1 : $0 }
      return line >= 2 && line - 1 <= bodyLines ? line - 1 : nil
    }
    let statements = SQLSplitter.split(body, strings: strings)
    let failing = completed - 1
    return statements.indices.contains(failing) ? statements[failing].line : nil
  }
}
