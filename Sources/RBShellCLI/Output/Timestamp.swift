#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// Ledger times (seconds since 1970) as ISO 8601 UTC, the form operators paste into tickets.
enum Timestamp {
  static func iso8601(_ seconds: Double) -> String {
    Date(timeIntervalSince1970: seconds).formatted(.iso8601)
  }

  /// "42s", "11m", "3h", "12d": how long ago, for pending attempts.
  static func age(_ seconds: Double, now: Date = Date()) -> String {
    let elapsed = max(0, Int(now.timeIntervalSince1970 - seconds))
    switch elapsed {
    case ..<120: return "\(elapsed)s"
    case ..<7200: return "\(elapsed / 60)m"
    case ..<172_800: return "\(elapsed / 3600)h"
    default: return "\(elapsed / 86400)d"
    }
  }
}
