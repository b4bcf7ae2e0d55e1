/// PostgreSQL's lexical rules, the one home of them in rbshell: the statement splitter, the
/// statement parser and the shell's SQL recognition all read SQL through this lexer.
///
/// Written against the server's scanner (`src/backend/parser/scan.l`) and psql's
/// (`src/fe_utils/psqlscan.l`): identifiers take `$` after their first character and any byte
/// at or above 0x80; strings are `'…'` (`''` doubles a quote), `E'…'` (also backslash escapes),
/// `U&'…'`, `B'…'`, `X'…'` and `N'…'`, and with `standard_conforming_strings = off` a plain
/// `'…'` takes backslash escapes too; `"…"` and `U&"…"` are quoted identifiers; `$tag$…$tag$`
/// (tag: an identifier without `$`) is a dollar quote and `$1` a parameter; `--` comments end
/// at `\n` or `\r`; `/* … */` comments nest. A prefix (`E`, `U&`, …) counts only at the start
/// of a token, as flex's longest match decides.
///
/// Works on bytes, so invalid UTF-8 cannot trap it, and in one pass without backtracking, so
/// huge or adversarial input cannot make it slow.
public struct SQLLexer: Sendable {
  public enum Kind: Sendable, Equatable {
    case space, lineComment, blockComment
    /// An unquoted identifier or keyword.
    case word
    case quotedIdentifier
    case string
    case dollarString
    case number
    /// `$1`: a positional parameter.
    case parameter
    /// One character of punctuation or an operator, or `::`.
    case symbol
  }

  /// What a backslash means inside a plain `'…'` string: nothing (the server's
  /// `standard_conforming_strings = on`, the default since PostgreSQL 9.1), or an escape.
  public enum StringRule: Sendable, Equatable {
    case standardConforming
    case backslashEscapes
  }

  public struct Token: Sendable, Equatable {
    public var kind: Kind
    /// Byte offsets in the text.
    public var range: Range<Int>
    /// 1-based line and column (columns count characters) where the token starts.
    public var line: Int
    public var column: Int
    /// False for a quote or comment the text ends inside.
    public var isTerminated = true
    /// For strings: the first byte of the content, after the prefix and the opening quote.
    public var contentStart: Int

    public var isComment: Bool { kind == .lineComment || kind == .blockComment }
    public var isTrivia: Bool { kind == .space || isComment }
  }

  public let bytes: [UInt8]
  public let strings: StringRule
  private var offset = 0
  private var line = 1
  private var column = 1

  public init(_ text: String, strings: StringRule = .standardConforming) {
    self.init(bytes: Array(text.utf8), strings: strings)
  }

  public init(bytes: [UInt8], strings: StringRule = .standardConforming) {
    self.bytes = bytes
    self.strings = strings
  }

  /// The next token, or nil at the end of the text.
  public mutating func next() -> Token? {
    guard offset < bytes.count else { return nil }
    let start = (offset: offset, line: line, column: column)
    var terminated = true
    var contentStart = offset
    let kind = scanToken(terminated: &terminated, contentStart: &contentStart)
    return Token(
      kind: kind, range: start.offset..<offset, line: start.line, column: start.column, isTerminated: terminated,
      contentStart: contentStart)
  }

  /// Every token of `text`.
  public static func tokens(_ text: String, strings: StringRule = .standardConforming) -> [Token] {
    var lexer = SQLLexer(text, strings: strings)
    var result: [Token] = []
    while let token = lexer.next() { result.append(token) }
    return result
  }

  /// The token's text as written.
  public func text(of token: Token) -> String {
    String(decoding: bytes[token.range], as: UTF8.self)
  }

  /// A word's text folded to lower case as the server folds unquoted identifiers (ASCII only,
  /// in a UTF-8 database).
  public func foldedWord(_ token: Token) -> String {
    String(decoding: bytes[token.range].map { Self.isUpper($0) ? $0 | 0x20 : $0 }, as: UTF8.self)
  }

  /// The name an identifier token gives an object, as the server stores it: an unquoted word
  /// folded to lower case, a quoted one undoubled, either cut to 63 bytes (NAMEDATALEN - 1) at
  /// a character boundary, as the server truncates it (with a NOTICE) when it creates the object.
  public func identifier(_ token: Token) -> String? {
    let name: String
    switch token.kind {
    case .word: name = foldedWord(token)
    case .quotedIdentifier: name = value(of: token)
    default: return nil
    }
    return Self.truncatedToNameLength(name)
  }

  /// At most 63 bytes, never splitting a character (the server's `pg_mbcliplen`).
  public static func truncatedToNameLength(_ name: String, maxBytes: Int = maximumNameLength) -> String {
    guard name.utf8.count > maxBytes else { return name }
    var bytes = 0
    var kept = String.UnicodeScalarView()
    for scalar in name.unicodeScalars {
      bytes += String(scalar).utf8.count
      if bytes > maxBytes { break }
      kept.append(scalar)
    }
    return String(kept)
  }

  /// NAMEDATALEN - 1.
  public static let maximumNameLength = 63

  /// Whether the token is the unquoted word `lowercase` (which must be lower-case ASCII).
  public func isWord(_ token: Token, _ lowercase: String) -> Bool {
    guard token.kind == .word, token.range.count == lowercase.utf8.count else { return false }
    return zip(bytes[token.range], lowercase.utf8).allSatisfy { ($0 | (Self.isUpper($0) ? 0x20 : 0)) == $1 }
  }

  /// The value of a string, quoted identifier or dollar quote: quotes undoubled, and for escape
  /// strings `\x` read as `x` (enough to compare names; not a full unescape).
  public func value(of token: Token) -> String {
    let end = token.isTerminated ? token.range.upperBound - closingLength(token) : token.range.upperBound
    guard token.contentStart <= end else { return "" }
    let content = bytes[token.contentStart..<end]
    switch token.kind {
    case .dollarString: return String(decoding: content, as: UTF8.self)
    case .quotedIdentifier: return String(decoding: Self.undoubled(content, quote: Self.doubleQuote), as: UTF8.self)
    case .string:
      let escapes = usesBackslashEscapes(token)
      return String(decoding: Self.undoubled(content, quote: Self.quote, backslashEscapes: escapes), as: UTF8.self)
    default: return text(of: token)
    }
  }

  private func closingLength(_ token: Token) -> Int {
    switch token.kind {
    case .dollarString: token.contentStart - token.range.lowerBound  // the closing tag repeats the opening one
    case .string, .quotedIdentifier: 1
    default: 0
    }
  }

  private func usesBackslashEscapes(_ token: Token) -> Bool {
    let first = bytes[token.range.lowerBound]
    if first == UInt8(ascii: "E") || first == UInt8(ascii: "e") { return true }
    return first == Self.quote && strings == .backslashEscapes
  }

  private static func undoubled(_ content: ArraySlice<UInt8>, quote: UInt8, backslashEscapes: Bool = false) -> [UInt8] {
    var result: [UInt8] = []
    result.reserveCapacity(content.count)
    var i = content.startIndex
    while i < content.endIndex {
      let b = content[i]
      if backslashEscapes, b == backslash, i + 1 < content.endIndex {
        result.append(content[i + 1])
        i += 2
      } else {
        result.append(b)
        i += b == quote && i + 1 < content.endIndex && content[i + 1] == quote ? 2 : 1
      }
    }
    return result
  }

  // MARK: scanning

  private mutating func scanToken(terminated: inout Bool, contentStart: inout Int) -> Kind {
    let b = bytes[offset]
    if Self.isSpace(b) {
      while offset < bytes.count, Self.isSpace(bytes[offset]) { advance() }
      return .space
    }
    if b == Self.minus, peek(1) == Self.minus {
      while offset < bytes.count, bytes[offset] != Self.newline, bytes[offset] != Self.carriageReturn { advance() }
      return .lineComment
    }
    if b == Self.slash, peek(1) == Self.star {
      terminated = skipBlockComment()
      return .blockComment
    }
    if let prefix = stringPrefixLength() {
      let quote = bytes[offset + prefix]
      advance(prefix)
      contentStart = offset + 1
      if quote == Self.doubleQuote {
        terminated = skipQuoted(Self.doubleQuote, backslashEscapes: false)
        return .quotedIdentifier
      }
      terminated = skipQuoted(Self.quote, backslashEscapes: stringTakesBackslashEscapes(prefix: prefix))
      return .string
    }
    if b == Self.doubleQuote {
      contentStart = offset + 1
      terminated = skipQuoted(Self.doubleQuote, backslashEscapes: false)
      return .quotedIdentifier
    }
    if b == Self.dollar { return scanDollar(terminated: &terminated, contentStart: &contentStart) }
    if Self.isIdentifierStart(b) {
      advance()
      while offset < bytes.count, Self.isIdentifierPart(bytes[offset]) { advance() }
      return .word
    }
    if Self.isDigit(b) || (b == Self.dot && peek(1).map(Self.isDigit) == true) {
      scanNumber()
      return .number
    }
    if b == Self.colon, peek(1) == Self.colon {
      advance(2)
      return .symbol
    }
    advance()
    return .symbol
  }

  /// The length of a string prefix at the cursor followed by its quote (`'`, or `"` after
  /// `U&`), or nil. A plain `'` has prefix length 0.
  private func stringPrefixLength() -> Int? {
    let b = bytes[offset]
    if b == Self.quote { return 0 }
    let lower = b | 0x20
    if lower == UInt8(ascii: "u"), peek(1) == UInt8(ascii: "&"), let q = peek(2), q == Self.quote || q == Self.doubleQuote {
      return 2
    }
    let prefixes: [UInt8] = [UInt8(ascii: "e"), UInt8(ascii: "b"), UInt8(ascii: "x"), UInt8(ascii: "n")]
    if Self.isLetter(b), prefixes.contains(lower), peek(1) == Self.quote { return 1 }
    return nil
  }

  private func stringTakesBackslashEscapes(prefix: Int) -> Bool {
    if prefix == 1, bytes[offset - 1] | 0x20 == UInt8(ascii: "e") { return true }
    if prefix == 0 { return strings == .backslashEscapes }
    // N'…' is a plain string in every respect (scan.l: xnstart then xq/xe as for '…').
    if prefix == 1, bytes[offset - 1] | 0x20 == UInt8(ascii: "n") { return strings == .backslashEscapes }
    return false
  }

  /// `/* … */` with nesting; false when the text ends inside it.
  private mutating func skipBlockComment() -> Bool {
    var nesting = 0
    while offset < bytes.count {
      if bytes[offset] == Self.slash, peek(1) == Self.star {
        nesting += 1
        advance(2)
      } else if bytes[offset] == Self.star, peek(1) == Self.slash {
        nesting -= 1
        advance(2)
        if nesting == 0 { return true }
      } else {
        advance()
      }
    }
    return false
  }

  /// From the opening quote through the closing one: a doubled quote stands for one, and with
  /// `backslashEscapes` a backslash escapes the next byte. False when the text ends inside.
  private mutating func skipQuoted(_ quote: UInt8, backslashEscapes: Bool) -> Bool {
    advance()
    while offset < bytes.count {
      let b = bytes[offset]
      if backslashEscapes, b == Self.backslash {
        advance(2)
      } else if b == quote {
        advance()
        guard offset < bytes.count, bytes[offset] == quote else { return true }
        advance()
      } else {
        advance()
      }
    }
    return false
  }

  /// `$tag$ … $tag$`, `$1`, or a lone `$` (scan.l's `dolqfailed`: one character).
  private mutating func scanDollar(terminated: inout Bool, contentStart: inout Int) -> Kind {
    if peek(1).map(Self.isDigit) == true {
      advance()
      while offset < bytes.count, Self.isDigit(bytes[offset]) { advance() }
      return .parameter
    }
    var end = offset + 1
    if end < bytes.count, Self.isIdentifierStart(bytes[end]) {
      end += 1
      while end < bytes.count, Self.isTagPart(bytes[end]) { end += 1 }
    }
    guard end < bytes.count, bytes[end] == Self.dollar else {
      advance()
      return .symbol
    }
    let delimiter = bytes[offset...end]
    advance(delimiter.count)
    contentStart = offset
    while offset < bytes.count {
      if bytes[offset] == Self.dollar, bytes.count - offset >= delimiter.count,
        bytes[offset..<offset + delimiter.count].elementsEqual(delimiter)
      {
        advance(delimiter.count)
        return .dollarString
      }
      advance()
    }
    terminated = false
    return .dollarString
  }

  /// Digits with `_` separators, a fraction, an exponent, or a `0x`/`0o`/`0b` prefix.
  private mutating func scanNumber() {
    if bytes[offset] == UInt8(ascii: "0"), let p = peek(1), [UInt8(ascii: "x"), UInt8(ascii: "o"), UInt8(ascii: "b")].contains(p | 0x20) {
      advance(2)
      while offset < bytes.count, Self.isHexDigit(bytes[offset]) || bytes[offset] == Self.underscore { advance() }
      return
    }
    while offset < bytes.count, Self.isDigit(bytes[offset]) || bytes[offset] == Self.underscore { advance() }
    if offset < bytes.count, bytes[offset] == Self.dot, peek(1) != Self.dot {
      advance()
      while offset < bytes.count, Self.isDigit(bytes[offset]) || bytes[offset] == Self.underscore { advance() }
    }
    if offset < bytes.count, bytes[offset] | 0x20 == UInt8(ascii: "e") {
      var next = offset + 1
      if next < bytes.count, bytes[next] == UInt8(ascii: "+") || bytes[next] == Self.minus { next += 1 }
      if next < bytes.count, Self.isDigit(bytes[next]) {
        advance(next - offset)
        while offset < bytes.count, Self.isDigit(bytes[offset]) { advance() }
      }
    }
  }

  // MARK: cursor

  private func peek(_ n: Int) -> UInt8? { offset + n < bytes.count ? bytes[offset + n] : nil }

  private mutating func advance(_ n: Int = 1) {
    for _ in 0..<n where offset < bytes.count {
      if bytes[offset] == Self.newline {
        line += 1
        column = 1
      } else if bytes[offset] & 0xC0 != 0x80 {
        column += 1  // count characters, not UTF-8 continuation bytes
      }
      offset += 1
    }
  }

  // MARK: bytes

  static let quote = UInt8(ascii: "'")
  static let doubleQuote = UInt8(ascii: "\"")
  static let dollar = UInt8(ascii: "$")
  static let backslash = UInt8(ascii: "\\")
  static let semicolon = UInt8(ascii: ";")
  static let newline = UInt8(ascii: "\n")
  static let carriageReturn = UInt8(ascii: "\r")
  static let minus = UInt8(ascii: "-")
  static let slash = UInt8(ascii: "/")
  static let star = UInt8(ascii: "*")
  static let dot = UInt8(ascii: ".")
  static let colon = UInt8(ascii: ":")
  static let underscore = UInt8(ascii: "_")

  /// scan.l's `space`: blank, tab, newline, carriage return, form feed, vertical tab.
  public static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || (0x09...0x0D).contains(b) }
  static func isDigit(_ b: UInt8) -> Bool { (0x30...0x39).contains(b) }
  static func isUpper(_ b: UInt8) -> Bool { (0x41...0x5A).contains(b) }
  static func isLetter(_ b: UInt8) -> Bool { isUpper(b) || (0x61...0x7A).contains(b) }
  static func isHexDigit(_ b: UInt8) -> Bool { isDigit(b) || (0x61...0x66).contains(b | 0x20) }
  /// scan.l's `ident_start`: `[A-Za-z\200-\377_]`.
  static func isIdentifierStart(_ b: UInt8) -> Bool { isLetter(b) || b == underscore || b >= 0x80 }
  /// scan.l's `ident_cont`: `[A-Za-z\200-\377_0-9\$]`.
  static func isIdentifierPart(_ b: UInt8) -> Bool { isIdentifierStart(b) || isDigit(b) || b == dollar }
  /// scan.l's `dolq_cont`: an identifier character other than `$`.
  static func isTagPart(_ b: UInt8) -> Bool { isIdentifierStart(b) || isDigit(b) }
}
