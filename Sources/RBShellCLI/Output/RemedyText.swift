import RBShellCore

/// Renders a finding's remedies as command lines that reach the same database and definitions
/// the operator used: `rbshell repair retry --db frontend --version 11 --dsn 'dbname=sg'
/// --migrations ./migrations   # note`.
struct RemedyText {
  /// Connection words, already shell-quoted, never a password (`--dsn 'dbname=sg'`).
  var connection: [String] = []
  /// Definition words, already shell-quoted (`--migrations …`, `--rev …`, `--release …`).
  var definitions: [String] = []

  func line(_ remedy: Remedy) -> String {
    let words = ["rbshell"] + remedy.words.map(ShellQuoting.quote) + connection + (remedy.needsDefinitions ? definitions : [])
    return words.joined(separator: " ") + (remedy.note.map { "   # \($0)" } ?? "")
  }
}
