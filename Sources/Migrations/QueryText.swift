import ASCIIText

/// The migrator's textual rules about migration SQL: canonicalisation, and the regular
/// expressions that detect concurrent index creation and extension changes.
///
/// These rules are deliberately as literal as the migrator's (case-sensitive, unquoted names):
/// rbshell must accept and reject exactly what the migrator does.
public enum QueryText {
  /// Drops historic YAML front matter (everything through the second `-- +++` line), trims,
  /// and removes one outer literal `BEGIN;` prefix and `COMMIT;` suffix.
  public static func canonicalize(_ query: String) -> String {
    var text = query
    if text.containsASCII("-- +++") {
      let parts = text.split(separator: "-- +++\n", maxSplits: 2, omittingEmptySubsequences: false)
      if parts.count == 3 { text = String(parts[2]) }
    }
    text = text.trimmingSpaces()
    if text.hasPrefix("BEGIN;") { text = String(text.dropFirst("BEGIN;".count)) }
    if text.hasSuffix("COMMIT;") { text = String(text.dropLast("COMMIT;".count)) }
    return text.trimmingSpaces()
  }

  nonisolated(unsafe) private static let createIndexConcurrently =
    #/CREATE\s+(?:UNIQUE\s+)?INDEX\s+CONCURRENTLY\s+(?:IF\s+NOT\s+EXISTS\s+)?([A-Za-z0-9_]+)\s+ON\s+([A-Za-z0-9_]+)/#
  nonisolated(unsafe) private static let extensionChange = #/(CREATE|COMMENT ON|DROP)\s+EXTENSION/#

  /// The index and table of the first `CREATE [UNIQUE] INDEX CONCURRENTLY` in the text.
  public static func concurrentIndex(in query: String) -> IndexMetadata? {
    // The regex needs this literal word; checking it first skips the (slow) regex for almost every migration.
    guard query.containsASCII("CONCURRENTLY"), let match = query.firstMatch(of: createIndexConcurrently) else { return nil }
    return IndexMetadata(tableName: String(match.output.2), indexName: String(match.output.1))
  }

  /// The first concurrent index statement through its `;`, as the migrator's pattern
  /// (`createIndexConcurrently` then `[^;]+;`) finds it, in linear time: that pattern's `[^;]+;`
  /// backtracked over the rest of the text at every candidate (400 kB without a `;`: minutes).
  static func concurrentIndexStatement(in text: String) -> Range<String.Index>? {
    guard text.containsASCII("CONCURRENTLY"), let match = text.firstMatch(of: createIndexConcurrently) else { return nil }
    guard let semicolon = text[match.range.upperBound...].firstIndex(of: ";") else { return nil }
    return match.range.lowerBound..<text.index(after: semicolon)
  }

  /// What remains after removing the first concurrent index statement and every `--` comment.
  public static func withoutConcurrentIndexCreation(_ query: String) -> String {
    var text = query
    if let statement = concurrentIndexStatement(in: text) { text.removeSubrange(statement) }
    let kept = text.split(separator: "\n", omittingEmptySubsequences: false).compactMap { line -> String? in
      let code = line.split(separator: "--", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
      let trimmed = String(code).trimmingSpaces()
      return trimmed.isEmpty ? nil : trimmed
    }
    return kept.joined(separator: "\n").trimmingSpaces()
  }

  /// Whether the text creates, comments on or drops an extension (needs a superuser).
  public static func changesExtensions(_ query: String) -> Bool {
    query.containsASCII("EXTENSION") && query.firstMatch(of: extensionChange) != nil
  }
}
