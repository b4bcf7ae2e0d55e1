/// The row of `migration_logs` that decides one version's state: the migrator keeps the latest
/// real attempt (backfilled rows lose to real ones), after dropping finished failed reverts.
public struct LedgerEntry: Sendable, Equatable, Codable {
  public var version: Int
  public var up: Bool
  /// `nil` while the attempt is unfinished (or its process died).
  public var success: Bool?
  /// Seconds since 1970, UTC.
  public var startedAt: Double
  public var finishedAt: Double?
  public var errorMessage: String?
  public var backfilled: Bool

  public init(
    version: Int, up: Bool, success: Bool?, startedAt: Double, finishedAt: Double? = nil,
    errorMessage: String? = nil, backfilled: Bool = false
  ) {
    self.version = version
    self.up = up
    self.success = success
    self.startedAt = startedAt
    self.finishedAt = finishedAt
    self.errorMessage = errorMessage
    self.backfilled = backfilled
  }

  /// What this row means for its version, as the migrator's `Versions()` classifies it.
  public var state: VersionState {
    switch success {
    case nil: .pending
    case false?: .failed
    case true?: up ? .applied : .reverted
    }
  }
}

/// A version's state in the migrator's model.
public enum VersionState: String, Sendable, Codable {
  /// Latest attempt succeeded going up.
  case applied
  /// Latest attempt succeeded going down: the version appears in no list.
  case reverted
  /// Started and never finished: running now, or its process died (possibly after committing).
  case pending
  /// Finished with an error.
  case failed
}

/// What `migration_logs.version` can hold: a PostgreSQL `integer`.
public enum LedgerVersion {
  public static let range = Int(Int32.min)...Int(Int32.max)
}
