import Migrations

/// Tokens of one SQL statement, enough to recognise DDL: keywords and identifiers (unquoted
/// ones folded to lower case, as the server folds them), quoted identifiers, strings, numbers
/// and punctuation. Comments are dropped.
public enum SQLToken: Equatable, Sendable {
  case word(String)
  case quotedIdentifier(String)
  case string(String)
  case number(String)
  case symbol(String)

  /// The identifier this token names, if it can name one.
  var identifier: String? {
    switch self {
    case .word(let w): w
    case .quotedIdentifier(let q): q
    default: nil
    }
  }

  /// Source-like text, for rebuilding type names and default expressions.
  var text: String {
    switch self {
    case .word(let w): w
    case .quotedIdentifier(let q): "\"\(q)\""
    case .string(let s): "'\(s.replacing("'", with: "''"))'"
    case .number(let n): n
    case .symbol(let s): s
    }
  }
}

/// `SQLLexer`'s tokens as the statement parser wants them.
enum SQLTokenizer {
  static func tokenize(_ sql: String) -> [SQLToken] {
    var lexer = SQLLexer(sql)
    var tokens: [SQLToken] = []
    while let token = lexer.next() {
      switch token.kind {
      case .space, .lineComment, .blockComment: continue
      case .word: tokens.append(.word(lexer.identifier(token) ?? ""))
      case .quotedIdentifier: tokens.append(.quotedIdentifier(lexer.identifier(token) ?? ""))
      case .string, .dollarString: tokens.append(.string(lexer.value(of: token)))
      case .number: tokens.append(.number(lexer.text(of: token)))
      case .parameter, .symbol: tokens.append(.symbol(lexer.text(of: token)))
      }
    }
    return tokens
  }
}
