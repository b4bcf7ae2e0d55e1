import Yams

/// `metadata.yaml` of the directory layout. Unknown keys are ignored, as yaml.v2 ignores them.
struct MetadataFile: Decodable, Equatable {
  var name: String?
  var parent: Int?
  var parents: [Int]?
  var createIndexConcurrently: Bool?
  var privileged: Bool?
  var nonIdempotent: Bool?

  init(name: String? = nil, parent: Int? = nil, parents: [Int]? = nil) {
    self.name = name
    self.parent = parent
    self.parents = parents
  }

  /// Parses the YAML; an empty file means all defaults, as in the migrator. Plain files take
  /// the fast path; anything unusual goes through Yams.
  static func parse(_ text: String) throws -> MetadataFile {
    if text.allSatisfy({ $0 == " " || $0 == "\n" }) { return MetadataFile() }
    if let simple = SimpleMetadata.parse(text) { return simple }
    do {
      return try YAMLDecoder().decode(MetadataFile.self, from: text)
    } catch {
      // yaml.v2 reads an empty or null document (only comments, `~`, `null`) as all defaults.
      if try isNullDocument(text) { return MetadataFile() }
      throw error
    }
  }

  /// An empty document, or one that is only `~`/`null`. Composed, not loaded: `Yams.load`
  /// traps on a mapping whose key is itself a collection.
  static func isNullDocument(_ text: String) throws -> Bool {
    guard let node = try Yams.compose(yaml: text) else { return true }
    return node.null != nil
  }

  /// The full parser alone, for tests that compare both paths.
  static func parseWithYams(_ text: String) throws -> MetadataFile {
    try YAMLDecoder().decode(MetadataFile.self, from: text)
  }

  /// `parents` plus the legacy singular `parent` when non-zero, sorted; duplicates kept.
  var allParents: [Int] {
    var list = parents ?? []
    if let parent, parent != 0 { list.append(parent) }
    return list.sorted()
  }
}
