/// Splits SQL text into statements the way psql does: a `;` ends a statement only outside
/// quotes (`'…'`, `E'…'` with backslash escapes, `"…"`), dollar quotes (`$$…$$`, `$tag$…$tag$`),
/// comments (`--…`, nested `/* … */`) and parentheses.
///
/// Works on bytes, so invalid UTF-8 cannot trap it, and in one pass, so huge or adversarial
/// input cannot make it slow. Unterminated quotes or comments run to the end of the text
/// (`unterminated` says so: definitions with one are refused, since the server would reject
/// the file). A `--` comment ends at `\n` or `\r`, as in PostgreSQL's scan.l.
public enum SQLSplitter {
  public static func split(_ sql: String) -> [SQLStatement] {
    var scanner = Scanner(bytes: Array(sql.utf8))
    return scanner.statements()
  }

  /// A quote, dollar quote or block comment the text leaves open, and the line it opens on.
  public struct Unterminated: Sendable, Equatable {
    public var what: String
    public var line: Int
  }

  /// The statements and the construct left open, in one pass.
  public static func scan(_ sql: String) -> (statements: [SQLStatement], unterminated: Unterminated?) {
    var scanner = Scanner(bytes: Array(sql.utf8))
    let statements = scanner.statements()
    return (statements, scanner.openConstruct)
  }

  /// Whether `sql` ends where psql would send it: at least one `;` ends a statement, and no
  /// statement, quote or comment is left open after the last one.
  public static func isTerminated(_ sql: String) -> Bool {
    var scanner = Scanner(bytes: Array(sql.utf8))
    let statements = scanner.statements()
    return !statements.isEmpty && !scanner.endsOpen
  }

  private struct Scanner {
    let bytes: [UInt8]
    var i = 0
    var line = 1
    var column = 1
    /// Set by `statements()`: the text ends inside a statement, quote or comment.
    private(set) var endsOpen = false
    /// Set by `statements()`: the quote or comment the text ends inside.
    private(set) var openConstruct: Unterminated?

    init(bytes: [UInt8]) { self.bytes = bytes }

    mutating func statements() -> [SQLStatement] {
      var result: [SQLStatement] = []
      var start: (offset: Int, line: Int, column: Int)?
      var depth = 0
      while i < bytes.count {
        let b = bytes[i]
        if isSpace(b) { advance(); continue }
        if b == ascii("-"), peek(1) == ascii("-") { skipLineComment(); continue }
        if b == ascii("/"), peek(1) == ascii("*") { skipBlockComment(); continue }
        if start == nil {
          if b == ascii(";") { advance(); continue }
          start = (i, line, column)
        }
        switch b {
        case ascii(";") where depth == 0:
          result.append(statement(from: start!, to: i))
          start = nil
          advance()
        case ascii("("): depth += 1; advance()
        case ascii(")"): depth = max(0, depth - 1); advance()
        case ascii("'"): skipString(backslashEscapes: isEscapeStringPrefix())
        case ascii("\""): skipQuoted(ascii("\""))
        case ascii("$"): skipDollarQuoteOrSymbol()
        default: advance()
        }
      }
      if let start { result.append(statement(from: start, to: bytes.count)) }
      endsOpen = endsOpen || start != nil
      return result.filter { !$0.text.isEmpty }
    }

    private func statement(from start: (offset: Int, line: Int, column: Int), to end: Int) -> SQLStatement {
      var last = end
      while last > start.offset, isSpace(bytes[last - 1]) { last -= 1 }
      let text = String(decoding: bytes[start.offset..<last], as: UTF8.self)
      return SQLStatement(text: text, line: start.line, column: start.column, offset: start.offset)
    }

    // MARK: lexical elements

    private mutating func skipLineComment() {
      while i < bytes.count, bytes[i] != ascii("\n"), bytes[i] != ascii("\r") { advance() }
    }

    private mutating func open(_ what: String, at line: Int) {
      endsOpen = true
      openConstruct = openConstruct ?? Unterminated(what: what, line: line)
    }

    private mutating func skipBlockComment() {
      let opened = line
      var nesting = 0
      while i < bytes.count {
        if bytes[i] == ascii("/"), peek(1) == ascii("*") {
          nesting += 1
          advance(2)
        } else if bytes[i] == ascii("*"), peek(1) == ascii("/") {
          nesting -= 1
          advance(2)
          if nesting == 0 { return }
        } else {
          advance()
        }
      }
      open("a /* comment", at: opened)
    }

    /// `'…'` with `''` doubling; with `E'…'`, also `\'` and `\\`.
    private mutating func skipString(backslashEscapes: Bool) {
      let opened = line
      var closed = false
      defer { if !closed { open("a quoted string", at: opened) } }
      advance()
      while i < bytes.count {
        let b = bytes[i]
        if backslashEscapes, b == ascii("\\") {
          advance(2)
        } else if b == ascii("'") {
          advance()
          if i < bytes.count, bytes[i] == ascii("'") { advance() } else { closed = true; return }
        } else {
          advance()
        }
      }
    }

    private mutating func skipQuoted(_ quote: UInt8) {
      let opened = line
      advance()
      while i < bytes.count {
        if bytes[i] == quote {
          advance()
          if i < bytes.count, bytes[i] == quote { advance() } else { return }
        } else {
          advance()
        }
      }
      open("a quoted identifier", at: opened)
    }

    /// `$tag$ … $tag$` (tag: letters, digits, `_`, not starting with a digit); `$1` is a parameter.
    /// Inside an identifier (`a$b$`) a `$` is an identifier character, as in scan.l.
    private mutating func skipDollarQuoteOrSymbol() {
      if i > 0, isIdentifierByte(bytes[i - 1]) || bytes[i - 1] == ascii("$") {
        advance()
        return
      }
      var j = i + 1
      while j < bytes.count, isTagByte(bytes[j]) { j += 1 }
      let tagValid = j < bytes.count && bytes[j] == ascii("$") && (j == i + 1 || !isDigit(bytes[i + 1]))
      guard tagValid else {
        advance()
        return
      }
      let delimiter = Array(bytes[i...j])
      let opened = line
      advance(delimiter.count)
      while i < bytes.count {
        if bytes[i] == ascii("$"), bytes.count - i >= delimiter.count, bytes[i..<i + delimiter.count].elementsEqual(delimiter) {
          advance(delimiter.count)
          return
        }
        advance()
      }
      open("a \(String(decoding: delimiter, as: UTF8.self)) dollar quote", at: opened)
    }

    /// Whether the quote at `i` opens an escape string (`E'…'`, `e'…'`) rather than a plain one.
    private func isEscapeStringPrefix() -> Bool {
      guard i > 0, bytes[i - 1] == ascii("E") || bytes[i - 1] == ascii("e") else { return false }
      return i < 2 || !isIdentifierByte(bytes[i - 2])
    }

    // MARK: cursor

    private func peek(_ n: Int) -> UInt8? { i + n < bytes.count ? bytes[i + n] : nil }

    private mutating func advance(_ n: Int = 1) {
      for _ in 0..<n where i < bytes.count {
        if bytes[i] == ascii("\n") {
          line += 1
          column = 1
        } else if bytes[i] & 0xC0 != 0x80 {
          column += 1  // count characters, not UTF-8 continuation bytes
        }
        i += 1
      }
    }
  }

  private static func ascii(_ c: Unicode.Scalar) -> UInt8 { UInt8(ascii: c) }
  private static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || (0x09...0x0D).contains(b) }
  private static func isDigit(_ b: UInt8) -> Bool { (0x30...0x39).contains(b) }
  private static func isTagByte(_ b: UInt8) -> Bool { isIdentifierByte(b) }
  private static func isIdentifierByte(_ b: UInt8) -> Bool {
    isDigit(b) || (0x41...0x5A).contains(b) || (0x61...0x7A).contains(b) || b == ascii("_") || b >= 0x80
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
