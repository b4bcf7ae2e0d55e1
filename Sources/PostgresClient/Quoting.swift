/// SQL quoting for the few places where a value cannot be a `$n` parameter
/// (identifiers in DDL, text shown to operators as runnable SQL).
public enum Quoting {
  /// `"name"` with embedded quotes doubled, as `quote_ident` does for names that need it.
  public static func identifier(_ name: String) -> String {
    "\"" + name.replacing("\"", with: "\"\"") + "\""
  }

  /// A schema-qualified name, each part quoted.
  public static func qualified(_ schema: String, _ name: String) -> String {
    identifier(schema) + "." + identifier(name)
  }

  /// A `text[]` value for a `$n` parameter: `{"a","b\"c"}`, each element quoted, `"` and `\`
  /// escaped, so any text survives.
  public static func arrayLiteral(_ items: [String]) -> String {
    "{" + items.map { "\"" + $0.replacing("\\", with: "\\\\").replacing("\"", with: "\\\"") + "\"" }.joined(separator: ",") + "}"
  }

  /// A string literal. Uses the `E''` form when the text holds a backslash, so the result
  /// means the same whatever `standard_conforming_strings` says.
  public static func literal(_ text: String) -> String {
    let doubled = text.replacing("'", with: "''")
    if text.contains("\\") {
      return "E'" + doubled.replacing("\\", with: "\\\\") + "'"
    }
    return "'" + doubled + "'"
  }
}
