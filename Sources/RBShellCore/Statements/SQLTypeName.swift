/// Normalises how SQL spells types and default expressions, so a migration's text can be
/// compared with what `format_type` and `pg_get_expr` report.
enum SQLTypeName {
  private static let aliases: [String: String] = [
    "int": "integer", "int4": "integer", "serial": "integer", "serial4": "integer",
    "int8": "bigint", "bigserial": "bigint", "serial8": "bigint", "int2": "smallint", "smallserial": "smallint",
    "bool": "boolean", "float8": "double precision", "float": "double precision", "float4": "real",
    "decimal": "numeric", "varchar": "character varying", "char": "character", "bpchar": "character",
    "timestamptz": "timestamp with time zone", "timestamp": "timestamp without time zone",
    "timetz": "time with time zone", "time": "time without time zone", "varbit": "bit varying",
  ]

  static func normalize(_ type: String) -> String {
    var text = type.lowercased().replacing("\"", with: "")
    text = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    text = text.replacing(" (", with: "(").replacing(", ", with: ",").replacing(" )", with: ")")
    var suffix = ""
    while text.hasSuffix("[]") {
      suffix += "[]"
      text = String(text.dropLast(2))
    }
    let base = text.split(separator: "(", maxSplits: 1)
    let head = String(base.first ?? "")
    let modifier = base.count > 1 ? "(" + base[1] : ""
    if head == "timestamp" || head == "time", modifier.isEmpty == false {
      return "\(head)\(modifier) without time zone\(suffix)"
    }
    return (aliases[head] ?? head) + modifier + suffix
  }

  /// Compares a default as the catalog prints it (`'member'::org_role`, `0`, `now()`) with a
  /// default as a migration writes it (`'member'`, `0`, `NOW()`): casts, parentheses, case and
  /// spaces do not matter.
  static func sameDefault(_ catalog: String, _ written: String) -> Bool {
    canonicalDefault(catalog) == canonicalDefault(written)
  }

  nonisolated(unsafe) private static let cast = #/::\s*[a-z_][a-z0-9_ ]*(\(\d+(,\s*\d+)?\))?(\[\])?/#

  static func canonicalDefault(_ expression: String) -> String {
    var text = expression.lowercased()
    text = text.replacing(cast, with: "")
    text = text.filter { !$0.isWhitespace && $0 != "(" && $0 != ")" }
    return text
  }
}
