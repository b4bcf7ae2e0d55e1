import Migrations
import PostgresClient

/// Decides which database each schema's ledger lives in, following Sourcegraph's deployment
/// conventions, and opens each distinct database once.
///
/// Per schema, the first that applies wins:
/// 1. an explicit per-schema DSN (`--codeintel-dsn`, `--codeinsights-dsn`);
/// 2. `CODEINTEL_PGDATASOURCE` / `CODEINSIGHTS_PGDATASOURCE`;
/// 3. any of `CODEINTEL_PGHOST`, `…PGPORT`, `…PGUSER`, `…PGPASSWORD`, `…PGDATABASE`, `…PGSSLMODE`
///    (libpq fills what they leave out from its own `PG*` environment);
/// 4. `--dsn`, else libpq's environment, shared with frontend.
public struct ConnectionRouter {
  public var dsn: String?
  public var schemaDSNs: [Schema: String]
  public var environment: [String: String]
  public var options: ConnectOptions

  public init(
    dsn: String?, schemaDSNs: [Schema: String] = [:], environment: [String: String],
    options: ConnectOptions = ConnectOptions()
  ) {
    self.dsn = dsn
    self.schemaDSNs = schemaDSNs
    self.environment = environment
    self.options = options
  }

  /// The connection string for a schema; `nil` means "libpq's environment".
  public func dsn(for schema: Schema) -> String? {
    if let explicit = schemaDSNs[schema] { return explicit }
    guard let prefix = schema.environmentPrefix else { return dsn }
    if let source = environment[prefix + "PGDATASOURCE"], !source.isEmpty { return source }
    let pairs = Self.environmentKeywords.compactMap { variable, keyword in
      environment[prefix + variable].flatMap { $0.isEmpty ? nil : "\(keyword)=\(Self.quoted($0))" }
    }
    return pairs.isEmpty ? dsn : pairs.joined(separator: " ")
  }

  /// Opens one connection per distinct target; schemas that share a database share it.
  public func connect(_ schemas: [Schema]) throws(PostgresError) -> [Schema: Connection] {
    var byDSN: [String: Connection] = [:]
    var result: [Schema: Connection] = [:]
    for schema in schemas {
      let target = dsn(for: schema)
      let key = target ?? ""
      if let open = byDSN[key] {
        result[schema] = open
      } else {
        let connection = try Connection(dsn: target, options: options)
        byDSN[key] = connection
        result[schema] = connection
      }
    }
    return result
  }

  static let environmentKeywords: [(String, String)] = [
    ("PGHOST", "host"), ("PGPORT", "port"), ("PGUSER", "user"), ("PGPASSWORD", "password"),
    ("PGDATABASE", "dbname"), ("PGSSLMODE", "sslmode"),
  ]

  /// libpq keyword/value quoting: single quotes, with `\` and `'` escaped.
  static func quoted(_ value: String) -> String {
    "'" + value.replacing("\\", with: "\\\\").replacing("'", with: "\\'") + "'"
  }
}
