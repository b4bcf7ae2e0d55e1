import PostgresClient
import RBShellCore
import RBShellPostgres

/// Prints a rehearsal step by step; exit 1 when a step would fail.
enum RehearsalReport {
  static func run(_ plans: [(WritePlan, Connection)], lockTimeout: String) throws {
    var failed = false
    for (plan, connection) in plans {
      print("Rehearsal of \(plan.schema) (one transaction, rolled back; table locks wait at most \(lockTimeout)):")
      for (index, (step, outcome)) in try Rehearsal(connection: connection, lockTimeout: lockTimeout).run(plan).enumerated() {
        print("  \(index + 1). \(step.direction) \(step.definition.id) \(step.definition.name): " + describe(outcome))
        if case .failed = outcome { failed = true }
      }
    }
    print("Nothing was committed.")
    if failed { throw ExitStatus.failed.exitCode }
  }

  static func describe(_ outcome: Rehearsal.Outcome) -> String {
    switch outcome {
    case .ok(let seconds): return "ok (\(Progress.formatted(seconds)))"
    case .notRehearsed(let reason): return "not rehearsed (\(reason))"
    case .notReached: return "not reached"
    case .failed(let error, let line, let blockers):
      var text = "ERROR"
      if let state = error.sqlState { text += " \(state)" }
      text += ": \(error.message)"
      if let line { text += " (line \(line))" }
      if let object = error.object { text += " [\(object)]" }
      if !blockers.isEmpty { text += "; blocked by pid \(blockers.map(String.init).joined(separator: ", "))" }
      return text
    }
  }
}
