import Migrations
import PostgresClient
import RBShellCore

/// `--single-transaction`: the whole plan as one script inside the plan's transaction — every
/// migration's statements in order, then one INSERT with all the ledger rows — all or nothing,
/// like `psql -1`, in a single round trip. The server returns one result per statement, so the
/// failing statement (and its migration) is known from how many completed.
struct SingleTransactionScript {
  let steps: [PlanStep]
  let ledger: LedgerWriter
  let noopPrivileged: Bool
  let strings: SQLLexer.StringRule

  struct Layout {
    var script = ""
    /// Per step: its statements, and the number of statements completed when it is done.
    var spans: [(sql: [SQLStatement], doneAt: Int, offset: Int)] = []
    var statementOffsets: [Int] = []
  }

  func layout() -> Layout {
    var layout = Layout()
    var count = 0
    for step in steps {
      let sql = noopPrivileged && step.definition.privileged ? [] : SQLSplitter.split(step.sql, strings: strings)
      let stepStart = layout.script.utf8.count
      for statement in sql {
        layout.statementOffsets.append(layout.script.utf8.count)
        layout.script += statement.text + "\n;\n"
      }
      count += sql.count
      layout.spans.append((sql, count, stepStart))
    }
    layout.script += ledger.finishedRowsSQL(steps.map { ($0.definition.id, $0.up) }) + ";\n"
    return layout
  }

  /// The step and statement a failure belongs to: by completed count, or, for a parse error
  /// (nothing completed), by the error's character position in the script.
  func locate(_ failure: Connection.ScriptFailure, in layout: Layout) -> (step: Int, statement: SQLStatement?)? {
    var index = failure.completed
    if index == 0, let position = failure.error.position {
      let byte = layout.script.prefix(position - 1).utf8.count
      index = layout.statementOffsets.lastIndex(where: { $0 <= byte }) ?? 0
    }
    var first = 0
    for (step, span) in layout.spans.enumerated() {
      if index < span.doneAt { return (step, span.sql[index - first]) }
      first = span.doneAt
    }
    return nil  // the ledger INSERT itself
  }
}
