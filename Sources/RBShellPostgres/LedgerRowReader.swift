import Migrations
import PostgresClient
import RBShellCore

/// One `migration_logs` row as stored: every attempt, for the shell's `log` and `show`.
public struct LedgerRow: Sendable, Equatable {
  public var id: Int
  public var version: Int
  public var up: Bool
  /// nil while the attempt is unfinished (pending).
  public var success: Bool?
  /// UTC, `2026-11-26T17:03:43Z`.
  public var started: String
  public var backfilled: Bool
  /// The first line of the error message, if any.
  public var error: String?

  /// `ok`, `FAILED` or `pending`, as `status` says it.
  public var outcome: String { success.map { $0 ? "ok" : "FAILED" } ?? "pending" }
}

/// Reads raw ledger rows (the shell's `log` and `show`); the deciding rows are `MigrationLogsReader`'s.
public struct LedgerRowReader {
  let connection: Connection

  public init(connection: Connection) { self.connection = connection }

  /// The newest `count` rows of the schema, newest first.
  public func newest(_ count: Int, of schema: Schema) throws -> [LedgerRow] {
    try rows(LedgerQueries.rawRows(newest: true), [schema.ledgerName, String(count)])
  }

  /// Every row of one migration, oldest first.
  public func rows(of version: Int, in schema: Schema) throws -> [LedgerRow] {
    try rows(LedgerQueries.rawRows(newest: false), [schema.ledgerName, String(version)])
  }

  private func rows(_ sql: String, _ parameters: [String?]) throws -> [LedgerRow] {
    try connection.query(sql, parameters).records.map { row in
      LedgerRow(
        id: try row.requiredInt("id"), version: try row.requiredInt("version"), up: try row.requiredBool("up"),
        success: try row.bool("success"), started: try row.string("started") ?? "", backfilled: try row.requiredBool("backfilled"),
        error: try row.string("error").flatMap { $0.isEmpty ? nil : $0 })
    }
  }
}
