/// The migrator's `ParseRawVersion`: the integer before the first `_` of an entry's name
/// (a leading minus sign allowed). Entries without one are not migrations and are ignored.
enum MigrationID {
  static func parse(_ name: String) -> Int? {
    let prefix = name.split(separator: "_", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
    return Int(prefix)
  }

  /// Whether the name starts with an integer too large for any id (`99999999999999999999_x`):
  /// a migration meant, never an entry to ignore.
  static func overflows(_ name: String) -> Bool {
    let prefix = name.split(separator: "_", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
    let digits = prefix.hasPrefix("-") ? prefix.dropFirst() : prefix[...]
    return !digits.isEmpty && digits.allSatisfy(\.isASCII) && digits.allSatisfy(\.isNumber) && Int(prefix) == nil
  }

  /// The range of migration_logs.version, a PostgreSQL `integer`.
  static let storable = LedgerVersion.range

  /// Why an entry's id cannot be used: another entry has it, or the ledger cannot store it.
  /// Records the entry in `seen` when it can.
  static func problem(_ id: Int, entry: String, seen: inout [Int: String], at location: String) -> DefinitionProblem? {
    if let other = seen[id] {
      return DefinitionProblem(.duplicateID, at: location, "'\(other)' and '\(entry)' both have id \(id): rename one")
    }
    guard storable.contains(id) else {
      return DefinitionProblem(
        .idOutOfRange, at: location,
        "id \(id) of '\(entry)' does not fit migration_logs.version (a PostgreSQL integer, \(storable.lowerBound) … \(storable.upperBound))")
    }
    seen[id] = entry
    return nil
  }
}
