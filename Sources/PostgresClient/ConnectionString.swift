/// Password redaction for connection strings, in both of libpq's forms:
/// keyword/value (`host=h password='s e'`) and URL (`postgres://u:secret@h/db?password=x`).
///
/// Pure text processing, so it also works on strings libpq would reject.
public enum ConnectionString {
  public static let mask = "********"

  /// The string with every password replaced by `mask`.
  public static func redact(_ dsn: String) -> String {
    isURL(dsn) ? redactURL(dsn) : redactKeywordValue(dsn)
  }

  /// Whether the string uses the URL form (`postgres://` or `postgresql://`).
  public static func isURL(_ dsn: String) -> Bool {
    let lower = dsn.lowercased()
    return lower.hasPrefix("postgres://") || lower.hasPrefix("postgresql://")
  }

  /// Removes each known secret from free text (e.g. a server or libpq message).
  public static func scrub(_ text: String, secrets: [String]) -> String {
    secrets.filter { !$0.isEmpty }.reduce(text) { $0.replacing($1, with: mask) }
  }

  /// The passwords a connection string carries, so messages can be scrubbed of them: libpq's
  /// reading first, then every other candidate the text holds (a URL's user info when a
  /// `?password=` overrides it; everything when libpq rejects the string).
  public static func passwords(in dsn: String) -> [String] {
    let libpq = ConnInfo.parse(dsn)?["password"].map { [$0] } ?? []
    let written = isURL(dsn) ? urlPasswords(dsn) : keywordValuePairs(dsn).filter { $0.key == "password" }.map(\.value)
    var seen = Set<String>()
    return (libpq + written).filter { seen.insert($0).inserted }
  }

  /// libpq's message about a connection string it rejects, with every fragment it quotes
  /// (`invalid percent-encoded token: "…"`) masked: the fragment may be the password.
  public static func scrubMalformed(_ message: String) -> String {
    message.replacing(#/"[^"]*"/#) { _ in "\"\(mask)\"" }
  }

  // MARK: URL form

  private static func redactURL(_ url: String) -> String {
    var text = url
    if let range = userInfoPasswordRange(text) { text.replaceSubrange(range, with: mask) }
    return redactQueryPassword(text)
  }

  private static func urlPasswords(_ url: String) -> [String] {
    var found: [String] = []
    if let range = userInfoPasswordRange(url) { found.append(percentDecoded(String(url[range]))) }
    found += looseUserInfoPasswords(url)
    if let query = url.split(separator: "?", maxSplits: 1).dropFirst().first {
      for pair in query.split(separator: "&") where pair.hasPrefix("password=") {
        found.append(percentDecoded(String(pair.dropFirst("password=".count))))
      }
    }
    return found
  }

  /// What lies between the user's `:` and the URL's last `@`, whole and cut at each `/` or `@`:
  /// with one of those unencoded in the password, libpq reads pieces of it as host, port or
  /// database, and its messages quote them.
  static func looseUserInfoPasswords(_ url: String) -> [String] {
    guard let schemeEnd = url.firstRange(of: "://") else { return [] }
    let rest = url[schemeEnd.upperBound...].prefix { $0 != "?" }
    guard let at = rest.lastIndex(of: "@"), let colon = rest[..<at].firstIndex(of: ":") else { return [] }
    let loose = String(rest[rest.index(after: colon)..<at])
    let pieces = loose.split(whereSeparator: { $0 == "/" || $0 == "@" }).map(String.init).filter { $0.count >= 4 }
    return [loose] + pieces
  }

  /// The range of `secret` in `scheme://user:secret@host`, if any.
  static func userInfoPasswordRange(_ url: String) -> Range<String.Index>? {
    guard let schemeEnd = url.firstRange(of: "://") else { return nil }
    let rest = url[schemeEnd.upperBound...]
    let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" }) ?? rest.endIndex
    let authority = rest[..<authorityEnd]
    guard let at = authority.lastIndex(of: "@") else { return nil }
    let userInfo = authority[..<at]
    guard let colon = userInfo.firstIndex(of: ":") else { return nil }
    return url.index(after: colon)..<at
  }

  private static func redactQueryPassword(_ url: String) -> String {
    guard let question = url.firstIndex(of: "?") else { return url }
    let query = url[url.index(after: question)...].split(separator: "&", omittingEmptySubsequences: false)
    let redacted = query.map { $0.hasPrefix("password=") ? "password=" + mask : String($0) }
    return String(url[...question]) + redacted.joined(separator: "&")
  }

  private static func percentDecoded(_ text: String) -> String {
    var bytes: [UInt8] = []
    var utf8 = Array(text.utf8)[...]
    while let byte = utf8.popFirst() {
      if byte == UInt8(ascii: "%"), utf8.count >= 2,
        let value = UInt8(String(decoding: utf8.prefix(2), as: UTF8.self), radix: 16)
      {
        bytes.append(value)
        utf8 = utf8.dropFirst(2)
      } else {
        bytes.append(byte)
      }
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  // MARK: keyword/value form

  private static func redactKeywordValue(_ dsn: String) -> String {
    let pairs = keywordValuePairs(dsn)
    guard pairs.contains(where: { $0.key == "password" }) else { return dsn }
    var text = dsn
    for pair in pairs.reversed() where pair.key == "password" {
      text.replaceSubrange(pair.valueRange, with: mask)
    }
    return text
  }

  struct Pair {
    var key: String
    var value: String
    var valueRange: Range<String.Index>
  }

  /// Splits `key = value` pairs the way libpq does: values may be single-quoted with `\'` and `\\` escapes.
  static func keywordValuePairs(_ dsn: String) -> [Pair] {
    var pairs: [Pair] = []
    var i = dsn.startIndex
    func skipSpaces() { while i < dsn.endIndex, dsn[i].isWhitespace { i = dsn.index(after: i) } }
    while true {
      skipSpaces()
      guard i < dsn.endIndex else { break }
      let keyStart = i
      while i < dsn.endIndex, dsn[i] != "=", !dsn[i].isWhitespace { i = dsn.index(after: i) }
      let key = String(dsn[keyStart..<i])
      skipSpaces()
      guard i < dsn.endIndex, dsn[i] == "=" else { break }
      i = dsn.index(after: i)
      skipSpaces()
      let (value, range) = readValue(dsn, from: &i)
      pairs.append(Pair(key: key, value: value, valueRange: range))
    }
    return pairs
  }

  private static func readValue(_ dsn: String, from i: inout String.Index) -> (String, Range<String.Index>) {
    let start = i
    var value = ""
    if i < dsn.endIndex, dsn[i] == "'" {
      i = dsn.index(after: i)
      while i < dsn.endIndex, dsn[i] != "'" {
        if dsn[i] == "\\", dsn.index(after: i) < dsn.endIndex { i = dsn.index(after: i) }
        value.append(dsn[i])
        i = dsn.index(after: i)
      }
      if i < dsn.endIndex { i = dsn.index(after: i) }
      return (value, start..<i)
    }
    while i < dsn.endIndex, !dsn[i].isWhitespace {
      if dsn[i] == "\\", dsn.index(after: i) < dsn.endIndex { i = dsn.index(after: i) }
      value.append(dsn[i])
      i = dsn.index(after: i)
    }
    return (value, start..<i)
  }
}

extension ConnectionString {
  /// The connection string without any password, so it can be shown as part of a runnable
  /// command: libpq then takes the password from `PGPASSWORD` or `~/.pgpass`.
  public static func removingPassword(_ dsn: String) -> String {
    if isURL(dsn) {
      var text = dsn
      if let range = userInfoPasswordRange(text) {
        text.removeSubrange(text.index(before: range.lowerBound)..<range.upperBound)
      }
      guard let question = text.firstIndex(of: "?") else { return text }
      let kept = text[text.index(after: question)...].split(separator: "&").filter { !$0.hasPrefix("password=") }
      return String(text[..<question]) + (kept.isEmpty ? "" : "?" + kept.joined(separator: "&"))
    }
    var text = dsn
    for pair in keywordValuePairs(dsn).reversed() where pair.key == "password" {
      let keyStart = text[..<pair.valueRange.lowerBound].lastIndex(of: "p") ?? pair.valueRange.lowerBound
      var start = text[..<keyStart].lastIndex(where: { !$0.isWhitespace }).map { text.index(after: $0) } ?? text.startIndex
      if start > keyStart { start = keyStart }
      text.removeSubrange(start..<pair.valueRange.upperBound)
    }
    return text.trimmingCharacters(in: " ")
  }
}

extension ConnectionString {
  /// A keyword's value (`dbname`, `host`, …) as libpq reads the string, in either form.
  public static func value(of key: String, in dsn: String) -> String? {
    ConnInfo.parse(dsn)?[key]
  }
}
