import Migrations

/// What happened while a write ran, reported as it happens (the CLI prints progress lines).
public enum RunnerEvent {
  case waiting(String)
  case createdLedger(Schema)
  case stepStarted(index: Int, of: Int, PlanStep)
  case stepFinished(index: Int, PlanStep, seconds: Double, note: String?)
  /// A step another session completed while the lock was released: not run again.
  case skipped(PlanStep, reason: String)
  case notice(String)
}

/// What the audit log keeps of one write: written as "started" before the first change and
/// again with the outcome after.
public struct AuditRecord: Sendable, Equatable {
  public var database: DatabaseLabel
  public var schema: Schema
  public var operation: String
  public var steps: [PlanStep]
  public var warnings: [String]
  public var before: LedgerState
  public var after: LedgerState?
  /// The deciding ledger rows of the plan's migrations before and after.
  public var rowsBefore: [LedgerEntry]
  public var rowsAfter: [LedgerEntry]
  /// Ledger rows record-only steps inserted (what `repair undo-last` may take back).
  public var insertedRowIDs: [Int] = []
  /// `started`, `completed`, `failed: …`, `interrupted: …`, `refused: …`.
  public var outcome: String

  public init(
    database: DatabaseLabel, schema: Schema, operation: String, steps: [PlanStep], warnings: [String], before: LedgerState,
    rowsBefore: [LedgerEntry]
  ) {
    self.database = database
    self.schema = schema
    self.operation = operation
    self.steps = steps
    self.warnings = warnings
    self.before = before
    self.after = nil
    self.rowsBefore = rowsBefore
    self.rowsAfter = []
    self.outcome = "started"
  }
}

/// Receives audit records; the CLI appends them to the audit log.
public protocol AuditSink {
  func record(_ record: AuditRecord)
  func record(_ record: LedgerEditRecord)
}

/// A write that ran to its end.
public struct WriteOutcome: Sendable {
  public var plan: WritePlan
  public var before: LedgerState
  public var after: LedgerState
  /// Steps another session completed meanwhile (not run by rbshell).
  public var skipped: [PlanStep]
  public var audit: AuditRecord
}
