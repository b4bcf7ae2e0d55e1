import Migrations
import PostgresClient
import RBShellCore

/// Records a completed attempt without running anything (`add-log`), under the schema's lock.
public struct LedgerRecorder {
  let router: ConnectionRouter
  let schema: Schema
  let lockTimeout: Double

  public init(router: ConnectionRouter, schema: Schema, lockTimeout: Double) {
    self.router = router
    self.schema = schema
    self.lockTimeout = lockTimeout
  }

  /// - Returns: the ledger state before and after, and where it was written.
  public func record(version: Int, up: Bool, onWait: (String) -> Void) throws -> (LedgerState, LedgerState, Endpoint) {
    let connection = try router.connect([schema])[schema]!
    let lock = MigrationLock(connection: connection, schema: schema)
    try lock.acquire(timeout: lockTimeout, onWait: onWait)
    defer { lock.release() }
    let writer = LedgerWriter(connection: connection, schema: schema)
    _ = try writer.ensureTable()
    let reader = MigrationLogsReader(connection: connection)
    let before = LedgerState(entries: try reader.snapshot(of: schema).entries)
    try writer.record(version: version, up: up, success: true)
    return (before, LedgerState(entries: try reader.snapshot(of: schema).entries), connection.endpoint)
  }
}
