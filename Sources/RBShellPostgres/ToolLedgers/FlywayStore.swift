import Migrations
import PostgresClient
import RBShellCore

/// Flyway's `flyway_schema_history` for the write runner: read with the catalog its failed
/// migrations' files need, locked with Flyway's own advisory key for the table (so a running
/// `flyway migrate` and rbshell exclude each other), and changed one row at a time — never
/// `flyway repair`'s all-at-once — in one transaction, only while the history still holds what
/// was decided on.
public final class FlywayStore: ToolLockedStore {
  let connection: Connection
  let found: ToolLedgerReader.Found
  let files: [FlywayLayoutReader.File]
  public let toolLock: ToolLock
  public let database: DatabaseLabel

  /// - Throws: `ToolLedgerMissing` when there is no Flyway history table, or several.
  public init(connection: Connection, files: [FlywayLayoutReader.File]) throws {
    self.connection = connection
    let found = try ToolLedgerReader(connection: connection).single(.flyway)
    self.found = found
    self.files = files
    let key = FlywayResolve.lockKey(schema: found.schema, table: found.name)
    toolLock = ToolLock(connection: connection, keys: [key], name: "Flyway's lock on \(found.shown) (advisory key \(key))")
    database = DatabaseLabel(connection.endpoint)
  }

  public func read() throws -> ToolLedgerEvidence {
    try ToolLedgerReader(connection: connection).evidence(in: found, scope: FlywayResolve.failing(files).scope, rows: rows)
  }

  private func rows(_ c: Connection) throws -> [String] {
    try c.query(ToolLedgerQueries.flyway(found.qualified)).records.map {
      FlywayResolve.words(
        rank: Int(try $0.requiredString("installed_rank")) ?? 0, version: try $0.requiredString("version"), success: try $0.requiredBool("success"))
    }
  }

  public func statements(for edit: LedgerEdit) -> [String] {
    guard case .flywayResolve(let rank, let resolution, let checksum) = edit.change else { return [] }
    return resolution == .rolledBack
      ? ["DELETE FROM \(found.qualified) WHERE installed_rank = \(rank) AND NOT success"]
      : ["UPDATE \(found.qualified) SET success = true, checksum = \(checksum) WHERE installed_rank = \(rank) AND NOT success"]
  }

  public func apply(_ edit: LedgerEdit, progress: (String) -> Void) throws {
    guard case .flywayResolve = edit.change else { throw DirectWriteRefusal("\(edit.operation) is not a Flyway edit") }
    try GuardedEdit.apply(edit, on: connection, table: found, shown: found.shown, rows: rows, statements: statements(for: edit))
  }
}
