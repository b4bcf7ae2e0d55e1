/// SQL that sets a role's password (`CREATE ROLE … PASSWORD '…'`, `ALTER USER … WITH PASSWORD
/// E'…'`) carries it as a string literal; logs show the statement with that literal masked.
public enum PasswordLiterals {
  /// `PASSWORD` followed by a quoted literal (plain, `E''`, or dollar-quoted).
  /// Inside a string (`EXECUTE 'ALTER ROLE r PASSWORD ''x'''`) the literal's quotes are
  /// doubled, so `''…''` (inner quotes quadrupled) is tried first.
  nonisolated(unsafe) private static let pattern =
    /(?i)(\bpassword\s+)(?:''(?:[^']|'''')*''|[eE]'(?:[^'\\]|\\.|'')*'|'(?:[^']|'')*'|\$([A-Za-z_]*)\$[\s\S]*?\$\2\$)/

  /// `sql` with every password literal replaced by `'********'`.
  public static func mask(_ sql: String) -> String {
    guard sql.lowercased().contains("password") else { return sql }
    return sql.replacing(pattern) { match in
      let literal = match.output.0.dropFirst(match.output.1.count)
      return match.output.1 + (literal.hasPrefix("''") ? "''********''" : "'********'")
    }
  }
}
