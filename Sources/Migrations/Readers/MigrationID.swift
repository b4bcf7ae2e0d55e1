/// The migrator's `ParseRawVersion`: the integer before the first `_` of an entry's name
/// (a leading minus sign allowed). Entries without one are not migrations and are ignored.
enum MigrationID {
  static func parse(_ name: String) -> Int? {
    let prefix = name.split(separator: "_", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
    return Int(prefix)
  }
}
