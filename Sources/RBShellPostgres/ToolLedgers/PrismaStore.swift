import Migrations
import PostgresClient
import RBShellCore

/// Prisma Migrate's `_prisma_migrations` for the write runner: read with the catalog its failed
/// migrations' files need, locked with Prisma's own advisory key (72707369, so `migrate deploy`
/// and rbshell exclude each other), and changed as `prisma migrate resolve` changes it, in one
/// transaction, only while the table still holds what was decided on.
public final class PrismaStore: ToolLockedStore {
  let connection: Connection
  let found: ToolLedgerReader.Found
  let files: [PrismaLayoutReader.File]
  public let toolLock: ToolLock
  public let database: DatabaseLabel

  /// - Throws: `ToolLedgerMissing` when there is no `_prisma_migrations`, or several.
  public init(connection: Connection, files: [PrismaLayoutReader.File]) throws {
    self.connection = connection
    found = try ToolLedgerReader(connection: connection).single(.prisma)
    self.files = files
    toolLock = ToolLock(
      connection: connection, keys: [KnownLocks.prismaKey], name: "Prisma Migrate's lock (advisory key \(KnownLocks.prismaKey))")
    database = DatabaseLabel(connection.endpoint)
  }

  public func read() throws -> ToolLedgerEvidence {
    try ToolLedgerReader(connection: connection).evidence(in: found, scope: PrismaResolve.failing(files).scope, rows: rows)
  }

  /// Every attempt, in Prisma's order, as `PrismaResolve.words` says it.
  private func rows(_ c: Connection) throws -> [String] {
    try c.query(ToolLedgerQueries.prisma(found.qualified)).records.map { row in
      let state: ToolLedgerEntry.State =
        try row.bool("rolled_back") == true ? .rolledBack : try row.bool("finished") == true ? .applied : .failed
      return PrismaResolve.words(name: try row.requiredString("migration_name"), state: state)
    }
  }

  public func statements(for edit: LedgerEdit) -> [String] {
    guard case .prismaResolve(let name, let resolution, let script) = edit.change else { return [] }
    let table = found.qualified
    let markRolledBack = """
      UPDATE \(table) SET rolled_back_at = now() WHERE id = (SELECT id FROM \(table) \
      WHERE migration_name = \(Quoting.literal(name)) AND finished_at IS NULL AND rolled_back_at IS NULL ORDER BY started_at DESC, id DESC LIMIT 1)
      """
    guard resolution == .applied else { return [markRolledBack] }
    return [
      markRolledBack,
      """
      INSERT INTO \(table) (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count) \
      VALUES (gen_random_uuid()::text, encode(sha256(convert_to(\(Quoting.literal(script)), 'UTF8')), 'hex'), now(), \
      \(Quoting.literal(name)), NULL, NULL, now(), 1)
      """,
    ]
  }

  public func apply(_ edit: LedgerEdit, progress: (String) -> Void) throws {
    guard case .prismaResolve = edit.change else { throw DirectWriteRefusal("\(edit.operation) is not a Prisma edit") }
    try GuardedEdit.apply(edit, on: connection, table: found, shown: found.shown, rows: rows, statements: statements(for: edit))
  }
}
