import Migrations

/// Another session holds the migration lock.
public struct LockBusy: Error, CustomStringConvertible {
  public var schema: Schema
  public var holder: String
  public var waited: Double

  public init(schema: Schema, holder: String, waited: Double) {
    self.schema = schema
    self.holder = holder
    self.waited = waited
  }

  public var description: String {
    let base = "the \(schema) migration lock (advisory key \(schema.lockKey), 0) is held by \(holder)"
    return waited > 0 ? base + "; gave up after \(Int(waited))s (--lock-timeout); nothing was written" : base + "; nothing was written"
  }
}

/// The operator interrupted the write (Ctrl-C, SIGTERM, SIGHUP).
public struct WriteInterrupted: Error, CustomStringConvertible {
  public var schema: Schema
  /// Steps that completed before the interruption (they stay done).
  public var completed: [PlanStep]
  /// The step whose statement was cancelled, if one was running.
  public var cancelled: PlanStep?
  /// The signal that asked to stop (SIGINT 2, SIGHUP 1, SIGTERM 15).
  public var signal: Int32

  public init(schema: Schema, completed: [PlanStep], cancelled: PlanStep?, signal: Int32) {
    self.schema = schema
    self.completed = completed
    self.cancelled = cancelled
    self.signal = signal
  }

  public var description: String {
    var text = "interrupted: "
    if let cancelled {
      text += "migration \(cancelled.definition.id) (\(cancelled.direction)) was cancelled, rolled back and recorded as failed"
    } else {
      text += completed.isEmpty ? "nothing was written" : "stopped before the next step"
    }
    text += completed.isEmpty ? "" : "; completed before it: \(completed.map { String($0.definition.id) }.joined(separator: ", "))"
    return text + "; the \(schema) migration lock was released"
  }
}

/// A direct write (not a migration) whose precondition no longer held when the store checked it
/// again under the lock: nothing was written.
public struct DirectWriteRefusal: Error, Equatable, CustomStringConvertible {
  public var reason: String

  public init(_ reason: String) { self.reason = reason }

  public var description: String { "\(reason); nothing was written" }
}
