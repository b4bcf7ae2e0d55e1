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
      let rows = try LedgerRowReader(connection: connection).newest(count, of: session.schema)
      lines(rows).forEach { print($0) }
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

  /// Rows as the operator reads them, ids aligned: `#12  2026-…Z  1528395968 up FAILED: …`.
  static func lines(_ rows: [LedgerRow], withVersion: Bool = true) -> [String] {
    let width = rows.map { String($0.id).count }.max() ?? 0
    return rows.map { row in
      let id = String(row.id)
      var line = "#" + id + String(repeating: " ", count: width - id.count) + "  \(row.started)  "
      line += (withVersion ? "\(row.version) " : "") + "\(row.up ? "up" : "down") \(row.outcome)"
      if row.backfilled { line += " (backfilled)" }
      if let error = row.error { line += ": \(error)" }
      return line
    }
  }
}
