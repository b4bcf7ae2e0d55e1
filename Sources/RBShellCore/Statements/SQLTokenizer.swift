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

enum SQLTokenizer {
  static func tokenize(_ sql: String) -> [SQLToken] {
    let chars = Array(sql.unicodeScalars)
    var tokens: [SQLToken] = []
    var i = 0
    while i < chars.count {
      let c = chars[i]
      if c.properties.isWhitespace { i += 1; continue }
      if c == "-", i + 1 < chars.count, chars[i + 1] == "-" {
        while i < chars.count, chars[i] != "\n" { i += 1 }
        continue
      }
      if c == "/", i + 1 < chars.count, chars[i + 1] == "*" {
        i = skipBlockComment(chars, from: i)
        continue
      }
      if c == "'" || ((c == "E" || c == "e") && i + 1 < chars.count && chars[i + 1] == "'") {
        let escapes = c != "'"
        let (text, next) = readQuoted(chars, from: escapes ? i + 1 : i, quote: "'", escapes: escapes)
        tokens.append(.string(text))
        i = next
        continue
      }
      if c == "\"" {
        let (text, next) = readQuoted(chars, from: i, quote: "\"")
        tokens.append(.quotedIdentifier(text))
        i = next
        continue
      }
      if c == "$", let (text, next) = readDollarString(chars, from: i) {
        tokens.append(.string(text))
        i = next
        continue
      }
      if isIdentifierStart(c) {
        var j = i
        while j < chars.count, isIdentifierPart(chars[j]) { j += 1 }
        tokens.append(.word(String(String.UnicodeScalarView(chars[i..<j])).lowercased()))
        i = j
        continue
      }
      if c.properties.numericType != nil || (c == "." && i + 1 < chars.count && chars[i + 1].properties.numericType != nil) {
        var j = i
        while j < chars.count, chars[j].properties.numericType != nil || chars[j] == "." { j += 1 }
        tokens.append(.number(String(String.UnicodeScalarView(chars[i..<j]))))
        i = j
        continue
      }
      if c == ":", i + 1 < chars.count, chars[i + 1] == ":" {
        tokens.append(.symbol("::"))
        i += 2
        continue
      }
      tokens.append(.symbol(String(c)))
      i += 1
    }
    return tokens
  }

  private static func isIdentifierStart(_ c: Unicode.Scalar) -> Bool {
    c.properties.isAlphabetic || c == "_"
  }

  private static func isIdentifierPart(_ c: Unicode.Scalar) -> Bool {
    c.properties.isAlphabetic || c == "_" || c == "$" || c.properties.numericType != nil
  }

  private static func skipBlockComment(_ chars: [Unicode.Scalar], from start: Int) -> Int {
    var depth = 0
    var i = start
    while i < chars.count {
      if chars[i] == "/", i + 1 < chars.count, chars[i + 1] == "*" {
        depth += 1
        i += 2
      } else if chars[i] == "*", i + 1 < chars.count, chars[i + 1] == "/" {
        depth -= 1
        i += 2
        if depth == 0 { return i }
      } else {
        i += 1
      }
    }
    return i
  }

  /// Reads a quoted run starting at the opening quote: doubled quotes stand for one, and with
  /// `escapes` (an `E'…'` string) a backslash escapes the next character.
  private static func readQuoted(_ chars: [Unicode.Scalar], from start: Int, quote: Unicode.Scalar, escapes: Bool = false) -> (String, Int) {
    var text = String.UnicodeScalarView()
    var i = start + 1
    while i < chars.count {
      if escapes, chars[i] == "\\", i + 1 < chars.count {
        text.append(chars[i + 1])
        i += 2
      } else if chars[i] == quote {
        guard i + 1 < chars.count, chars[i + 1] == quote else { return (String(text), i + 1) }
        text.append(quote)
        i += 2
      } else {
        text.append(chars[i])
        i += 1
      }
    }
    return (String(text), i)
  }

  private static func readDollarString(_ chars: [Unicode.Scalar], from start: Int) -> (String, Int)? {
    var j = start + 1
    while j < chars.count, isIdentifierPart(chars[j]), chars[j] != "$" { j += 1 }
    guard j < chars.count, chars[j] == "$", j == start + 1 || chars[start + 1].properties.numericType == nil else { return nil }
    let delimiter = Array(chars[start...j])
    var i = j + 1
    while i < chars.count {
      if chars[i] == "$", i + delimiter.count <= chars.count, Array(chars[i..<i + delimiter.count]) == delimiter {
        return (String(String.UnicodeScalarView(chars[(j + 1)..<i])), i + delimiter.count)
      }
      i += 1
    }
    return (String(String.UnicodeScalarView(chars[(j + 1)...])), chars.count)
  }
}
