import Migrations
import PostgresClient

/// A writable connection to a schema's database holding that schema's migrator lock for the
/// duration of `body`: the shape of every small write (add-log, marks, undo, index drops).
struct LockedSession {
  let router: ConnectionRouter
  let schema: Schema
  let lockTimeout: Double

  func run<T>(onWait: (String) -> Void, _ body: (Connection) throws -> T) throws -> T {
    let connection = try router.connect([schema])[schema]!
    let lock = MigrationLock(connection: connection, schema: schema)
    try lock.acquire(timeout: lockTimeout, onWait: onWait)
    defer { lock.release() }
    return try body(connection)
  }
}
