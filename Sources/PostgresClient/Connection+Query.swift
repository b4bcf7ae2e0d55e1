import CLibPQ

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension Connection {
  /// Runs one statement with `$1…$n` parameters (text format; `nil` is SQL NULL).
  ///
  /// Values never become SQL text, so they need no quoting.
  @discardableResult
  public func query(_ sql: String, _ parameters: [String?] = []) throws(PostgresError) -> QueryResult {
    countStatement()
    StatementLog.record(sql, parameters)
    let cParameters: [UnsafeMutablePointer<CChar>?] = parameters.map { $0.flatMap { strdup($0) } }
    defer { cParameters.forEach { free($0) } }
    let pointers: [UnsafePointer<CChar>?] = cParameters.map { $0.map { UnsafePointer($0) } }
    let result = PQexecParams(handle, sql, Int32(parameters.count), nil, pointers, nil, nil, 0)
    do {
      return try consume(result, statement: sql)
    } catch {
      // A COPY leaves results behind once it is ended; the connection must be ready again.
      while let rest = PQgetResult(handle) { PQclear(rest) }
      throw error
    }
  }

  /// Runs one or more statements with the simple protocol, as psql runs a migration file.
  ///
  /// Returns one result per statement. Without an explicit `BEGIN`, the server runs a
  /// multi-statement string as one implicit transaction: an error rolls all of it back.
  @discardableResult
  public func execute(_ script: String) throws(PostgresError) -> [QueryResult] {
    countStatement()
    StatementLog.record(script)
    guard PQsendQuery(handle, script) == 1 else { throw clientError(statement: script) }
    var results: [QueryResult] = []
    var firstError: PostgresError?
    while let result = PQgetResult(handle) {
      do throws(PostgresError) {
        results.append(try consume(result, statement: script))
      } catch {
        firstError = firstError ?? error
      }
    }
    if let firstError { throw firstError }
    if !isAlive { throw lostError(statement: script) }
    return results
  }

  /// A multi-statement script failed after `completed` of its statements had succeeded.
  public struct ScriptFailure: Error, Sendable {
    public var completed: Int
    public var error: PostgresError
  }

  /// Runs a multi-statement script (simple protocol), calling `onStatement` with the number of
  /// statements completed so far and the result (its command tag: `BEGIN`, `INSERT 0 1` …) as
  /// each finishes; on failure, says how many had completed.
  ///
  /// The server parses the whole script before running any of it, so a syntax error anywhere
  /// fails it with `completed` 0 and a `position` in the script.
  public func executeScript(_ script: String, onStatement: (Int, QueryResult) -> Void = { _, _ in }) throws(ScriptFailure) {
    countStatement()
    StatementLog.recordScript(script)
    guard PQsendQuery(handle, script) == 1 else { throw ScriptFailure(completed: 0, error: clientError(statement: script)) }
    var completed = 0
    var failure: PostgresError?
    while let result = PQgetResult(handle) {
      do throws(PostgresError) {
        let done = try consume(result, statement: script)
        if failure == nil {
          completed += 1
          onStatement(completed, done)
        }
      } catch {
        failure = failure ?? error
      }
    }
    if let failure { throw ScriptFailure(completed: completed, error: failure) }
    if !isAlive { throw ScriptFailure(completed: completed, error: lostError(statement: script)) }
  }

  /// Runs a statement whose result does not matter.
  public func run(_ sql: String) throws(PostgresError) {
    _ = try query(sql)
  }

  /// Converts and frees a libpq result.
  private func consume(_ result: OpaquePointer?, statement: String) throws(PostgresError) -> QueryResult {
    guard let result else {
      throw isAlive ? clientError(statement: statement) : lostError(statement: statement)
    }
    defer { PQclear(result) }
    switch PQresultStatus(result) {
    case PGRES_TUPLES_OK, PGRES_COMMAND_OK, PGRES_EMPTY_QUERY, PGRES_SINGLE_TUPLE:
      return Self.copy(result)
    case PGRES_COPY_IN, PGRES_COPY_OUT, PGRES_COPY_BOTH:
      endCopy(PQresultStatus(result))
      throw PostgresError(
        kind: .client,
        message: "COPY FROM STDIN / TO STDOUT is not supported: rbshell exchanges no COPY data with the server (use INSERT, or COPY with a server-side file)",
        statement: statement)
    default:
      throw serverError(result, statement: statement)
    }
  }

  /// Leaves COPY mode at once: libpq would otherwise hand back a COPY result for every
  /// `PQgetResult` forever (a spin that ignored Ctrl-C). COPY FROM STDIN is ended with an error,
  /// so the server rolls it back; COPY TO STDOUT's rows are read and dropped.
  private func endCopy(_ status: ExecStatusType) {
    if status == PGRES_COPY_OUT {
      var buffer: UnsafeMutablePointer<CChar>?
      while PQgetCopyData(handle, &buffer, 0) > 0 { PQfreemem(buffer) }
    } else {
      _ = PQputCopyEnd(handle, "rbshell sends no COPY data")
    }
  }

  private static func copy(_ result: OpaquePointer) -> QueryResult {
    let columnCount = PQnfields(result)
    let rowCount = PQntuples(result)
    let columns = (0..<columnCount).map { String(cString: PQfname(result, $0)) }
    var rows: [[String?]] = []
    rows.reserveCapacity(Int(rowCount))
    for r in 0..<rowCount {
      rows.append(
        (0..<columnCount).map { c in
          PQgetisnull(result, r, c) == 1 ? nil : String(cString: PQgetvalue(result, r, c))
        })
    }
    return QueryResult(columns: columns, rows: rows, commandTag: String(cString: PQcmdStatus(result)))
  }

  private func serverError(_ result: OpaquePointer, statement: String) -> PostgresError {
    func field(_ code: Int32) -> String? {
      PQresultErrorField(result, code).map { String(cString: $0) }
    }
    let primary = field(CLIBPQ_DIAG_MESSAGE_PRIMARY)
    guard primary != nil || isAlive else { return lostError(statement: statement) }
    // FATAL and PANIC end the session (pg_terminate_backend, shutdown), even if libpq has not
    // noticed the closed socket yet.
    let severity = field(CLIBPQ_DIAG_SEVERITY)
    let fatal = severity == "FATAL" || severity == "PANIC"
    let object = [CLIBPQ_DIAG_SCHEMA_NAME, CLIBPQ_DIAG_TABLE_NAME, CLIBPQ_DIAG_COLUMN_NAME].compactMap(field).joined(separator: ".")
    var error = PostgresError(
      kind: isAlive && !fatal ? .server : .connectionLost,
      message: primary ?? Self.trimmed(String(cString: PQresultErrorMessage(result))),
      severity: severity,
      sqlState: field(CLIBPQ_DIAG_SQLSTATE).map(SQLState.init(rawValue:)),
      detail: field(CLIBPQ_DIAG_MESSAGE_DETAIL),
      hint: field(CLIBPQ_DIAG_MESSAGE_HINT),
      position: field(CLIBPQ_DIAG_STATEMENT_POSITION).flatMap { Int($0) },
      statement: statement)
    let constraint = field(CLIBPQ_DIAG_CONSTRAINT_NAME).map { "constraint \($0)" }
    error.object = [object.isEmpty ? nil : object, constraint].compactMap { $0 }.joined(separator: ", ").nilIfEmpty
    return error
  }

  private func clientError(statement: String) -> PostgresError {
    PostgresError(
      kind: isAlive ? .client : .connectionLost,
      message: Self.trimmed(String(cString: PQerrorMessage(handle))), statement: statement)
  }

  private func lostError(statement: String) -> PostgresError {
    let text = Self.trimmed(String(cString: PQerrorMessage(handle)))
    return PostgresError(
      kind: .connectionLost,
      message: "connection to \(endpoint) was lost" + (text.isEmpty ? "" : ": \(text)"),
      statement: statement)
  }
}

extension String {
  var nilIfEmpty: String? { isEmpty ? nil : self }
}
