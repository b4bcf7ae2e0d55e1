import PostgresClient
import RBShellCore

/// Another tool's session advisory lock, taken with one bigint key each (golang-migrate,
/// Prisma, …): all of the tool's keys or none, which it holds, and who else does.
public final class ToolLock {
  let connection: Connection
  let keys: [Int64]
  /// The lock in messages: `Prisma Migrate's lock (advisory key 72707369)`.
  let name: String
  private var held: [Int64] = []

  init(connection: Connection, keys: [Int64], name: String) {
    self.connection = connection
    self.keys = keys
    self.name = name
  }

  /// Takes every key not held yet; on the first refused one gives back those taken and says no.
  func tryAcquire() throws -> Bool {
    for key in keys where !held.contains(key) {
      guard try connection.query("SELECT pg_try_advisory_lock($1::bigint)", [String(key)]).scalar == "t" else {
        release()
        return false
      }
      held.append(key)
    }
    return true
  }

  func release() {
    for key in held { _ = try? connection.query("SELECT pg_advisory_unlock($1::bigint)", [String(key)]) }
    held = []
  }

  /// The session holding any of the keys, in words.
  func holder() throws -> String {
    let rows = try connection.query(
      """
      SELECT l.pid, a.application_name, a.client_addr::text AS client, a.state,
             to_char(a.backend_start AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS since
      FROM pg_locks l LEFT JOIN pg_stat_activity a ON a.pid = l.pid
      WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1 AND l.pid <> pg_backend_pid()
        AND ((l.classid::bigint << 32) | l.objid::bigint) = ANY($1::bigint[])
        AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
      """, [Quoting.arrayLiteral(keys.map(String.init))]
    ).records
    return try MigrationLock.describe(rows.first)
  }
}

/// A tool store whose lock is one `ToolLock`: the lock half of `ToolLedgerStore`, once.
public protocol ToolLockedStore: ToolLedgerStore {
  var toolLock: ToolLock { get }
}

extension ToolLockedStore {
  public var lockName: String { toolLock.name }
  public func tryLock() throws -> Bool { try toolLock.tryAcquire() }
  public func lockHolder() throws -> String { try toolLock.holder() }
  public func unlock() { toolLock.release() }
}

/// How every tool store applies an edit: one transaction that locks the ledger table, checks it
/// still holds what the edit was decided on, and runs the edit's statements — or writes nothing.
enum GuardedEdit {
  static func apply(
    _ edit: LedgerEdit, on connection: Connection, table: ToolLedgerReader.Found?, shown: String, rows: (Connection) throws -> [String],
    statements: [String]
  ) throws {
    try connection.transaction { c in
      if let table { try c.run("LOCK TABLE \(table.qualified) IN SHARE ROW EXCLUSIVE MODE") }
      let now = try rows(c)
      guard now == edit.before else {
        throw DirectWriteRefusal(
          "\(shown) no longer holds \(LedgerEditVerificationFailure.words(edit.before)) (now \(LedgerEditVerificationFailure.words(now)))")
      }
      for statement in statements { try c.execute(statement) }
    }
  }
}
