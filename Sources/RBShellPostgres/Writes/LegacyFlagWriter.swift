import Migrations
import PostgresClient
import RBShellCore

/// Writes a proven `LegacyFlagRepair` (golang-migrate's `force`): under Sourcegraph's migrator
/// lock and golang-migrate's own lock (a pre-3.37 frontend holds it while it migrates), one
/// guarded statement that changes the row only if it still says (V, dirty).
public struct LegacyFlagWriter {
  let session: LockedSession

  public init(router: ConnectionRouter, schema: Schema, lockTimeout: Double) {
    session = LockedSession(router: router, schema: schema, lockTimeout: lockTimeout)
  }

  /// - Throws: `GolangMigrateLockBusy` when a golang-migrate session holds its lock;
  ///   `WriteRefusal.planChanged` when the row no longer says (V, dirty). Nothing is written then.
  public func write(_ repair: LegacyFlagRepair, onWait: (String) -> Void) throws -> Endpoint {
    try session.run(onWait: onWait) { connection in
      try holdingGolangMigrateLocks(connection) {
        try connection.transaction { c in
          let result = try c.query(Self.sql(repair))
          guard result.commandTag.hasSuffix(" 1") else { throw WriteRefusal.planChanged(schema: repair.schema, previewed: [Self.sql(repair)], now: ["the row no longer says (\(repair.dirtyVersion), dirty)"]) }
        }
      }
      return connection.endpoint
    }
  }

  /// The SQL shown in the preview and run (versions are integers, the table is quoted): an
  /// UPDATE to the clean version, or a DELETE that empties the table when none is applied.
  public static func sql(_ repair: LegacyFlagRepair) -> String {
    let table = Quoting.identifier(repair.table)
    guard let clean = repair.cleanVersion else {
      return "DELETE FROM \(table) WHERE version = \(repair.dirtyVersion) AND dirty"
    }
    return "UPDATE \(table) SET version = \(clean), dirty = false WHERE version = \(repair.dirtyVersion) AND dirty"
  }

  private func holdingGolangMigrateLocks<T>(_ connection: Connection, _ body: () throws -> T) throws -> T {
    let database = try connection.query("SELECT current_database()").scalar ?? ""
    var held: [Int64] = []
    defer { for key in held { _ = try? connection.query("SELECT pg_advisory_unlock($1::bigint)", [String(key)]) } }
    for key in KnownLocks.golangMigrateKeys(database: database, table: session.schema.ledgerName) {
      guard try connection.query("SELECT pg_try_advisory_lock($1::bigint)", [String(key)]).scalar == "t" else {
        throw GolangMigrateLockBusy(key: key)
      }
      held.append(key)
    }
    return try body()
  }
}

/// A golang-migrate session (a pre-3.37 frontend migrating) holds its advisory lock.
public struct GolangMigrateLockBusy: Error, CustomStringConvertible {
  public var key: Int64

  public var description: String {
    "golang-migrate's lock (advisory key \(key)) is held: a pre-3.37 frontend may be migrating right now (rbshell diagnose names the session); nothing was written"
  }
}
