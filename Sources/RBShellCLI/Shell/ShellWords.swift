/// Splits a shell line into words the way a POSIX shell would for simple cases: spaces separate
/// words; single and double quotes group; a backslash escapes the next character outside single
/// quotes.
enum ShellWords {
  enum Failure: Error, Equatable, CustomStringConvertible {
    case unterminatedQuote(Character)
    var description: String {
      switch self {
      case .unterminatedQuote(let q): "unterminated \(q) quote"
      }
    }
  }

  /// A backslash escapes only a quote, a space or another backslash, so `\set` and `\q` stay
  /// as typed.
  static func split(_ line: String) throws(Failure) -> [String] {
    var words: [String] = []
    var current = ""
    var inWord = false
    var quote: Character?
    var escaped = false
    let chars = Array(line)
    for (index, char) in chars.enumerated() {
      if escaped {
        current.append(char)
        escaped = false
        continue
      }
      let next = index + 1 < chars.count ? chars[index + 1] : nil
      let escapes = next.map { "\"' \\".contains($0) } ?? false
      switch (quote, char) {
      case (nil, "\\") where escapes, ("\"", "\\") where escapes:
        escaped = true
        inWord = true
      case (nil, "'"), (nil, "\""):
        quote = char
        inWord = true
      case (let open?, let c) where c == open:
        quote = nil
      case (nil, let c) where c.isWhitespace:
        if inWord { words.append(current) }
        current = ""
        inWord = false
      default:
        current.append(char)
        inWord = true
      }
    }
    if let quote { throw .unterminatedQuote(quote) }
    if inWord { words.append(current) }
    return words
  }
}
