import Migrations

/// The answer to "what does the ledger say about this schema?", as `rbshell status` reports it.
public struct SchemaStatus: Sendable, Equatable, Codable {
  public var schema: Schema
  public var ledgerName: String
  /// Which ledger decides: `migration_logs` (3.37+), the legacy table alone (≤ 3.36), or none.
  public var ledger: LedgerKind
  public var rowCounts: LedgerRowCounts
  public var state: LedgerState
  /// The deciding rows of pending and failed versions, oldest version first.
  public var pending: [LedgerEntry]
  public var failed: [LedgerEntry]
  /// The most recently started applied version.
  public var newestApplied: LedgerEntry?
  public var legacy: LegacyStatus?
  public var health: Health

  public enum LedgerKind: String, Sendable, Codable {
    case migrationLogs = "migration_logs"
    case legacy
    case none
  }

  public enum Health: String, Sendable, Codable {
    case clean
    case dirty
    case noLedger = "no-ledger"
  }

  /// The legacy table as reported, with whether the current migrator still reads it.
  public struct LegacyStatus: Sendable, Equatable, Codable {
    public var table: String
    public var rows: [LegacyRow]
    public var dirty: Bool
    /// False on 3.37+ instances: once `migration_logs` exists the migrator ignores this table.
    public var consulted: Bool
  }

  /// True when the schema needs repair before a migrator will run: failed or pending versions,
  /// or a dirty legacy table that is still the ledger.
  public var needsRepair: Bool { health == .dirty }
}

extension SchemaStatus {
  /// Interprets a snapshot exactly as the migrator would.
  public init(schema: Schema, snapshot: LedgerSnapshot) {
    let state = LedgerState(entries: snapshot.entries)
    let byVersion = Dictionary(snapshot.entries.map { ($0.version, $0) }, uniquingKeysWith: { a, _ in a })
    let ledger: LedgerKind =
      snapshot.hasMigrationLogs ? .migrationLogs : (snapshot.legacy == nil ? .none : .legacy)
    let legacy = snapshot.legacy.map {
      LegacyStatus(table: $0.table, rows: $0.rows, dirty: $0.isDirty, consulted: !snapshot.hasMigrationLogs)
    }
    self.init(
      schema: schema, ledgerName: schema.ledgerName, ledger: ledger, rowCounts: snapshot.rowCounts,
      state: state,
      pending: state.pending.compactMap { byVersion[$0] },
      failed: state.failed.compactMap { byVersion[$0] },
      newestApplied: Self.newest(snapshot.entries.filter { $0.state == .applied }),
      legacy: legacy,
      health: Self.health(ledger: ledger, state: state, legacy: legacy))
  }

  private static func newest(_ applied: [LedgerEntry]) -> LedgerEntry? {
    applied.max { ($0.startedAt, $0.version) < ($1.startedAt, $1.version) }
  }

  private static func health(ledger: LedgerKind, state: LedgerState, legacy: LegacyStatus?) -> Health {
    switch ledger {
    case .none: .noLedger
    case .migrationLogs: state.isDirty ? .dirty : .clean
    case .legacy: legacy?.dirty == true ? .dirty : .clean
    }
  }
}
