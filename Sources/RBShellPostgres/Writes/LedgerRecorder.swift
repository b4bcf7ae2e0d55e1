import Migrations
import PostgresClient
import RBShellCore

/// Records a completed attempt without running anything (`add-log`), under the schema's lock.
public struct LedgerRecorder {
  let session: LockedSession
  var schema: Schema { session.schema }

  public init(router: ConnectionRouter, schema: Schema, lockTimeout: Double) {
    session = LockedSession(router: router, schema: schema, lockTimeout: lockTimeout)
  }

  public struct Recorded {
    public var before: LedgerState
    public var after: LedgerState
    public var endpoint: Endpoint
    /// The id of the row written, so `repair undo-last` can take it back.
    public var rowID: Int
  }

  /// - Returns: the ledger state before and after, where it was written, and the new row's id.
  public func record(version: Int, up: Bool, onWait: (String) -> Void) throws -> Recorded {
    try session.run(onWait: onWait) { connection in
      try record(version: version, up: up, on: connection)
    }
  }

  private func record(version: Int, up: Bool, on connection: Connection) throws -> Recorded {
    let reader = MigrationLogsReader(connection: connection)
    let snapshot = try reader.snapshot(of: schema)
    try snapshot.refuseWritesIfLegacyOnly(schema)
    let writer = LedgerWriter(connection: connection, schema: schema)
    _ = try writer.ensureTable()
    let before = LedgerState(entries: snapshot.entries)
    let id = try writer.record(version: version, up: up, success: true)
    return Recorded(before: before, after: LedgerState(entries: try reader.snapshot(of: schema).entries), endpoint: connection.endpoint, rowID: id)
  }

  /// Takes back rows a ledger-only repair wrote, if they are still the newest rows of their
  /// version (nothing ran since).
  ///
  /// - Throws: `UndoRefusal` when a row is gone or a newer attempt followed it.
  public func remove(rowIDs: [Int], version: Int, onWait: (String) -> Void) throws -> Endpoint {
    try session.run(onWait: onWait) { connection in
      try remove(rowIDs: rowIDs, version: version, on: connection)
      return connection.endpoint
    }
  }

  private func remove(rowIDs: [Int], version: Int, on connection: Connection) throws {
    let ids = "{" + rowIDs.map(String.init).joined(separator: ",") + "}"
    try connection.transaction { c in
      let newest = try c.query(
        "SELECT max(id) AS newest, count(*) FILTER (WHERE id = ANY($3::int[])) AS found FROM migration_logs WHERE schema = $1 AND version = $2",
        [schema.ledgerName, String(version), ids]).records[0]
      guard try newest.requiredInt("found") == rowIDs.count else { throw UndoRefusal.rowsGone }
      guard try newest.int("newest") == rowIDs.max() else { throw UndoRefusal.newerAttempt(version) }
      try c.query("DELETE FROM migration_logs WHERE id = ANY($1::int[])", [ids])
    }
  }
}

public enum UndoRefusal: Error, CustomStringConvertible {
  case rowsGone
  case newerAttempt(Int)

  public var description: String {
    switch self {
    case .rowsGone: "the rows that repair wrote are no longer in migration_logs; nothing was changed"
    case .newerAttempt(let version): "migration \(version) has a newer ledger row than the repair's (something ran since); nothing was changed"
    }
  }
}
