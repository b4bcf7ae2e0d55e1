import CLibPQ

extension Connection {
  /// A statement of a pipeline failed; the statements after it were not run.
  public struct PipelineFailure: Error, Sendable {
    /// Index of the failing statement in the list given.
    public var index: Int
    public var error: PostgresError
  }

  /// Sends every statement at once in libpq's pipeline mode and reads their results: one
  /// network round trip for the lot, yet each statement runs on its own, so a failure names
  /// the statement (psql-like per-statement semantics at the cost of one round trip).
  ///
  /// After a failure the server skips the remaining statements; an open transaction is then in
  /// the aborted state and must be rolled back by the caller. `onResult` is called with each
  /// statement's index as soon as it has succeeded, in order.
  ///
  /// The whole batch is written before results are read, so callers keep batches moderate
  /// (results are small; a few megabytes of SQL is fine) to stay within socket buffers.
  public func executePipeline(_ statements: [String], onResult: (Int) -> Void = { _ in }) throws(PipelineFailure) {
    guard !statements.isEmpty else { return }
    statementsSent += statements.count
    statements.forEach { StatementLog.record($0) }
    guard PQenterPipelineMode(handle) == 1 else { throw PipelineFailure(index: 0, error: pipelineError()) }
    defer { _ = PQexitPipelineMode(handle) }
    for (index, sql) in statements.enumerated() where PQsendQueryParams(handle, sql, 0, nil, nil, nil, nil, 0) != 1 {
      throw PipelineFailure(index: index, error: pipelineError())
    }
    guard PQpipelineSync(handle) == 1 else { throw PipelineFailure(index: 0, error: pipelineError()) }
    var failure: PipelineFailure?
    for index in statements.indices {
      while let result = PQgetResult(handle) {
        defer { PQclear(result) }
        let status = PQresultStatus(result)
        if status == PGRES_FATAL_ERROR || status == PGRES_NONFATAL_ERROR, failure == nil {
          failure = PipelineFailure(index: index, error: pipelineResultError(result, statement: statements[index]))
        }
      }
      if failure == nil { onResult(index) }
      if !isAlive { break }
    }
    while let result = PQgetResult(handle) { PQclear(result) }  // the sync marker
    if let failure { throw failure }
    if !isAlive { throw PipelineFailure(index: statements.count - 1, error: pipelineError()) }
  }

  private func pipelineError() -> PostgresError {
    PostgresError(kind: isAlive ? .client : .connectionLost, message: Self.trimmed(String(cString: PQerrorMessage(handle))))
  }
}
