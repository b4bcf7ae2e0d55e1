import Migrations
import PostgresClient
import RBShellCore

/// Reads Sourcegraph's ledgers (`migration_logs` and the golang-migrate tables) without writing:
/// unlike the migrator, it never creates or backfills anything.
public struct MigrationLogsReader: LedgerReading {
  let connection: Connection

  public init(connection: Connection) { self.connection = connection }

  public func snapshot(of schema: Schema) throws -> LedgerSnapshot {
    let presence = try connection.query(LedgerQueries.presence, [schema.ledgerName]).records[0]
    let hasLogs = try presence.requiredBool("has_logs")
    var snapshot = LedgerSnapshot(hasMigrationLogs: hasLogs)
    if hasLogs {
      let backfilled = LedgerQueries.Backfilled(columnExists: try presence.requiredBool("has_backfilled"))
      snapshot.rowCounts = try rowCounts(schema, backfilled)
      snapshot.entries = try entries(LedgerQueries.decidingRows(backfilled), [schema.ledgerName])
    }
    if try presence.requiredBool("has_legacy") {
      snapshot.legacy = try legacyTable(schema)
    }
    return snapshot
  }

  private func rowCounts(_ schema: Schema, _ backfilled: LedgerQueries.Backfilled) throws -> LedgerRowCounts {
    let row = try connection.query(LedgerQueries.rowCounts(backfilled), [schema.ledgerName]).records[0]
    return LedgerRowCounts(
      total: try row.requiredInt("total"), backfilled: try row.requiredInt("backfilled"),
      ignored: try row.requiredInt("ignored"))
  }

  /// The deciding rows of the given versions only (the ledger must exist).
  public func entries(of schema: Schema, versions: [Int]) throws -> [LedgerEntry] {
    let list = "{" + versions.map(String.init).joined(separator: ",") + "}"
    return try entries(LedgerQueries.decidingRowsOfVersions, [schema.ledgerName, list])
  }

  private func entries(_ sql: String, _ parameters: [String?]) throws -> [LedgerEntry] {
    try connection.query(sql, parameters).records.map { row in
      LedgerEntry(
        version: try row.requiredInt("version"), up: try row.requiredBool("up"),
        success: try row.bool("success"), startedAt: try row.double("started_at") ?? 0,
        finishedAt: try row.double("finished_at"), errorMessage: try row.string("error_message"),
        backfilled: try row.requiredBool("backfilled"))
    }
  }

  private func legacyTable(_ schema: Schema) throws -> LegacyTable {
    let sql = LedgerQueries.legacyRows(table: Quoting.identifier(schema.ledgerName))
    let rows = try connection.query(sql).records.map { row in
      LegacyRow(version: try row.requiredInt("version"), dirty: try row.requiredBool("dirty"))
    }
    return LegacyTable(table: schema.ledgerName, rows: rows)
  }
}
