import Migrations

/// Where a schema's ledger lives and its migrations run: the one seam between the write runner
/// and a database. PostgreSQL implements it (`PostgresMigrationStore`); tests use an in-memory
/// fake, and one conformance suite holds both to the same contract. Other tools' ledgers will
/// plug in here.
///
/// A store is used from one thread, except `cancelRunningStatement`, which a signal handler calls.
public protocol MigrationStore: AnyObject {
  /// Where the store writes, for messages and the audit log.
  var database: DatabaseLabel { get }

  /// The ledger as it is now (no `migration_logs`: `hasMigrationLogs` false, no entries).
  func readLedger(_ schema: Schema) throws -> LedgerSnapshot

  /// Tries once to take the schema's migrator lock; true when this store now holds it.
  func tryLock(_ schema: Schema) throws -> Bool
  /// Who holds the schema's lock, for messages (`pid 123, application "migrator", …`).
  func lockHolder(_ schema: Schema) throws -> String
  /// Gives the lock back; never throws (a lost connection released it already).
  func unlock(_ schema: Schema)

  /// Creates the ledger table (the migrator's DDL) when missing; true when it did.
  func ensureLedger(_ schema: Schema) throws -> Bool

  /// Runs one step. A migration step's SQL and its ledger row commit together; a concurrent index
  /// build commits a pending row first and releases the lock around the build
  /// (`StepResult.releasedLock`). A migration's failure is recorded as the migrator records it
  /// (when the connection still works) and thrown as `StepFailure`. The other kinds (`StepKind`)
  /// check their own precondition again in the same statement or transaction and throw a
  /// `DirectWriteRefusal` when it no longer holds, writing nothing.
  func apply(_ step: PlanStep, schema: Schema, mode: StepMode) throws -> StepResult

  /// Runs plain migration steps (`PlanStep.isPlainMigration`) one after another, each committed
  /// with its ledger row, in as few round trips as the store can; `progress` hears each step run
  /// and commit. The first failure stops the rest, is recorded as `apply` records it, and is
  /// thrown as that step's `StepFailure`; every step before it is committed.
  func applyInSequence(_ steps: [PlanStep], schema: Schema, mode: StepMode, progress: (SequenceProgress) -> Void) throws
    -> StepResult

  /// Runs every step in one transaction, all or nothing (`--single-transaction`); `progress`
  /// gets each step's index as its statements complete.
  func applyAtomically(_ steps: [PlanStep], schema: Schema, mode: StepMode, progress: (Int) -> Void) throws -> StepResult

  /// The catalog as values, for verdicts re-checked under the lock.
  func catalog() throws -> CatalogSnapshot

  /// Whether the connected role can run privileged (extension) migrations: a superuser.
  func canRunPrivileged() throws -> Bool

  /// Cancels the statement running now (thread-safe; a no-op when none runs).
  func cancelRunningStatement()
}

/// How a step's SQL is treated.
public struct StepMode: Sendable, Equatable {
  /// Record privileged migrations without running their SQL (`--privileged=noop`).
  public var noopPrivileged: Bool

  public init(noopPrivileged: Bool = false) {
    self.noopPrivileged = noopPrivileged
  }
}

/// What running a step did besides succeeding.
public struct StepResult: Sendable, Equatable {
  /// Something the operator should read (an index already valid, statements skipped).
  public var note: String?
  /// The migrator lock was released during the step (a concurrent index build): the runner must
  /// take it again and re-read the ledger before the next step.
  public var releasedLock: Bool
  /// Server notices raised by the step.
  public var notices: [String]
  /// The ledger row a record-only step inserted, so `repair undo-last` can take it back.
  public var insertedRowID: Int?

  public init(note: String? = nil, releasedLock: Bool = false, notices: [String] = [], insertedRowID: Int? = nil) {
    self.note = note
    self.releasedLock = releasedLock
    self.notices = notices
    self.insertedRowID = insertedRowID
  }
}

/// A run of migrations as it goes: a step's own time as the server measured it (for steps that
/// shared a transaction, told just before their commit), or every step up to an index committed.
public enum SequenceProgress: Equatable, Sendable {
  case ran(Int, seconds: Double)
  case committed(through: Int)

  /// The same event for a run that starts `offset` steps later.
  public func shifted(by offset: Int) -> SequenceProgress {
    switch self {
    case .ran(let index, let seconds): .ran(index + offset, seconds: seconds)
    case .committed(let index): .committed(through: index + offset)
    }
  }
}
