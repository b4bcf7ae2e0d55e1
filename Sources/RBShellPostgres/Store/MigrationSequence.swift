import Migrations

/// Several migrations in one simple-protocol query, each still in its own transaction with its
/// ledger row: one round trip for a run of small migrations instead of one each (the cost of a
/// 200-migration downto is round trips, not transactions).
///
/// After each `COMMIT` one `DO` block raises two notices, and the server flushes its output at
/// each: the first marks the migration committed (progress stays live); the second is the
/// liveness check — if rbshell is gone, the first write to its closed socket draws a reset and
/// the second fails, and the server ends the session before the next migration starts, so a
/// killed rbshell leaves at most the migration in flight. The server stops at the first failing
/// statement and skips the rest of the query, so nothing after a failure runs.
struct MigrationSequence {
  static let marker = "rbshell: committed migration "
  static let liveness = "rbshell: next migration"

  let scripts: [MigrationScript]
  /// The query, and where each migration's own script starts in it (in code points, as the
  /// server counts error positions). Built once: a failure maps its position through it.
  let layout: (text: String, starts: [Int])

  /// - Parameter migrations: each migration's file and its ledger row statement.
  init(migrations: [(body: String, ledgerRow: String)]) {
    scripts = migrations.map { MigrationScript(body: $0.body, ledgerRow: $0.ledgerRow) }
    layout = Self.layout(scripts)
  }

  private static func layout(_ scripts: [MigrationScript]) -> (text: String, starts: [Int]) {
    var text = ""
    var starts: [Int] = []
    var length = 0
    for (index, script) in scripts.enumerated() {
      let notices = [marker + String(index)] + (index + 1 < scripts.count ? [liveness] : [])
      starts.append(length)
      let part = script.text + "\n" + Self.notices(notices) + "\n"
      text += part
      length += part.unicodeScalars.count
    }
    return (text, starts)
  }

  /// One `DO` block raising each notice in turn, each flushed on its own (the texts hold no quote).
  static func notices(_ texts: [String]) -> String {
    "DO $rbshell$BEGIN " + texts.map { "RAISE NOTICE '\($0)'; " }.joined() + "END$rbshell$;"
  }

  /// The index of the migration a marker notice says committed.
  static func committed(_ message: String) -> Int? {
    message.hasPrefix(marker) ? Int(message.dropFirst(marker.count)) : nil
  }

  static func isOwn(_ message: String) -> Bool { message.hasPrefix(marker) || message == liveness }

  /// The failing line of migration `index`'s file, from the server's position in the whole query.
  func line(of position: Int?, inMigration index: Int, completed: Int, strings: SQLLexer.StringRule) -> Int? {
    scripts[index].line(of: position.map { $0 - layout.starts[index] }, completed: completed, strings: strings)
  }
}
