/// A cursor over a statement's tokens with the small vocabulary the parsers need.
struct TokenCursor {
  private let tokens: [SQLToken]
  private var position = 0

  init(_ tokens: [SQLToken]) { self.tokens = tokens }

  var atEnd: Bool { position >= tokens.count }

  mutating func next() -> SQLToken? {
    guard position < tokens.count else { return nil }
    defer { position += 1 }
    return tokens[position]
  }

  /// The next token if it is an unquoted word.
  mutating func word() -> String? {
    guard case .word(let w)? = peek() else { return nil }
    position += 1
    return w
  }

  func peek(_ offset: Int = 0) -> SQLToken? {
    position + offset < tokens.count ? tokens[position + offset] : nil
  }

  func check(_ keyword: String) -> Bool { peek() == .word(keyword) }

  /// Consumes the keywords if they all follow, in order.
  mutating func accept(_ keywords: String...) -> Bool {
    for (offset, keyword) in keywords.enumerated() where peek(offset) != .word(keyword) { return false }
    position += keywords.count
    return true
  }

  mutating func acceptAny(_ keywords: [String]) -> Bool {
    guard case .word(let w)? = peek(), keywords.contains(w) else { return false }
    position += 1
    return true
  }

  mutating func accept(symbol: String) -> Bool {
    guard peek() == .symbol(symbol) else { return false }
    position += 1
    return true
  }

  mutating func identifier() -> String? {
    guard let name = peek()?.identifier else { return nil }
    position += 1
    return name
  }

  /// `a`, `a.b`, `a.b.c` as identifiers.
  mutating func dottedIdentifiers() -> [String] {
    var parts: [String] = []
    guard let first = identifier() else { return parts }
    parts.append(first)
    while peek() == .symbol("."), let next = peek(1)?.identifier {
      position += 2
      parts.append(next)
    }
    return parts
  }

  /// `name` or `schema.name` (a leading database name is dropped).
  mutating func objectName() -> ObjectName? {
    let parts = dottedIdentifiers()
    switch parts.count {
    case 0: return nil
    case 1: return ObjectName(parts[0])
    default: return ObjectName(schema: parts[parts.count - 2], parts[parts.count - 1])
    }
  }

  /// `a, b.c, d` — for DROP; with `skippingArguments`, `f(int, text)` argument lists are skipped.
  mutating func objectNameList(skippingArguments: Bool = false) -> [ObjectName] {
    var names: [ObjectName] = []
    repeat {
      guard let name = objectName() else { break }
      names.append(name)
      if skippingArguments, peek() == .symbol("(") { skipParenthesized() }
    } while accept(symbol: ",")
    return names
  }

  /// `('a', 'b')` → ["a", "b"].
  mutating func parenthesizedStrings() -> [String] {
    guard accept(symbol: "(") else { return [] }
    var values: [String] = []
    while let token = next(), token != .symbol(")") {
      if case .string(let s) = token { values.append(s) }
    }
    return values
  }

  mutating func skipParenthesized() {
    var depth = 0
    while let token = next() {
      if token == .symbol("(") { depth += 1 }
      if token == .symbol(")") {
        depth -= 1
        if depth <= 0 { return }
      }
    }
  }

  /// The string after a top-level `AS` (a function's body), or nil; consumes the rest.
  mutating func functionBody() -> String? {
    var depth = 0
    while let token = next() {
      if token == .symbol("(") { depth += 1 }
      if token == .symbol(")") { depth -= 1 }
      guard depth == 0, token == .word("as"), case .string(let body)? = peek() else { continue }
      _ = next()
      return peek() == .symbol(",") ? nil : body  // `AS 'file', 'symbol'`: prosrc is the symbol
    }
    return nil
  }

  /// Advances past the keyword; false if it never comes.
  mutating func skip(until keyword: String) -> Bool {
    while let token = next() { if token == .word(keyword) { return true } }
    return false
  }

  /// Moves to the next comma outside parentheses (without consuming it), or the end.
  mutating func skipToTopLevelComma() {
    var depth = 0
    while let token = peek() {
      if token == .symbol(","), depth == 0 { return }
      if token == .symbol("(") { depth += 1 }
      if token == .symbol(")") { depth -= 1 }
      position += 1
    }
  }

  private static let typeStop: Set<String> = [
    "not", "null", "default", "constraint", "primary", "unique", "check", "references", "collate", "generated", "using",
  ]

  /// A column type as written (`character varying(40)`, `integer[]`, `timestamp with time zone`).
  mutating func typeName() -> String {
    var parts: [String] = []
    while let token = peek() {
      if case .word(let w) = token, Self.typeStop.contains(w) { break }
      if token == .symbol(",") { break }
      if token == .symbol("(") {
        var group = ""
        var depth = 0
        while let t = next() {
          group += t.text
          if t == .symbol("(") { depth += 1 }
          if t == .symbol(")") {
            depth -= 1
            if depth == 0 { break }
          }
        }
        if parts.isEmpty { parts.append(group) } else { parts[parts.count - 1] += group }
        continue
      }
      if token == .symbol("[") || token == .symbol("]") {
        if parts.isEmpty { parts.append(token.text) } else { parts[parts.count - 1] += token.text }
        position += 1
        continue
      }
      parts.append(token.text)
      position += 1
    }
    return parts.joined(separator: " ")
  }

  /// The rest of the action's expression, as text, up to a top-level comma.
  mutating func expressionText() -> String {
    var pieces: [String] = []
    var depth = 0
    while let token = peek() {
      if token == .symbol(","), depth == 0 { break }
      if token == .symbol("(") { depth += 1 }
      if token == .symbol(")") { depth -= 1 }
      pieces.append(token.text)
      position += 1
    }
    return pieces.joined(separator: " ")
  }
}
