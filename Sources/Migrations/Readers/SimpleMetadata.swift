import ASCIIText

/// A fast reader for the plain `metadata.yaml` files Sourcegraph writes (`key: value` lines,
/// `parents: [1, 2]` or a `- 1` block list, comments). Anything else — anchors, multi-line
/// strings, nesting — returns nil and goes to the full YAML parser.
///
/// Why: decoding thousands of tiny files through a general YAML library dominated start-up
/// (about 0.13 ms a file); this path takes a few microseconds and gives the same result.
enum SimpleMetadata {
  static func parse(_ text: String) -> MetadataFile? {
    guard !text.unicodeScalars.contains(where: isUnusual) else { return nil }
    var metadata = MetadataFile()
    var openList = false
    var keys: Set<String> = []
    var listIndent: Int?
    for raw in text.split(separator: "\n", omittingEmptySubsequences: true) {
      guard let line = withoutComment(raw) else { return nil }
      if line.allSatisfy(\.isWhitespace) { continue }
      let trimmed = line.trimmingSpaces()
      if trimmed.hasPrefix("- ") {
        // Items are indented by spaces, all alike (YAML rejects a tab or a ragged list).
        let indent = line.prefix { $0 == " " }.count
        guard line.dropFirst(indent).hasPrefix("- "), indent == (listIndent ?? indent) else { return nil }
        listIndent = indent
        guard openList, let id = integer(trimmed.dropFirst(2).trimmingSpaces()) else { return nil }
        metadata.parents = (metadata.parents ?? []) + [id]
        continue
      }
      guard line.first?.isWhitespace == false, let colon = line.firstIndex(of: ":") else { return nil }
      // YAML's mapping colon is followed by white space or the line's end (`a::b` is a key).
      let afterColon = line.index(after: colon)
      guard afterColon == line.endIndex || line[afterColon] == " " || line[afterColon] == "\t" else { return nil }
      let key = String(line[..<colon]).trimmingSpaces()
      guard !key.isEmpty, key.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }) else { return nil }
      guard keys.insert(key).inserted else { return nil }  // a repeated key: Yams decides
      let value = String(line[line.index(after: colon)...]).trimmingSpaces()
      openList = false
      guard assign(key, value, to: &metadata, openList: &openList) else { return nil }
    }
    return metadata
  }

  /// The line without its comment: YAML starts one at a `#` that opens the line or follows
  /// white space (`a#b` is a value). A quote and a `#` on one line go to Yams.
  private static func withoutComment(_ line: Substring) -> String? {
    guard line.utf8.contains(UInt8(ascii: "#")) else { return String(line) }
    if line.utf8.contains(UInt8(ascii: "'")) || line.utf8.contains(UInt8(ascii: "\"")) { return nil }
    var previous: Character = " "
    for index in line.indices {
      if line[index] == "#", previous == " " || previous == "\t" { return String(line[..<index]) }
      previous = line[index]
    }
    return String(line)
  }

  /// Characters YAML forbids or reads in its own way (control characters, tabs, `\r` line
  /// breaks, a byte-order mark): Yams decides about files holding one.
  private static func isUnusual(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x0A: false
    case 0x00...0x1F, 0x7F...0x9F, 0xFEFF, 0xFFFE, 0xFFFF: true
    default: false
    }
  }

  private static func assign(_ key: String, _ value: String, to metadata: inout MetadataFile, openList: inout Bool) -> Bool {
    switch key {
    case "name":
      guard !value.isEmpty, let name = string(value) else { return false }
      metadata.name = name
    case "parent":
      guard let id = integer(value) else { return false }
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
      // Unknown keys are ignored when their value is a plain scalar; a nested block, a flow
      // collection or anything else YAML might reject goes to Yams.
      return !value.isEmpty && string(value) != nil
    }
    return true
  }

  private static func string(_ value: String) -> String? {
    if value.count >= 2, let quote = value.first, quote == "'" || quote == "\"", value.last == quote {
      let inner = String(value.dropFirst().dropLast())
      return inner.contains(quote) || inner.utf8.contains(UInt8(ascii: "\\")) ? nil : inner
    }
    // YAML's indicators cannot start a plain scalar (`-`, `?`, `:` only before a safe
    // character, which Yams is left to judge), and `: ` or a final `:` would open a mapping.
    let indicators: Set<Character> = ["-", "?", ":", ",", "[", "]", "{", "}", "#", "&", "*", "!", "|", ">", "'", "\"", "%", "@", "`"]
    guard let first = value.first, !indicators.contains(first), !value.containsASCII(": "), !value.hasSuffix(":") else {
      return value.isEmpty ? "" : nil
    }
    if ["~", "null", "Null", "NULL"].contains(value) { return nil }  // YAML's null, not a name
    return value
  }

  private static func flowList(_ value: String) -> [Int]? {
    guard value.hasPrefix("["), value.hasSuffix("]") else { return nil }
    let body = value.dropFirst().dropLast().trimmingSpaces()
    if body.isEmpty { return [] }
    var ids: [Int] = []
    for item in body.split(separator: ",", omittingEmptySubsequences: false) {
      guard let id = integer(item.trimmingSpaces()) else { return nil }
      ids.append(id)
    }
    return ids
  }

  /// A decimal integer written the one way every YAML version reads alike (no sign but `-`, no
  /// leading zero, no `_`, no `0x`); anything else is Yams's to read.
  private static func integer(_ text: String) -> Int? {
    let digits = text.hasPrefix("-") ? text.dropFirst() : Substring(text)
    guard let first = digits.first, first != "0" || digits.count == 1, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
    return Int(text)
  }

  private static func bool(_ value: String) -> Bool? {
    switch value.lowercased() {
    case "true", "yes", "on": true
    case "false", "no", "off": false
    default: nil
    }
  }
}
