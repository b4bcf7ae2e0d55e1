/// The migrator's view of one schema: applied, pending and failed versions, each sorted.
public struct LedgerState: Sendable, Equatable, Codable {
  public var applied: [Int]
  public var pending: [Int]
  public var failed: [Int]

  public init(applied: [Int] = [], pending: [Int] = [], failed: [Int] = []) {
    self.applied = applied
    self.pending = pending
    self.failed = failed
  }

  /// Classifies the deciding row of each version (one entry per version).
  public init(entries: [LedgerEntry]) {
    var state = LedgerState()
    for entry in entries {
      switch entry.state {
      case .applied: state.applied.append(entry.version)
      case .pending: state.pending.append(entry.version)
      case .failed: state.failed.append(entry.version)
      case .reverted: break
      }
    }
    state.applied.sort()
    state.pending.sort()
    state.failed.sort()
    self = state
  }

  /// True when a migrator would call the schema dirty for any operation touching these versions.
  public var isDirty: Bool { !pending.isEmpty || !failed.isEmpty }
}
