import ASCIIText

/// Statements in a migration file that end the transaction the migrator runs the file in
/// (`COMMIT`, `END`, `ROLLBACK`, `ABORT`, `PREPARE TRANSACTION`). Such a migration is not
/// atomic: what comes before is committed (or rolled back) on its own, and its ledger row is no
/// longer written together with its SQL. Two real Sourcegraph migrations end this way.
public enum TransactionControl {
  public struct Ending: Sendable, Equatable, Codable {
    /// The statement's leading words, upper-cased: `COMMIT`, `END`, `ROLLBACK AND CHAIN`, …
    public var statement: String
    public var line: Int
    /// How many statements of the file follow it (0: it is the last).
    public var statementsAfter: Int
  }

  /// Every transaction-ending statement of `sql`, in order.
  public static func endings(in sql: String) -> [Ending] {
    guard mightEndTransaction(sql) else { return [] }
    let statements = SQLSplitter.split(sql)
    return statements.enumerated().compactMap { index, statement in
      guard let words = endingWords(statement.text) else { return nil }
      return Ending(statement: words, line: statement.line, statementsAfter: statements.count - index - 1)
    }
  }

  /// The statement's words when it ends a transaction; `ROLLBACK TO SAVEPOINT`, `COMMIT
  /// PREPARED` (refused inside a transaction block anyway) and the rest do not.
  static func endingWords(_ statement: String) -> String? {
    var lexer = SQLLexer(statement)
    var words: [String] = []
    while words.count < 3, let token = lexer.next() {
      if token.isTrivia { continue }
      guard token.kind == .word else { break }
      words.append(lexer.foldedWord(token))
    }
    guard let first = words.first else { return nil }
    let second = words.dropFirst().first
    let ends: Bool
    switch first {
    case "commit", "end", "abort": ends = second != "prepared"
    case "rollback": ends = second != "to" && second != "prepared"
    case "prepare": ends = second == "transaction"
    default: ends = false
    }
    return ends ? words.joined(separator: " ").uppercased() : nil
  }

  /// A cheap test that skips the split for almost every file: one of the keywords occurs.
  private static func mightEndTransaction(_ sql: String) -> Bool {
    ["commit", "end", "rollback", "abort", "prepare"].contains { sql.containsASCII($0, ignoringCase: true) }
  }
}

extension MigrationGraph {
  /// `transaction-control` warnings: every migration whose up or down SQL ends its own
  /// transaction, with the line and what that costs.
  public var transactionControlWarnings: [DefinitionProblem] {
    definitions.flatMap { definition in
      [("up", definition.upQuery), ("down", definition.downQuery)].flatMap { direction, sql in
        TransactionControl.endings(in: sql).map { ending in
          let after =
            ending.statementsAfter == 0
            ? "its ledger row is no longer written in the same transaction"
            : "the \(ending.statementsAfter) statement(s) after it run in a transaction of their own, so a failure there leaves what precedes it committed"
          return DefinitionProblem(
            .transactionControl, at: String(definition.id),
            "\(direction) SQL line \(ending.line): \(ending.statement) ends the transaction the migration runs in: \(after); the migration is not atomic",
            instructions: "Remove it: the migrator already runs each migration in a transaction.")
        }
      }
    }
  }
}
