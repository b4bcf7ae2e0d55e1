import Migrations

/// A migration as part of a simple-protocol query: `BEGIN` (unless it shares a transaction), the
/// file exactly as written, its ledger row, and `COMMIT` unless the transaction goes on. The
/// server parses the whole query before running any of it (a syntax error anywhere runs nothing)
/// and stops at the first failing statement.
struct MigrationScript {
  static let opening = "BEGIN;\n"
  let body: String
  let ledgerRow: String
  /// Whole lines: `line(of:)` counts the body from the line after them.
  var opening = Self.opening
  var closing = "\nCOMMIT;"

  /// The body is closed by a line break (a final `--` comment cannot swallow the ledger row)
  /// and a `;` (a final statement without one still ends there).
  var text: String { opening + body + "\n;\n" + ledgerRow + ";" + closing }

  /// The failing line of the file: from the server's error position when it gives one, else
  /// from how many statements completed (`BEGIN` first) and where rbshell's split puts the next.
  func line(of position: Int?, completed: Int, strings: SQLLexer.StringRule) -> Int? {
    let openingLines = opening.unicodeScalars.reduce(0) { $1 == "\n" ? $0 + 1 : $0 }
    if let position, let line = StepSQL.line(of: position, in: text) {
      let bodyLines = body.unicodeScalars.reduce(1) { $1 == "\n" ? $0 + 1 : $0 }
      return line > openingLines && line - openingLines <= bodyLines ? line - openingLines : nil
    }
    let statements = SQLSplitter.split(body, strings: strings)
    let failing = completed - openingLines
    return statements.indices.contains(failing) ? statements[failing].line : nil
  }
}
