#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// Sourcegraph's stitched migration graph (`stitched-migration-graph.json`): every definition
/// of every release per schema, and each release's root and leaves (`BoundsByRev`).
public struct StitchedGraph: Sendable {
  public var schemas: [String: StitchedSchema]

  public struct StitchedSchema: Sendable {
    public var definitions: [Definition]
    /// Release tag (`v3.36.0`) → bounds.
    public var bounds: [String: Bounds]
  }

  /// A release's view of a schema. `preCreation`: the schema did not exist in that release.
  public struct Bounds: Sendable, Equatable, Decodable {
    public var rootID: Int
    public var leafIDs: [Int]?
    public var preCreation: Bool

    enum CodingKeys: String, CodingKey {
      case rootID = "RootID"
      case leafIDs = "LeafIDs"
      case preCreation = "PreCreation"
    }
  }

  /// Decodes the JSON; definitions are canonicalised as the migrator does when unmarshalling.
  public static func decode(_ data: Data, location: String) throws(InvalidDefinitions) -> StitchedGraph {
    func invalid(_ why: String) -> InvalidDefinitions {
      InvalidDefinitions(schema: "", problems: [.init(.malformedGraphFile, at: location, "'\(location)' is not a stitched migration graph: \(why)")])
    }
    let raw: [String: RawSchema]
    do {
      raw = try JSONDecoder().decode([String: RawSchema].self, from: data)
    } catch let error as DecodingError {
      throw invalid(Self.describe(error))
    } catch {
      throw invalid("\(error)")
    }
    guard raw.values.contains(where: { !$0.Definitions.isEmpty }) else {
      throw invalid("it holds no schema with migrations")
    }
    return StitchedGraph(
      schemas: raw.mapValues {
        StitchedSchema(definitions: $0.Definitions.map(\.definition), bounds: $0.BoundsByRev ?? [:])
      })
  }

  /// A JSON decoding error as a sentence: what was wrong, and where (`frontend.Definitions[3].ID`).
  static func describe(_ error: DecodingError) -> String {
    func path(_ context: DecodingError.Context) -> String {
      let keys = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
      return keys.isEmpty ? "the top level" : String(keys.drop { $0 == "." })
    }
    switch error {
    case .dataCorrupted(let context):
      return context.codingPath.isEmpty ? "it is not valid JSON" : "the value at \(path(context)) is not valid"
    case .keyNotFound(let key, let context):
      return "\(path(context)) lacks the key \"\(key.stringValue)\""
    case .typeMismatch(let type, let context), .valueNotFound(let type, let context):
      return "the value at \(path(context)) is not \(type == Int.self ? "an integer" : type == String.self ? "a string" : "a \(type)")"
    @unknown default:
      return "\(error)"
    }
  }

  /// Release tags, oldest first (`v3.9.0` before `v3.10.0`).
  public func versions(of schema: Schema) -> [String] {
    (schemas[schema.rawValue]?.bounds.keys).map { Array($0).sorted(by: ReleaseVersion.isOlder) } ?? []
  }

  /// The whole graph of a schema, or only what one release had: the ancestors of its leaves.
  ///
  /// - Throws: `InvalidDefinitions` when the graph is malformed; `StitchedGraphError.unknownVersion`.
  public func graph(of schema: Schema, version: String?) throws -> MigrationGraph {
    let stitched = schemas[schema.rawValue] ?? StitchedSchema(definitions: [], bounds: [:])
    let full = try MigrationGraph(stitched.definitions, schema: schema.rawValue)
    guard let version else { return full }
    guard let bounds = stitched.bounds[ReleaseVersion.tag(version)] else {
      throw StitchedGraphError.unknownVersion(version, known: versions(of: schema))
    }
    if bounds.preCreation { return try MigrationGraph([], schema: schema.rawValue) }
    return try full.restricted(toAncestorsOf: bounds.leafIDs ?? [])
  }

  private struct RawSchema: Decodable {
    var Definitions: [RawDefinition]
    var BoundsByRev: [String: Bounds]?
  }

  private struct RawDefinition: Decodable {
    var ID: Int
    var Name: String?
    var UpQuery: String?
    var DownQuery: String?
    var Privileged: Bool?
    var NonIdempotent: Bool?
    var Parents: [Int]?
    var IsCreateIndexConcurrently: Bool?
    var IndexMetadata: RawIndex?

    struct RawIndex: Decodable {
      var TableName: String
      var IndexName: String
    }

    var definition: Definition {
      let index =
        (IsCreateIndexConcurrently ?? false)
        ? IndexMetadata.map { Migrations.IndexMetadata(tableName: $0.TableName, indexName: $0.IndexName) } : nil
      return Definition(
        id: ID, name: Name ?? "", parents: Parents ?? [], upQuery: QueryText.canonicalize(UpQuery ?? ""),
        downQuery: QueryText.canonicalize(DownQuery ?? ""), privileged: Privileged ?? false,
        nonIdempotent: NonIdempotent ?? false, concurrentIndex: index)
    }
  }
}

public enum StitchedGraphError: Error, Equatable, CustomStringConvertible {
  case unknownVersion(String, known: [String])

  public var description: String {
    switch self {
    case .unknownVersion(let version, let known):
      let range = known.isEmpty ? "none" : "\(known.first!) … \(known.last!)"
      return "unknown release \"\(version)\" in the stitched graph (known: \(range))"
    }
  }
}

/// Release tags as the stitched graph keys them: `vX.Y.0`.
public enum ReleaseVersion {
  /// `3.36`, `v3.36`, `3.36.2` → `v3.36.0` (the migrator ignores patch versions).
  public static func tag(_ text: String) -> String {
    let bare = text.hasPrefix("v") ? String(text.dropFirst()) : text
    let parts = bare.split(separator: ".")
    guard parts.count >= 2 else { return text }
    return "v\(parts[0]).\(parts[1]).0"
  }

  static func isOlder(_ a: String, _ b: String) -> Bool {
    func numbers(_ s: String) -> [Int] { s.dropFirst().split(separator: ".").map { Int($0) ?? 0 } }
    return numbers(a).lexicographicallyPrecedes(numbers(b))
  }
}
