import Migrations
import PostgresClient
import RBShellPostgres

/// SQL at the locked prompt stays read-only whatever it says: each statement runs alone in a
/// transaction of its own opened `READ ONLY`, sent with the extended protocol (which carries
/// exactly one statement, so a split rbshell got wrong fails instead of running two). A
/// `COMMIT`, `BEGIN READ WRITE`, `SET default_transaction_read_only = off` or `SET SESSION
/// CHARACTERISTICS` inside cannot reach the next statement, which opens its own `READ ONLY`
/// transaction again; `SET transaction_read_only = off` is refused by the server itself.
struct LockedSQL {
  let connection: Connection

  func run(_ sql: String) throws -> [QueryResult] {
    var results: [QueryResult] = []
    for statement in SQLSplitter.split(sql, strings: connection.stringRule) {
      try connection.run("BEGIN READ ONLY")
      do {
        results.append(try connection.query(statement.text))
        if connection.isAlive { try connection.run("COMMIT") }
      } catch {
        if connection.isAlive { try? connection.run("ROLLBACK") }
        throw error
      }
    }
    return results
  }
}
