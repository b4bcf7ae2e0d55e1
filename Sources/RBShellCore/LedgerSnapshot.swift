import Migrations

/// Everything rbshell read about one schema's ledgers, before any interpretation.
public struct LedgerSnapshot: Sendable, Equatable {
  /// Whether a `migration_logs` table is visible on the search path.
  public var hasMigrationLogs: Bool
  /// The deciding row per version (empty when there is no `migration_logs`).
  public var entries: [LedgerEntry]
  public var rowCounts: LedgerRowCounts
  /// The golang-migrate table's rows, or `nil` when that table does not exist.
  public var legacy: LegacyTable?

  public init(
    hasMigrationLogs: Bool, entries: [LedgerEntry] = [], rowCounts: LedgerRowCounts = LedgerRowCounts(),
    legacy: LegacyTable? = nil
  ) {
    self.hasMigrationLogs = hasMigrationLogs
    self.entries = entries
    self.rowCounts = rowCounts
    self.legacy = legacy
  }
}

/// Sizes of a schema's share of `migration_logs`, to explain what the migrator ignores.
public struct LedgerRowCounts: Sendable, Equatable, Codable {
  /// Rows whose `schema` column names this schema.
  public var total: Int
  /// Rows written by the migrator's backfill rather than by a real attempt.
  public var backfilled: Int
  /// Rows the migrator's filter drops: finished failed reverts, and down rows whose NULL
  /// `success` makes the filter itself NULL.
  public var ignored: Int

  public init(total: Int = 0, backfilled: Int = 0, ignored: Int = 0) {
    self.total = total
    self.backfilled = backfilled
    self.ignored = ignored
  }
}

/// A golang-migrate-era table (`schema_migrations`, `codeintel_schema_migrations`, …):
/// normally one row `(version, dirty)`.
public struct LegacyTable: Sendable, Equatable, Codable {
  public var table: String
  public var rows: [LegacyRow]

  public init(table: String, rows: [LegacyRow]) {
    self.table = table
    self.rows = rows
  }

  public var isDirty: Bool { rows.contains(where: \.dirty) }
}

public struct LegacyRow: Sendable, Equatable, Codable {
  public var version: Int
  public var dirty: Bool

  public init(version: Int, dirty: Bool) {
    self.version = version
    self.dirty = dirty
  }
}

/// Reads ledgers. The Postgres layer implements it; tests may fake it.
public protocol LedgerReading {
  /// One schema's ledgers, read without writing anything.
  func snapshot(of schema: Schema) throws -> LedgerSnapshot
}
