import Yams

/// `metadata.yaml` of the directory layout. Unknown keys are ignored, as yaml.v2 ignores them.
struct MetadataFile: Decodable {
  var name: String?
  var parent: Int?
  var parents: [Int]?
  var createIndexConcurrently: Bool?
  var privileged: Bool?
  var nonIdempotent: Bool?

  /// Parses the YAML; an empty file means all defaults, as in the migrator.
  static func parse(_ text: String) throws -> MetadataFile {
    if text.allSatisfy(\.isWhitespace) { return MetadataFile() }
    return try YAMLDecoder().decode(MetadataFile.self, from: text)
  }

  /// `parents` plus the legacy singular `parent` when non-zero, sorted; duplicates kept.
  var allParents: [Int] {
    var list = parents ?? []
    if let parent, parent != 0 { list.append(parent) }
    return list.sorted()
  }
}
