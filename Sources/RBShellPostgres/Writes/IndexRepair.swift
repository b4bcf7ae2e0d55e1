import Migrations
import PostgresClient

/// Drops an INVALID index left by an interrupted `CREATE INDEX CONCURRENTLY`, concurrently (so
/// the table stays writable), under the schema's migrator lock, after checking again that it is
/// still invalid and that no build of it is running.
public struct IndexRepair {
  let session: LockedSession

  public init(router: ConnectionRouter, schema: Schema, lockTimeout: Double) {
    session = LockedSession(router: router, schema: schema, lockTimeout: lockTimeout)
  }

  public enum Refusal: Error, CustomStringConvertible {
    case notFound(String), valid(String), building(String)

    public var description: String {
      switch self {
      case .notFound(let name): "index \(name) does not exist; nothing was written"
      case .valid(let name): "index \(name) is valid: there is nothing to repair; nothing was written"
      case .building(let name): "index \(name) is being built right now (pg_stat_progress_create_index); nothing was written"
      }
    }
  }

  /// - Parameters:
  ///   - namespace: the index's schema (`public`).
  ///   - force: drop even a valid index.
  public func drop(namespace: String, index: String, force: Bool, onWait: (String) -> Void) throws -> Endpoint {
    try session.run(onWait: onWait) { connection in
      try drop(namespace: namespace, index: index, force: force, on: connection)
      return connection.endpoint
    }
  }

  private func drop(namespace: String, index: String, force: Bool, on connection: Connection) throws {
    let name = Quoting.qualified(namespace, index)
    let rows = try connection.query("""
      SELECT i.indisvalid, EXISTS (SELECT 1 FROM pg_stat_progress_create_index p WHERE p.index_relid = c.oid) AS building
      FROM pg_class c JOIN pg_index i ON i.indexrelid = c.oid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND c.relname = $2
      """, [namespace, index]).records
    guard let row = rows.first else { throw Refusal.notFound(name) }
    if try row.requiredBool("building") { throw Refusal.building(name) }
    if try row.requiredBool("indisvalid"), !force { throw Refusal.valid(name) }
    try connection.run("DROP INDEX CONCURRENTLY IF EXISTS \(name)")
  }
}
