import Foundation
import Migrations
import PostgresClient
import TestSupport

/// The live sessions a scenario's `-- setup:` lines ask for, held open while rbshell runs:
/// `lock SCHEMA` (the migrator's advisory lock), `lock-key N` (a one-key advisory lock),
/// `writer TABLE` (an open transaction writing to TABLE), `background SQL` (a statement left
/// running, e.g. a CREATE INDEX CONCURRENTLY that waits for the writer).
final class ScenarioSessions {
  private var connections: [Connection] = []
  private var processes: [Process] = []
  private let db: TestDatabase

  init(_ setups: [String], db: TestDatabase) throws {
    self.db = db
    for setup in setups {
      let words = setup.split(separator: " ", maxSplits: 1).map(String.init)
      let connection = try db.connect()
      switch (words[0], words.count > 1 ? words[1] : "") {
      case ("lock", let name):
        guard let schema = Schema(name: name) else { throw SetupError(setup: setup) }
        try connection.query("SELECT pg_advisory_lock($1::int, 0)", [String(schema.lockKey)])
        connections.append(connection)
      case ("lock-key", let key):
        try connection.query("SELECT pg_advisory_lock($1::bigint)", [key])
        connections.append(connection)
      case ("writer", let table):
        try connection.run("BEGIN")
        try connection.run("LOCK TABLE \(Quoting.identifier(table)) IN ROW EXCLUSIVE MODE")
        connections.append(connection)
      case ("background", let sql):
        processes.append(try Psql.start(database: db.name, sql: sql))
        try waitForIndexBuild(connection)
      default:
        throw SetupError(setup: setup)
      }
    }
  }

  /// Ends every session: cancels background statements, rolls back writers, releases locks.
  func close() {
    let admin = try? db.connect()
    for process in processes {
      _ = try? admin?.query("SELECT pg_cancel_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()", [db.name])
      process.waitUntilExit()
    }
    connections.removeAll()
  }

  private func waitForIndexBuild(_ connection: Connection) throws {
    for _ in 0..<100 {
      if try connection.query("SELECT count(*) FROM pg_stat_progress_create_index WHERE datname = current_database()").scalar != "0" { return }
      Thread.sleep(forTimeInterval: 0.1)
    }
    throw SetupError(setup: "background statement never showed up in pg_stat_progress_create_index")
  }

  struct SetupError: Error { var setup: String }
}
