/// Splits SQL text into statements the way psql does, reading it through `SQLLexer`: a `;`
/// ends a statement only outside quotes, dollar quotes, comments and parentheses, and outside
/// the `BEGIN … END` body of a `CREATE [OR REPLACE] FUNCTION|PROCEDURE … BEGIN ATOMIC` (psql's
/// `begin_depth` heuristic in psqlscan.l, which the server's grammar agrees with).
///
/// Unterminated quotes or comments run to the end of the text (`unterminated` says so:
/// definitions with one are refused, since the server would reject the file).
public enum SQLSplitter {
  public static func split(_ sql: String, strings: SQLLexer.StringRule = .standardConforming) -> [SQLStatement] {
    scan(sql, strings: strings).statements
  }

  /// A quote, dollar quote or block comment the text leaves open, and the line it opens on.
  public struct Unterminated: Sendable, Equatable {
    public var what: String
    public var line: Int
  }

  /// The statements and the construct left open, in one pass.
  public static func scan(
    _ sql: String, strings: SQLLexer.StringRule = .standardConforming
  ) -> (statements: [SQLStatement], unterminated: Unterminated?) {
    var splitter = Splitter(lexer: SQLLexer(sql, strings: strings))
    let statements = splitter.statements()
    return (statements, splitter.openConstruct)
  }

  /// Whether `sql` ends where psql would send it: at least one `;` ends a statement, and no
  /// statement, quote or comment is left open after the last one.
  public static func isTerminated(_ sql: String) -> Bool {
    var splitter = Splitter(lexer: SQLLexer(sql))
    let statements = splitter.statements()
    return !statements.isEmpty && !splitter.endsOpen
  }

  private struct Splitter {
    var lexer: SQLLexer
    /// Set by `statements()`: the text ends inside a statement, quote or comment.
    private(set) var endsOpen = false
    /// Set by `statements()`: the quote or comment the text ends inside.
    private(set) var openConstruct: Unterminated?
    private var body = RoutineBody()

    init(lexer: SQLLexer) { self.lexer = lexer }

    mutating func statements() -> [SQLStatement] {
      var result: [SQLStatement] = []
      var start: SQLLexer.Token?
      var depth = 0
      while let token = lexer.next() {
        if !token.isTerminated { open(token) }
        if token.isTrivia { continue }
        let isSemicolon = token.kind == .symbol && lexer.bytes[token.range.lowerBound] == SQLLexer.semicolon
        if start == nil {
          if isSemicolon { continue }
          start = token
          depth = 0
          body = RoutineBody()
        } else if isSemicolon, depth == 0, !body.isOpen {
          result.append(statement(from: start!, to: token.range.lowerBound))
          start = nil
          continue
        }
        body.note(token, lexer: lexer, depth: depth)
        depth = max(0, depth + delta(token))
      }
      if let start { result.append(statement(from: start, to: lexer.bytes.count)) }
      endsOpen = endsOpen || start != nil
      return result
    }

    private func delta(_ token: SQLLexer.Token) -> Int {
      guard token.kind == .symbol, token.range.count == 1 else { return 0 }
      switch lexer.bytes[token.range.lowerBound] {
      case UInt8(ascii: "("): return 1
      case UInt8(ascii: ")"): return -1
      default: return 0
      }
    }

    /// The statement's text runs from its first token to its `;` (or the end of the text), as
    /// the server's parser delimits it, without the white space before the `;`.
    private func statement(from first: SQLLexer.Token, to end: Int) -> SQLStatement {
      var end = end
      while end > first.range.lowerBound, SQLLexer.isSpace(lexer.bytes[end - 1]) { end -= 1 }
      let text = String(decoding: lexer.bytes[first.range.lowerBound..<end], as: UTF8.self)
      return SQLStatement(text: text, line: first.line, column: first.column, offset: first.range.lowerBound)
    }

    private mutating func open(_ token: SQLLexer.Token) {
      endsOpen = true
      let what: String
      switch token.kind {
      case .blockComment: what = "a /* comment"
      case .quotedIdentifier: what = "a quoted identifier"
      case .dollarString: what = "a \(String(decoding: lexer.bytes[token.range.lowerBound..<token.contentStart], as: UTF8.self)) dollar quote"
      default: what = "a quoted string"
      }
      openConstruct = openConstruct ?? Unterminated(what: what, line: token.line)
    }
  }

  /// psql's `begin_depth`: in a statement that starts `CREATE [OR REPLACE] FUNCTION|PROCEDURE`,
  /// unquoted `BEGIN` (and `CASE` inside it) opens a block that `END` closes, outside
  /// parentheses; `;` inside such a block does not end the statement.
  private struct RoutineBody {
    /// First letters of the statement's first four words where they are CREATE, OR, REPLACE,
    /// FUNCTION or PROCEDURE (psqlscan.l's `identifiers`), one byte each.
    private var leading: UInt32 = 0
    private var words = 0
    private var depth = 0
    private static let leadingWords = ["create", "function", "procedure", "or", "replace"]

    var isOpen: Bool { depth > 0 }

    mutating func note(_ token: SQLLexer.Token, lexer: SQLLexer, depth parentheses: Int) {
      guard token.kind == .word else { return }
      if words < 4, Self.leadingWords.contains(where: { lexer.isWord(token, $0) }) {
        leading |= UInt32(lexer.bytes[token.range.lowerBound] | 0x20) << (8 * UInt32(words))
      }
      words += 1
      guard parentheses == 0, isRoutine else { return }
      if lexer.isWord(token, "begin") {
        depth += 1
      } else if lexer.isWord(token, "case") {
        if depth >= 1 { depth += 1 }
      } else if lexer.isWord(token, "end"), depth > 0 {
        depth -= 1
      }
    }

    private func letter(_ index: UInt32) -> UInt8 { UInt8(truncatingIfNeeded: leading >> (8 * index)) }

    private var isRoutine: Bool {
      let (c, f, p, o, r) = (UInt8(ascii: "c"), UInt8(ascii: "f"), UInt8(ascii: "p"), UInt8(ascii: "o"), UInt8(ascii: "r"))
      guard letter(0) == c else { return false }
      let second = letter(1)
      return second == f || second == p || (second == o && letter(2) == r && (letter(3) == f || letter(3) == p))
    }
  }
}

/// One statement of a migration file and where it starts (1-based line and column).
public struct SQLStatement: Sendable, Equatable, Codable {
  /// The statement without its terminating `;`, leading comments and surrounding white space.
  public var text: String
  public var line: Int
  public var column: Int
  /// Byte offset of the statement in the file.
  public var offset: Int

  public init(text: String, line: Int, column: Int, offset: Int = 0) {
    self.text = text
    self.line = line
    self.column = column
    self.offset = offset
  }
}
