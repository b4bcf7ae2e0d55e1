import Migrations
import PostgresClient
import RBShellCore

/// The schema's migrator lock — the session advisory lock `(key, 0)` Sourcegraph's migrator
/// takes — held on the one pinned connection that runs the plan, so rbshell and a real
/// migrator exclude each other.
struct MigrationLock {
  let connection: Connection
  let schema: Schema

  /// One `pg_try_advisory_lock`: true when this session now holds the lock.
  func tryAcquire() throws -> Bool {
    try connection.query("SELECT pg_try_advisory_lock($1::int, 0)", [String(schema.lockKey)]).scalar == "t"
  }

  func release() {
    _ = try? connection.query("SELECT pg_advisory_unlock($1::int, 0)", [String(schema.lockKey)])
  }

  /// `pid 123, application "migrator", client 10.0.0.5, active since 2026-…`.
  func holderDescription() throws -> String {
    let rows = try connection.query(
      """
      SELECT l.pid, a.application_name, a.client_addr::text AS client, a.state, a.query,
             to_char(a.backend_start AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS since
      FROM pg_locks l LEFT JOIN pg_stat_activity a ON a.pid = l.pid
      WHERE l.locktype = 'advisory' AND l.granted AND l.classid = $1::int::oid AND l.objid = 0 AND l.objsubid = 2
        AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
      """, [String(schema.lockKey)]
    ).records
    return try Self.describe(rows.first)
  }

  /// A lock holder's row (`pid`, `application_name`, `client`, `state`, `since`) in words.
  static func describe(_ row: Row?) throws -> String {
    guard let row else { return "another session (it was released meanwhile)" }
    var parts = ["pid \(try row.string("pid") ?? "?")"]
    if let app = try row.string("application_name"), !app.isEmpty { parts.append("application \"\(app)\"") }
    if let client = try row.string("client") { parts.append("client \(client)") }
    if let state = try row.string("state") { parts.append(state) }
    if let since = try row.string("since") { parts.append("connected since \(since)") }
    return parts.joined(separator: ", ")
  }
}
