import Foundation
import Migrations
import PostgresClient
import RBShellCore
import RBShellPostgres

/// `log [N]`: the newest ledger rows of the current schema.
enum LedgerLog {
  static func run(_ arguments: [String], _ session: ShellSession) -> ShellSession.Outcome {
    guard arguments.count <= 1, let count = arguments.first.map({ Int($0) }) ?? 10 else { return ShellCommands.usage("log [N]") }
    do {
      let connection = try connect(session)
      let ledger = try MigrationLogsReader(connection: connection).snapshot(of: session.schema)
      guard ledger.hasMigrationLogs else {
        print("no migration_logs in this database: " + (ledger.legacy.map(describe) ?? "no ledger at all"))
        return .ok
      }
      let rows = try connection.query("""
        SELECT id, version, CASE WHEN up THEN 'up' ELSE 'down' END AS direction,
               coalesce(CASE WHEN success THEN 'ok' ELSE 'FAILED' END, 'pending') AS outcome,
               to_char(started_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS started,
               \(backfilled) AS backfilled
        FROM migration_logs l WHERE schema = $1 ORDER BY id DESC LIMIT $2
        """, [session.schema.ledgerName, String(count)]).records
      for row in rows {
        let backfilled = try row.requiredBool("backfilled") ? " (backfilled)" : ""
        print("#\(try row.requiredString("id"))  \(try row.requiredString("started"))  \(try row.requiredString("version")) \(try row.requiredString("direction")) \(try row.requiredString("outcome"))\(backfilled)")
      }
      if rows.isEmpty { print("no ledger rows for \(session.schema)") }
      return .ok
    } catch {
      let (message, status) = ErrorReporting.classify(error)
      Terminal.error(message)
      return .failed(status)
    }
  }

  /// The pre-3.37 table's row(s): `schema_migrations: version 1528395840, dirty`.
  static func describe(_ legacy: LegacyTable) -> String {
    let rows = legacy.rows.map { "version \($0.version), \($0.dirty ? "dirty" : "clean")" }
    return "\(legacy.table): " + (rows.isEmpty ? "empty" : rows.joined(separator: "; "))
  }

  static func connect(_ session: ShellSession) throws -> Connection {
    try ConnectionRouter(dsn: session.dsn, environment: ProcessInfo.processInfo.environment, options: ConnectOptions(readOnly: true))
      .connect([session.schema])[session.schema]!
  }

  /// A row's `backfilled`, also on a table from before the column existed (then false).
  private static let backfilled = "coalesce((to_jsonb(l) ->> 'backfilled')::boolean, false)"

  /// Every row of one version, oldest first.
  static func rows(_ connection: Connection, schema: Schema, version: Int) throws -> [String] {
    try connection.query("""
      SELECT '#' || id || '  ' || to_char(started_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') || '  '
             || CASE WHEN up THEN 'up' ELSE 'down' END || ' '
             || coalesce(CASE WHEN success THEN 'ok' ELSE 'FAILED' END, 'pending')
             || CASE WHEN \(backfilled) THEN ' (backfilled)' ELSE '' END
             || coalesce(': ' || split_part(error_message, E'\\n', 1), '') AS line
      FROM migration_logs l WHERE schema = $1 AND version = $2 ORDER BY id
      """, [schema.ledgerName, String(version)]).rows.compactMap { $0[0] }
  }
}
