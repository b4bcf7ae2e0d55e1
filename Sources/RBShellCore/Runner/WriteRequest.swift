import Migrations

/// A write that runs migrations (downto, upto, up, undo, rollback's per-schema step, and the
/// repairs retry, complete and revert): what to plan and where. `build` is the one place the
/// plan is decided; the runner calls it before the preview and again under the lock, so a
/// decision can never rest on a ledger or catalog that changed meanwhile.
public struct PlanRequest {
  public var store: MigrationStore
  public var schema: Schema
  public var graph: MigrationGraph
  /// The plan from the ledger as read; repairs also read the catalog from the store for their verdict.
  public var build: (LedgerSnapshot, MigrationStore) throws -> WritePlan
  public var dirty: DirtyCheck.Options
  /// Ledger versions whose deciding rows the audit keeps besides the plan's own (a repair's).
  public var auditVersions: [Int]
  /// After the write, still under the lock: what in the catalog contradicts what the write should
  /// leave (a repair's `RepairProof`); anything returned fails the write.
  public var prove: ((MigrationStore) throws -> [String])?

  public init(
    store: MigrationStore, schema: Schema, graph: MigrationGraph, dirty: DirtyCheck.Options = .init(), auditVersions: [Int] = [],
    prove: ((MigrationStore) throws -> [String])? = nil,
    build: @escaping (LedgerSnapshot, MigrationStore) throws -> WritePlan
  ) {
    self.prove = prove
    self.store = store
    self.schema = schema
    self.graph = graph
    self.dirty = dirty
    self.auditVersions = auditVersions
    self.build = build
  }
}

/// A request planned against the ledger read before the lock: what the preview shows.
public struct PreparedWrite {
  public let request: PlanRequest
  public let plan: WritePlan
  public let before: LedgerState
  /// The deciding ledger rows of the plan's migrations before the run, for the audit log.
  public let beforeRows: [LedgerEntry]

  public var schema: Schema { request.schema }
}

/// Settings every write shares.
public struct RunnerOptions {
  /// Seconds to wait for the migrator lock (validated finite by the caller).
  public var lockTimeout: Double
  public var privileged: PrivilegedMode
  public var privilegedHashes: [String]
  /// Run the whole plan in one transaction, all or nothing (like `psql -1`).
  public var singleTransaction: Bool
  public var clock: RunnerClock

  public init(
    lockTimeout: Double = 30, privileged: PrivilegedMode = .auto, privilegedHashes: [String] = [], singleTransaction: Bool = false,
    clock: RunnerClock = .system
  ) {
    self.lockTimeout = lockTimeout
    self.privileged = privileged
    self.privilegedHashes = privilegedHashes
    self.singleTransaction = singleTransaction
    self.clock = clock
  }

  var stepMode: StepMode { StepMode(noopPrivileged: privileged == .noop) }
}
