/// One of Sourcegraph's three migration streams.
///
/// Each has its own definitions folder and its own name in the ledger: the golang-migrate-era
/// table name, which `migration_logs.schema` still holds.
public enum Schema: String, CaseIterable, Sendable, Codable, Comparable, CustomStringConvertible {
  case frontend
  case codeintel
  case codeinsights

  /// The value of `migration_logs.schema` and the legacy golang-migrate table's name:
  /// `<schema>_schema_migrations` with a leading `frontend_` removed.
  public var ledgerName: String {
    self == .frontend ? "schema_migrations" : "\(rawValue)_schema_migrations"
  }

  /// The key of the migrator's session advisory lock, `pg_try_advisory_lock(key, 0)`.
  public var lockKey: Int32 { AdvisoryLockKey.forLedger(ledgerName) }

  /// Prefix of the environment variables that route this schema to its own database
  /// (`CODEINTEL_PGHOST`, `CODEINTEL_PGDATASOURCE`, …); `nil` for frontend, which uses `PG*`.
  public var environmentPrefix: String? {
    switch self {
    case .frontend: nil
    case .codeintel: "CODEINTEL_"
    case .codeinsights: "CODEINSIGHTS_"
    }
  }

  public var description: String { rawValue }

  public static func < (a: Schema, b: Schema) -> Bool {
    allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
  }

  /// Accepts the schema names, the container aliases the migrator translates
  /// (`pgsql`, `codeintel-db`, `codeinsights-db`) and the ledger names.
  public init?(name: String) {
    let lowered = name.lowercased()
    let aliases: [String: Schema] = ["pgsql": .frontend, "codeintel-db": .codeintel, "codeinsights-db": .codeinsights]
    if let schema = Schema(rawValue: lowered) ?? aliases[lowered] {
      self = schema
    } else if let schema = Schema.allCases.first(where: { $0.ledgerName == lowered }) {
      self = schema
    } else {
      return nil
    }
  }

  /// Parses `--db` values: `all`, one name, or a comma-separated list (duplicates dropped,
  /// order kept as the canonical frontend, codeintel, codeinsights).
  public static func parseList(_ text: String) throws(SchemaListError) -> [Schema] {
    let names = text.split(separator: ",").map { String($0).trimmingSpaces() }.filter { !$0.isEmpty }
    guard !names.isEmpty else { throw .empty }
    if names.contains(where: { $0.lowercased() == "all" }) { return allCases }
    var selected: Set<Schema> = []
    for name in names {
      guard let schema = Schema(name: name) else { throw .unknown(name) }
      selected.insert(schema)
    }
    return selected.sorted()
  }
}

public enum SchemaListError: Error, Equatable, CustomStringConvertible {
  case empty
  case unknown(String)

  public var description: String {
    switch self {
    case .empty: "no schema given: use frontend, codeintel, codeinsights or all"
    case .unknown(let name):
      "unknown schema \"\(name)\": use frontend, codeintel, codeinsights (or pgsql, codeintel-db, codeinsights-db) or all"
    }
  }
}

extension String {
  func trimmingSpaces() -> String {
    guard let first = firstIndex(where: { !$0.isWhitespace }) else { return "" }
    let last = lastIndex(where: { !$0.isWhitespace })!
    return String(self[first...last])
  }
}
