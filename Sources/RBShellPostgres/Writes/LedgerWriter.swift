import Migrations
import PostgresClient

/// Writes `migration_logs` rows exactly as Sourcegraph's migrator writes them
/// (`migration_logs_schema_version` 2, `schema` = the ledger name, `backfilled` false).
struct LedgerWriter {
  let connection: Connection
  let schema: Schema

  /// The migrator's DDL (store.go `EnsureSchemaTable`), run only inside a confirmed write.
  static let createTable = """
    CREATE TABLE IF NOT EXISTS migration_logs (id SERIAL PRIMARY KEY);
    ALTER TABLE migration_logs ADD COLUMN IF NOT EXISTS migration_logs_schema_version integer NOT NULL;
    ALTER TABLE migration_logs ADD COLUMN IF NOT EXISTS schema text NOT NULL;
    ALTER TABLE migration_logs ADD COLUMN IF NOT EXISTS version integer NOT NULL;
    ALTER TABLE migration_logs ADD COLUMN IF NOT EXISTS up bool NOT NULL;
    ALTER TABLE migration_logs ADD COLUMN IF NOT EXISTS started_at timestamptz NOT NULL;
    ALTER TABLE migration_logs ADD COLUMN IF NOT EXISTS finished_at timestamptz;
    ALTER TABLE migration_logs ADD COLUMN IF NOT EXISTS success boolean;
    ALTER TABLE migration_logs ADD COLUMN IF NOT EXISTS error_message text;
    ALTER TABLE migration_logs ADD COLUMN IF NOT EXISTS backfilled boolean NOT NULL DEFAULT FALSE;
    """

  /// Creates the ledger table when it is missing; returns whether it did.
  func ensureTable() throws -> Bool {
    guard try connection.query("SELECT to_regclass('migration_logs') IS NULL").scalar == "t" else { return false }
    try connection.transaction { try $0.execute(Self.createTable) }
    return true
  }

  /// Inserts an unfinished attempt (success NULL) and returns its id.
  func start(version: Int, up: Bool) throws -> Int {
    let row = try connection.query(
      """
      INSERT INTO migration_logs (migration_logs_schema_version, schema, version, up, started_at, success)
      VALUES (2, $1, $2, $3, now(), NULL) RETURNING id
      """, [schema.ledgerName, String(version), up ? "true" : "false"])
    return Int(row.scalar ?? "") ?? 0
  }

  /// Marks an attempt finished.
  func finish(id: Int, success: Bool, error: String? = nil) throws {
    try connection.query(
      "UPDATE migration_logs SET finished_at = clock_timestamp(), success = $2, error_message = $3 WHERE id = $1",
      [String(id), success ? "true" : "false", error])
  }

  /// A completed attempt in one row (start and finish), e.g. a failure after its transaction
  /// rolled back. Returns the row's id.
  @discardableResult
  func record(version: Int, up: Bool, success: Bool, error: String? = nil) throws -> Int {
    let result = try connection.query(
      """
      INSERT INTO migration_logs (migration_logs_schema_version, schema, version, up, started_at, finished_at, success, error_message)
      VALUES (2, $1, $2, $3, clock_timestamp(), clock_timestamp(), $4, $5) RETURNING id
      """, [schema.ledgerName, String(version), up ? "true" : "false", success ? "true" : "false", error])
    return Int(result.scalar ?? "") ?? 0
  }

  /// A finished successful attempt as one statement, values inlined, for a script that runs
  /// inside the migration's transaction: started at the transaction's start, finished now.
  /// - Parameter startedAt: when the attempt started: the transaction's start unless several
  ///   migrations share it (`MigrationSequence`).
  func finishedRowSQL(version: Int, up: Bool, startedAt: String = "now()") -> String {
    """
    INSERT INTO migration_logs (migration_logs_schema_version, schema, version, up, started_at, finished_at, success)
    VALUES (2, \(Quoting.literal(schema.ledgerName)), \(version), \(up), \(startedAt), clock_timestamp(), true)
    """
  }

  /// Finished successful attempts for many migrations in one statement (single-transaction plans).
  func finishedRowsSQL(_ attempts: [(version: Int, up: Bool)]) -> String {
    let rows = attempts.map { "(2, \(Quoting.literal(schema.ledgerName)), \($0.version), \($0.up), now(), clock_timestamp(), true)" }
    return "INSERT INTO migration_logs (migration_logs_schema_version, schema, version, up, started_at, finished_at, success)\nVALUES "
      + rows.joined(separator: ",\n       ")
  }

  /// The migrator's error text: the migration, its SQL fenced, then the server's error.
  static func errorMessage(version: Int, sql: String, error: PostgresError) -> String {
    var text = "failed to apply migration \(version):\n```\n\(sql)\n```\n: \(error.severity ?? "ERROR"): \(error.message)"
    if let state = error.sqlState { text += " (SQLSTATE \(state))" }
    if let detail = error.detail { text += "\nDETAIL: \(detail)" }
    if let hint = error.hint { text += "\nHINT: \(hint)" }
    return text
  }
}
