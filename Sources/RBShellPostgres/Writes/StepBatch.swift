import Migrations
import PostgresClient
import RBShellCore

/// Consecutive transactional migrations sent as one pipeline: each keeps its own transaction
/// (`BEGIN … its SQL … its ledger row … COMMIT`), yet
/// the whole batch costs one round trip. If a statement fails, the server skips everything after
/// it up to the end of the batch, so no later migration runs.
struct StepBatch {
  let steps: [PlanStep]
  let ledger: LedgerWriter
  let noopPrivileged: Bool

  /// Batches stay below these so the pipeline fits comfortably in the socket buffers.
  static let maxSteps = 100
  static let maxBytes = 1 << 20

  /// Where each step's statements sit in the pipeline.
  struct Layout {
    var statements: [String] = []
    /// Per step: index of its first SQL statement, its SQL statements, and the index that ends it.
    var spans: [(first: Int, sql: [SQLStatement], end: Int)] = []
  }

  func layout() -> Layout {
    var layout = Layout()
    for step in steps {
      let sql = noopPrivileged && step.definition.privileged ? [] : SQLSplitter.split(step.sql)
      layout.statements.append("BEGIN")
      let first = layout.statements.count
      layout.statements += sql.map(\.text)
      layout.statements.append(ledger.finishedRowSQL(version: step.definition.id, up: step.up))
      layout.statements.append("COMMIT")
      layout.spans.append((first, sql, layout.statements.count - 1))
    }
    return layout
  }

  /// Splits a plan's steps into batches: runs of transactional steps; each non-transactional or
  /// tolerant step alone.
  static func group(_ steps: [PlanStep]) -> [[PlanStep]] {
    var groups: [[PlanStep]] = []
    var current: [PlanStep] = []
    var bytes = 0
    for step in steps {
      if !step.isTransactional || step.toleratesMissingObjects {
        if !current.isEmpty { groups.append(current) }
        groups.append([step])
        current = []
        bytes = 0
        continue
      }
      if current.count >= maxSteps || bytes + step.sql.utf8.count > maxBytes, !current.isEmpty {
        groups.append(current)
        current = []
        bytes = 0
      }
      current.append(step)
      bytes += step.sql.utf8.count
    }
    if !current.isEmpty { groups.append(current) }
    return groups
  }
}
