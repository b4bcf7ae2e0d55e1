import Migrations
import PostgresClient
import RBShellCore

/// Atlas's `atlas_schema_revisions` for the write runner: read with the catalog its partial
/// revisions' files need, locked with Atlas's own advisory key (so `atlas migrate apply` and
/// rbshell exclude each other), and one revision's statement count corrected in one guarded
/// transaction.
public final class AtlasStore: ToolLedgerStore {
  let connection: Connection
  let found: ToolLedgerReader.Found
  let files: [AtlasLayoutReader.File]
  private var held: [Int64] = []
  public let database: DatabaseLabel

  /// - Throws: `ToolLedgerMissing` when there is no Atlas revisions table, or several.
  public init(connection: Connection, files: [AtlasLayoutReader.File]) throws {
    self.connection = connection
    let tables = try ToolLedgerReader(connection: connection).tables(of: .atlas)
    guard tables.count == 1, let found = tables.first else { throw ToolLedgerMissing(tool: .atlas, table: nil, candidates: tables.map(\.shown)) }
    self.found = found
    self.files = files
    database = DatabaseLabel(connection.endpoint)
  }

  private var lock: ToolLock { ToolLock(connection: connection, keys: [KnownLocks.atlasKey]) }

  public var lockName: String { "Atlas's lock (advisory key \(KnownLocks.atlasKey))" }
  public func tryLock() throws -> Bool { try lock.tryAcquire(holding: &held) }
  public func lockHolder() throws -> String { try lock.holder() }
  public func unlock() { lock.release(&held) }

  public func read() throws -> ToolLedgerEvidence {
    try connection.snapshotTransaction {
      guard let ledger = try ToolLedgerReader(connection: connection).read(only: .atlas).first(where: { $0.table == found.shown }) else {
        throw ToolLedgerMissing(tool: .atlas, table: found.shown, candidates: [])
      }
      let catalog = try CatalogReader(connection: connection, scope: AtlasResume.failing(files).scope(ledger)).read().catalog
      return ToolLedgerEvidence(ledger: ledger, rows: try rows(connection), catalog: catalog)
    }
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
