/// Writes to other tools' ledgers follow the same sequence as every write: decided before the
/// preview, decided again under the tool's own lock (nothing written if the decision changed),
/// audited before and after, verified by reading the table again.
extension WriteRunner {
  /// Reads the ledger and the catalog and decides, before the lock: what the preview shows.
  public func prepare(_ request: LedgerEditRequest) throws -> PreparedLedgerEdit {
    let evidence = try request.store.read()
    return PreparedLedgerEdit(request: request, edit: try request.decide(evidence), evidence: evidence)
  }

  /// Runs a prepared (previewed and confirmed) edit under the tool's lock.
  ///
  /// - Throws: `LedgerEditChanged` when the decision changed under the lock (nothing written),
  ///   `ToolLockBusy`, `LedgerEditInterrupted`, `DirectWriteRefusal`, `LedgerEditVerificationFailure`.
  public func execute(_ prepared: PreparedLedgerEdit) throws -> LedgerEditRecord {
    let store = prepared.request.store
    try acquire(
      tryLock: store.tryLock, holder: store.lockHolder, waiting: store.lockName,
      busy: { ToolLockBusy(lock: store.lockName, holder: $0, waited: options.lockTimeout) },
      interrupted: { LedgerEditInterrupted(signal: cancellation.signal) })
    defer { store.unlock() }
    let edit = try decideUnderLock(prepared)
    var record = LedgerEditRecord(database: store.database, edit: edit, rowsAfter: nil, outcome: "started")
    audit.record(record)
    do {
      do {
        try store.apply(edit) { events(.notice($0)) }
      } catch  where cancellation.isCancelled {
        throw LedgerEditInterrupted(signal: cancellation.signal, stopped: "\(error)")
      }
      let rows = try store.read().rows
      record.rowsAfter = rows
      guard rows == edit.after else { throw LedgerEditVerificationFailure(table: edit.table, expected: edit.after, found: rows) }
      record.outcome = "completed"
      audit.record(record)
      return record
    } catch {
      record.outcome = "failed: \(error)"
      record.rowsAfter = record.rowsAfter ?? (try? store.read().rows)
      audit.record(record)
      throw error
    }
  }

  /// The edit decided again from what the table and the catalog say now.
  private func decideUnderLock(_ prepared: PreparedLedgerEdit) throws -> LedgerEdit {
    let evidence = try prepared.request.store.read()
    let edit: LedgerEdit
    do {
      edit = try prepared.request.decide(evidence)
    } catch let refusal as ToolRepairRefusal {
      let reason = "\(refusal)".replacingOccurrences(of: "; nothing was written", with: "")
      throw LedgerEditChanged(table: prepared.edit.table, previewed: prepared.edit.operation, now: reason)
    }
    guard edit == prepared.edit else {
      throw LedgerEditChanged(
        table: edit.table, previewed: "\(prepared.edit.operation) over \(prepared.edit.before.joined(separator: "; "))",
        now: "\(edit.operation) over \(edit.before.joined(separator: "; "))")
    }
    return edit
  }
}

/// Another tool's lock was held for longer than `--lock-timeout`.
public struct ToolLockBusy: Error, CustomStringConvertible {
  public var lock: String
  public var holder: String
  public var waited: Double

  public var description: String {
    "\(lock) is held by \(holder); gave up after \(WriteRunner.seconds(waited)) (--lock-timeout); nothing was written"
  }
}

/// The decision changed between the preview and the lock (someone repaired or migrated meanwhile).
public struct LedgerEditChanged: Error, CustomStringConvertible {
  public var table: String
  public var previewed: String
  public var now: String

  public var description: String {
    "\(table) changed while rbshell waited for the lock: previewed \(previewed); now \(now); nothing was written (run it again to see the new state)"
  }
}

/// A signal asked to stop: while waiting for the lock (nothing was written), or during the
/// edit (`stopped` says what the store left).
public struct LedgerEditInterrupted: Error, CustomStringConvertible {
  public var signal: Int32
  public var stopped: String?

  public init(signal: Int32, stopped: String? = nil) {
    self.signal = signal
    self.stopped = stopped
  }

  public var description: String { stopped.map { "interrupted: \($0)" } ?? "interrupted while waiting for the lock: nothing was written" }
}

/// The table does not hold what the edit should have left.
public struct LedgerEditVerificationFailure: Error, CustomStringConvertible {
  public var table: String
  public var expected: [String]
  public var found: [String]

  public var description: String {
    "\(table) does not hold what the repair should leave: expected \(Self.words(expected)), found \(Self.words(found))"
  }

  /// A table's rows in one phrase: `version 2, dirty`, or `no row`.
  public static func words(_ rows: [String]) -> String { rows.isEmpty ? "no row" : rows.joined(separator: "; ") }
}
