/// A fast reader for the plain `metadata.yaml` files Sourcegraph writes (`key: value` lines,
/// `parents: [1, 2]` or a `- 1` block list, comments). Anything else — anchors, multi-line
/// strings, nesting — returns nil and goes to the full YAML parser.
///
/// Why: decoding thousands of tiny files through a general YAML library dominated start-up
/// (about 0.13 ms a file); this path takes a few microseconds and gives the same result.
enum SimpleMetadata {
  static func parse(_ text: String) -> MetadataFile? {
    var metadata = MetadataFile()
    var openList = false
    for raw in text.split(separator: "\n", omittingEmptySubsequences: true) {
      guard let line = withoutComment(raw) else { return nil }
      if line.allSatisfy(\.isWhitespace) { continue }
      let trimmed = line.trimmingSpaces()
      if trimmed.hasPrefix("- ") {
        guard openList, let id = Int(trimmed.dropFirst(2).trimmingSpaces()) else { return nil }
        metadata.parents = (metadata.parents ?? []) + [id]
        continue
      }
      guard line.first?.isWhitespace == false, let colon = line.firstIndex(of: ":") else { return nil }
      let key = String(line[..<colon]).trimmingSpaces()
      let value = String(line[line.index(after: colon)...]).trimmingSpaces()
      openList = false
      guard assign(key, value, to: &metadata, openList: &openList) else { return nil }
    }
    return metadata
  }

  /// The line without its comment: YAML starts one at a `#` that opens the line or follows
  /// white space (`a#b` is a value). A quote and a `#` on one line go to Yams.
  private static func withoutComment(_ line: Substring) -> String? {
    guard line.contains("#") else { return String(line) }
    if line.contains("'") || line.contains("\"") { return nil }
    var previous: Character = " "
    for index in line.indices {
      if line[index] == "#", previous == " " || previous == "\t" { return String(line[..<index]) }
      previous = line[index]
    }
    return String(line)
  }

  private static func assign(_ key: String, _ value: String, to metadata: inout MetadataFile, openList: inout Bool) -> Bool {
    switch key {
    case "name":
      guard !value.isEmpty, let name = string(value) else { return false }
      metadata.name = name
    case "parent":
      guard let id = Int(value) else { return false }
      metadata.parent = id
    case "parents":
      if value.isEmpty {
        openList = true
        metadata.parents = []
      } else {
        guard let ids = flowList(value) else { return false }
        metadata.parents = ids
      }
    case "createIndexConcurrently", "privileged", "nonIdempotent":
      guard let flag = bool(value) else { return false }
      switch key {
      case "createIndexConcurrently": metadata.createIndexConcurrently = flag
      case "privileged": metadata.privileged = flag
      default: metadata.nonIdempotent = flag
      }
    default:
      return !value.isEmpty  // unknown keys are ignored, unless they open a nested block
    }
    return true
  }

  private static func string(_ value: String) -> String? {
    if value.count >= 2, let quote = value.first, quote == "'" || quote == "\"", value.last == quote {
      let inner = String(value.dropFirst().dropLast())
      return inner.contains(quote) || inner.contains("\\") ? nil : inner
    }
    let special: Set<Character> = ["'", "\"", "[", "{", "&", "*", "!", "|", ">", "%", "@", "`"]
    guard let first = value.first, !special.contains(first), !value.contains(": ") else { return value.isEmpty ? "" : nil }
    return value
  }

  private static func flowList(_ value: String) -> [Int]? {
    guard value.hasPrefix("["), value.hasSuffix("]") else { return nil }
    let body = value.dropFirst().dropLast().trimmingSpaces()
    if body.isEmpty { return [] }
    var ids: [Int] = []
    for item in body.split(separator: ",") {
      guard let id = Int(item.trimmingSpaces()) else { return nil }
      ids.append(id)
    }
    return ids
  }

  private static func bool(_ value: String) -> Bool? {
    switch value.lowercased() {
    case "true", "yes", "on": true
    case "false", "no", "off": false
    default: nil
    }
  }
}
