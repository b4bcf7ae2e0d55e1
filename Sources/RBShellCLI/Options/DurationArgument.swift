import ArgumentParser
import Foundation

/// Durations given on the command line: finite, not negative, at most a day. PostgreSQL
/// durations (`5min`, `10s`, `250ms`, a bare number of milliseconds) are checked here so a bad
/// one is a usage error (exit 64) before anything connects.
enum DurationArgument {
  static let day: Double = 86_400

  /// Checks seconds given as a number.
  static func seconds(_ value: Double, flag: String) throws {
    guard value.isFinite, value >= 0, value <= day else {
      throw ValidationError("\(flag) must be a number of seconds from 0 to 86400 (a day), not \(value)")
    }
  }

  /// Checks a PostgreSQL duration; nil passes.
  static func check(_ text: String?, flag: String) throws {
    guard let text else { return }
    guard let seconds = postgresSeconds(text), seconds <= day else {
      throw ValidationError("\(flag) must be a duration such as 250ms, 10s, 5min or 1h, at most a day, not \"\(text)\"")
    }
  }

  /// Seconds of a PostgreSQL duration (`number[unit]`, no unit = milliseconds), or nil.
  static func postgresSeconds(_ text: String) -> Double? {
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    let number = trimmed.prefix { $0.isNumber || $0 == "." }
    let unit = trimmed.dropFirst(number.count).trimmingCharacters(in: .whitespaces).lowercased()
    guard let value = Double(number), value.isFinite else { return nil }
    let scale: [String: Double] = ["": 0.001, "us": 0.000001, "ms": 0.001, "s": 1, "min": 60, "h": 3600, "d": 86_400]
    return scale[unit].map { value * $0 }
  }
}
