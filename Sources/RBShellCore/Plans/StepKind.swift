import Migrations

/// What a plan step does. Every write rbshell makes is a step of a `WritePlan`, so every write
/// takes the same path through the runner: preview, confirm, lock, decide again, apply, verify,
/// audit. Only `migration` runs the definitions' SQL.
public enum StepKind: Sendable, Equatable {
  /// Run the migration's SQL and record the attempt (downto, upto, retry, complete, revert …).
  case migration
  /// Write the ledger row alone, success = true, running nothing (add-log, mark-applied,
  /// mark-reverted).
  case recordOnly
  /// Remove ledger rows a ledger-only repair wrote, refused unless they are still the newest
  /// rows of their migration (undo-last).
  case takeBack(rowIDs: [Int])
  /// Clear the pre-3.37 golang-migrate dirty flag (clear-dirty).
  case clearLegacyFlag(LegacyFlagRepair)
  /// Drop an INVALID index concurrently, refused unless it is still invalid and no build of it
  /// runs (drop-invalid-index).
  case dropIndex(IndexTarget)

  /// Whether the step writes `migration_logs` (so the ledger must exist and be the one the
  /// migrator reads).
  public var writesMigrationLogs: Bool {
    switch self {
    case .migration, .recordOnly, .takeBack: true
    case .clearLegacyFlag, .dropIndex: false
    }
  }

  /// Whether the ledger must show the step's migration applied (up) or not (down) afterwards.
  public var leavesLedgerState: Bool {
    switch self {
    case .migration, .recordOnly: true
    case .takeBack, .clearLegacyFlag, .dropIndex: false
    }
  }
}

/// An index named by its schema and name (`public.repo_name_trgm`).
public struct IndexTarget: Sendable, Equatable, CustomStringConvertible {
  public var namespace: String
  public var name: String
  /// Drop it even when it is valid.
  public var force: Bool

  public init(namespace: String, name: String, force: Bool = false) {
    self.namespace = namespace
    self.name = name
    self.force = force
  }

  /// `name` or `schema.name`; the schema defaults to `public`.
  public init(parsing text: String, force: Bool = false) {
    let parts = text.split(separator: ".", maxSplits: 1).map(String.init)
    self.init(namespace: parts.count == 2 ? parts[0] : "public", name: parts.count == 2 ? parts[1] : parts[0], force: force)
  }

  public var description: String { "\(namespace).\(name)" }
}
