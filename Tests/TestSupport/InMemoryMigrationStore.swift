import Migrations
import RBShellCore

/// One fake database that several `InMemoryMigrationStore` sessions share: the ledger rows and
/// who holds each schema's lock.
public final class InMemoryDatabase: @unchecked Sendable {
  public struct Row: Equatable {
    public var id: Int
    public var schema: Schema
    public var version: Int
    public var up: Bool
    public var success: Bool?
    public var error: String?
  }

  public var rows: [Row] = []
  public var hasLedger = false
  /// Session ids holding each schema's lock.
  public var lockHolders: [Schema: Int] = [:]
  public var catalog = CatalogSnapshot()
  /// Whether the connected role is a superuser.
  public var superuser = true
  private var nextSession = 1
  private var nextRow = 1

  public init() {}

  /// A new session (connection) on this shared.
  public func session() -> InMemoryMigrationStore {
    defer { nextSession += 1 }
    return InMemoryMigrationStore(database: self, session: nextSession)
  }

  /// Appends a ledger row as any writer would.
  @discardableResult
  public func record(_ schema: Schema, version: Int, up: Bool = true, success: Bool? = true, error: String? = nil) -> Int {
    hasLedger = true
    defer { nextRow += 1 }
    rows.append(Row(id: nextRow, schema: schema, version: version, up: up, success: success, error: error))
    return nextRow
  }

  /// The deciding (latest) row per version, as the migrator reads it.
  func entries(_ schema: Schema) -> [LedgerEntry] {
    var latest: [Int: Row] = [:]
    for row in rows where row.schema == schema { latest[row.version] = row }
    return latest.values.sorted { $0.version < $1.version }.map {
      LedgerEntry(version: $0.version, up: $0.up, success: $0.success, startedAt: Double($0.id), finishedAt: Double($0.id), errorMessage: $0.error)
    }
  }
}

/// The in-memory `MigrationStore`: the store protocol's contract without a server. It runs no
/// SQL; a statement naming `no_such_table` fails with SQLSTATE 42P01 (its one error rule), and
/// hooks let a test act as a second writer at the moments that matter.
public final class InMemoryMigrationStore: MigrationStore {
  public let shared: InMemoryDatabase
  let session: Int
  /// Runs before each `tryLock` (e.g. another writer records a failure, then releases its lock).
  public var beforeTryLock: (() -> Void)?
  /// Runs while the lock is released around a concurrent index build.
  public var whileUnlocked: (() -> Void)?
  /// Every step applied through this session, in order.
  public private(set) var applied: [PlanStep] = []
  public private(set) var cancelRequests = 0

  init(database: InMemoryDatabase, session: Int) {
    self.shared = database
    self.session = session
  }

  public var database: DatabaseLabel { DatabaseLabel(host: "memory", port: "", name: "fake", user: "tester") }

  public func readLedger(_ schema: Schema) throws -> LedgerSnapshot {
    LedgerSnapshot(hasMigrationLogs: shared.hasLedger, entries: shared.hasLedger ? shared.entries(schema) : [])
  }

  public func tryLock(_ schema: Schema) throws -> Bool {
    beforeTryLock?()
    if let holder = shared.lockHolders[schema], holder != session { return false }
    shared.lockHolders[schema] = session
    return true
  }

  public func lockHolder(_ schema: Schema) throws -> String {
    shared.lockHolders[schema].map { "session \($0)" } ?? "another session (it was released meanwhile)"
  }

  public func unlock(_ schema: Schema) {
    if shared.lockHolders[schema] == session { shared.lockHolders[schema] = nil }
  }

  public func ensureLedger(_ schema: Schema) throws -> Bool {
    defer { shared.hasLedger = true }
    return !shared.hasLedger
  }

  public func apply(_ step: PlanStep, schema: Schema, mode: StepMode) throws -> StepResult {
    switch step.kind {
    case .migration: break
    case .recordOnly:
      applied.append(step)
      return StepResult(insertedRowID: shared.record(schema, version: step.definition.id, up: step.up))
    case .takeBack(let rowIDs):
      try takeBack(rowIDs, version: step.definition.id, schema: schema)
      applied.append(step)
      return StepResult()
    case .clearLegacyFlag, .dropIndex:
      throw DirectWriteRefusal("the in-memory store has no golang-migrate table and no indexes")
    }
    try fail(step, schema: schema, mode: mode)
    if !step.isTransactional, step.up {
      let row = shared.record(schema, version: step.definition.id, up: step.up, success: nil)
      unlock(schema)
      whileUnlocked?()
      shared.rows[shared.rows.firstIndex { $0.id == row }!].success = true
      applied.append(step)
      return StepResult(releasedLock: true)
    }
    shared.record(schema, version: step.definition.id, up: step.up)
    applied.append(step)
    return StepResult()
  }

  public func applyInSequence(_ steps: [PlanStep], schema: Schema, mode: StepMode, progress: (SequenceProgress) -> Void) throws
    -> StepResult
  {
    for (index, step) in steps.enumerated() {
      _ = try apply(step, schema: schema, mode: mode)
      progress(.committed(through: index))
    }
    return StepResult()
  }

  /// Removes the rows only while they are still the newest of their version.
  private func takeBack(_ rowIDs: [Int], version: Int, schema: Schema) throws {
    let ofVersion = shared.rows.filter { $0.schema == schema && $0.version == version }
    guard Set(rowIDs).isSubset(of: ofVersion.map(\.id)) else { throw DirectWriteRefusal("the rows that repair wrote are no longer in migration_logs") }
    guard ofVersion.map(\.id).max() == rowIDs.max() else {
      throw DirectWriteRefusal("migration \(version) has a newer ledger row than the repair's (something ran since)")
    }
    shared.rows.removeAll { rowIDs.contains($0.id) }
  }

  public func applyAtomically(_ steps: [PlanStep], schema: Schema, mode: StepMode, progress: (Int) -> Void) throws -> StepResult {
    for step in steps {
      do {
        try fail(step, schema: schema, mode: mode, record: false)
      } catch var failure as StepFailure {
        shared.record(schema, version: step.definition.id, up: step.up, success: false, error: failure.error.message)
        failure.recorded = true
        failure.rolledBackPlan = true
        throw failure
      }
    }
    for (index, step) in steps.enumerated() {
      shared.record(schema, version: step.definition.id, up: step.up)
      applied.append(step)
      progress(index)
    }
    return StepResult()
  }

  /// The fake's one error rule: a statement naming `no_such_table` fails (and is recorded).
  private func fail(_ step: PlanStep, schema: Schema, mode: StepMode, record: Bool = true) throws {
    if mode.noopPrivileged && step.definition.privileged { return }
    guard step.sql.contains("no_such_table") else { return }
    let error = ServerError(sqlState: "42P01", message: "relation \"no_such_table\" does not exist")
    if record { shared.record(schema, version: step.definition.id, up: step.up, success: false, error: error.message) }
    throw StepFailure(schema: schema, step: step, error: error, line: nil, recorded: record)
  }

  public func catalog() throws -> CatalogSnapshot { shared.catalog }

  public func canRunPrivileged() throws -> Bool { shared.superuser }

  public func cancelRunningStatement() { cancelRequests += 1 }
}
