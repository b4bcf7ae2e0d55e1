import Migrations
import PostgresClient
import RBShellCore

/// Atlas's `atlas_schema_revisions` for the write runner: read with the catalog its partial
/// revisions' files need, locked with Atlas's own advisory key (so `atlas migrate apply` and
/// rbshell exclude each other), and one revision's statement count corrected in one guarded
/// transaction.
public final class AtlasStore: ToolLockedStore {
  let connection: Connection
  let found: ToolLedgerReader.Found
  let files: [AtlasLayoutReader.File]
  public let toolLock: ToolLock
  public let database: DatabaseLabel

  /// - Throws: `ToolLedgerMissing` when there is no Atlas revisions table, or several.
  public init(connection: Connection, files: [AtlasLayoutReader.File]) throws {
    self.connection = connection
    found = try ToolLedgerReader(connection: connection).single(.atlas)
    self.files = files
    toolLock = ToolLock(connection: connection, keys: [KnownLocks.atlasKey], name: "Atlas's lock (advisory key \(KnownLocks.atlasKey))")
    database = DatabaseLabel(connection.endpoint)
  }

  public func read() throws -> ToolLedgerEvidence {
    try ToolLedgerReader(connection: connection).evidence(in: found, scope: AtlasResume.failing(files).scope, rows: rows)
  }

  private func rows(_ c: Connection) throws -> [String] {
    try c.query(ToolLedgerQueries.atlas(found.qualified)).records.map {
      AtlasResume.words(version: try $0.requiredString("version"), applied: try $0.int("applied") ?? 0, total: try $0.int("total") ?? 0)
    }
  }

  public func statements(for edit: LedgerEdit) -> [String] {
    guard case .atlasApplied(let version, let applied, let done) = edit.change else { return [] }
    return [
      "UPDATE \(found.qualified) SET applied = \(applied)\(done ? ", error = NULL, error_stmt = NULL" : "") WHERE version = \(Quoting.literal(version))"
    ]
  }

  public func apply(_ edit: LedgerEdit, progress: (String) -> Void) throws {
    guard case .atlasApplied = edit.change else { throw DirectWriteRefusal("\(edit.operation) is not an Atlas edit") }
    try GuardedEdit.apply(edit, on: connection, table: found, shown: found.shown, rows: rows, statements: statements(for: edit))
  }
}
