import ASCIIText

/// The one place that finds credentials in free text and masks them: shell history, the audit
/// log, the statement log and error messages all go through it. It masks connection URLs
/// (`postgres://user:secret@host`, `?password=`), `password=` in keyword/value strings and
/// environment assignments (`PGPASSWORD=…`), and SQL `PASSWORD '…'` literals; where a DSN is
/// involved, libpq's own parser (`ConnInfo`) says what the password is, and the result is
/// checked again. A line it cannot make safe is reported as such (nil), never passed through.
public enum Redaction {
  public static let mask = ConnectionString.mask

  /// The line with every credential masked, or nil when some `password` in it, or a URL's
  /// user info, could not be masked with certainty.
  public static func redact(_ line: String) -> String? {
    var secrets: [String] = []
    let text = masked(line, secrets: &secrets)
    return isSafe(text, secrets: secrets) ? text : nil
  }

  /// Every credential found masked, with no verdict on what remains: for messages, where the
  /// word `password` is ordinary text (`password authentication failed for user "u"`).
  public static func masked(_ line: String) -> String {
    var secrets: [String] = []
    return masked(line, secrets: &secrets)
  }

  private static func masked(_ line: String, secrets: inout [String]) -> String {
    // Most lines (and every migration statement) hold neither: skip the regular expressions.
    guard line.containsASCII("password", ignoringCase: true) || line.containsASCII("://") else { return line }
    let text = maskURLs(line, secrets: &secrets)
    return PasswordLiterals.mask(maskKeywordPasswords(text, secrets: &secrets))
  }

  /// For output that must say something: the redacted line, or a note that it was withheld.
  public static func redactOrWithhold(_ line: String) -> String {
    redact(line) ?? "[withheld: it may hold a password rbshell could not mask]"
  }

  // MARK: URLs

  nonisolated(unsafe) private static let url = #/(?i)postgres(?:ql)?://[^\s'"]+/#

  private static func maskURLs(_ line: String, secrets: inout [String]) -> String {
    var text = line
    for match in line.matches(of: url).reversed() {
      let original = String(match.output)
      text.replaceSubrange(match.range, with: maskedURL(original, secrets: &secrets))
    }
    return text
  }

  /// A URL has its password masked in place; when what lies before its last `@` still holds an
  /// unmasked `user:…` (an unencoded `/` or `@` in the password fools any parser), or libpq
  /// still reads a password from the result, only the scheme and what follows the last `@` stay.
  static func maskedURL(_ url: String, secrets: inout [String]) -> String {
    let options = ConnInfo.parse(url)
    if let password = options?["password"], !password.isEmpty { secrets.append(password) }
    let masked = ConnectionString.redact(url)
    guard let schemeEnd = masked.firstRange(of: "://") else { return mask }
    let scheme = masked[..<schemeEnd.upperBound]
    if let at = masked.lastIndex(of: "@") {
      let userInfo = masked[schemeEnd.upperBound..<at]
      let clean = userInfo.firstIndex(of: ":").map { userInfo[userInfo.index(after: $0)...] == mask } ?? true
      guard clean, ConnInfo.parse(masked).map({ ($0["password"] ?? mask) == mask }) ?? true else {
        return scheme + mask + masked[at...]
      }
      return masked
    }
    return options == nil && masked.lowercased().contains("password") && !masked.contains(mask) ? scheme + mask : masked
  }

  // MARK: password=…

  nonisolated(unsafe) private static let keywordPassword = #/(?i)(password\s*=\s*)('(?:[^'\\]|\\.)*'?|[^\s'"&]*)/#

  private static func maskKeywordPasswords(_ line: String, secrets: inout [String]) -> String {
    line.replacing(keywordPassword) { match in
      let value = String(match.output.2)
      guard value != mask, value != "'\(mask)'" else { return String(match.output.0) }
      let unquoted = value.hasPrefix("'") ? String(value.dropFirst().dropLast(value.hasSuffix("'") && value.count > 1 ? 1 : 0)) : value
      if !unquoted.isEmpty { secrets.append(unquoted) }
      return match.output.1 + (value.hasPrefix("'") ? "'\(mask)'" : mask)
    }
  }

  // MARK: the check

  nonisolated(unsafe) private static let passwordWord = #/(?i)password/#
  nonisolated(unsafe) private static let userInfo = #/(?i)postgres(?:ql)?://[^\s/@?]*:([^\s@/?]*)@/#

  /// Every `password` is followed by a mask, every URL's user info holds one, and no secret
  /// read from the line survives.
  static func isSafe(_ text: String, secrets: [String]) -> Bool {
    for match in text.matches(of: passwordWord) {
      let after = text[match.range.upperBound...].drop { $0 == " " || $0 == "\t" || $0 == "=" || $0 == "'" || $0 == "\"" }
      guard after.hasPrefix(mask) else { return false }
    }
    for match in text.matches(of: userInfo) where match.output.1 != mask { return false }
    return !secrets.contains { $0.count >= 3 && text.contains($0) }
  }
}
