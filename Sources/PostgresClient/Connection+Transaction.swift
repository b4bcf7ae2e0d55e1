extension Connection {
  /// Runs `body` inside `BEGIN … COMMIT`; any error thrown by `body` or by `COMMIT` rolls back.
  @discardableResult
  ///
  /// A rollback that itself fails (the connection is gone) is not reported over the original error.
  public func transaction<T>(_ body: (Connection) throws -> T) throws -> T {
    try run("BEGIN")
    do {
      let value = try body(self)
      try run("COMMIT")
      return value
    } catch {
      if isAlive { try? run("ROLLBACK") }
      throw error
    }
  }
}
