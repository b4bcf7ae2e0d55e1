import Foundation
import Migrations

/// Where definitions come from for a command: a migrations folder or a stitched graph file,
/// in the working tree or at a git revision, optionally narrowed to one release.
public struct DefinitionCatalog {
  /// How the source is named in output (`commit "v3.36.0"`, `release "v3.36.0"`, a path).
  public let label: String
  private let source: Source

  private enum Source {
    case folder(DefinitionLoader)
    case stitched(StitchedGraph, version: String?)
  }

  /// Opens `path` (relative paths against the current directory).
  ///
  /// - Throws: `DefinitionSourceError` (not found, unknown revision), `InvalidDefinitions` for a
  ///   malformed graph file, `CatalogUsageError` when `--version` is given for a folder.
  public static func open(path: String, revision: String?, version: String?) throws -> DefinitionCatalog {
    let url = URL(fileURLWithPath: path)
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
      throw DefinitionSourceError.notFound(path)
    }
    let shown = revision.map { "\(path)@\($0)" } ?? path
    if !isDirectory.boolValue {
      let data: Data
      if let revision {
        let tree = try GitFileTree.load(path: url, revision: revision)
        data = Data((try tree.contents(of: url.lastPathComponent) ?? "").utf8)
      } else {
        data = try Data(contentsOf: url)
      }
      let graph = try StitchedGraph.decode(data, location: shown)
      return DefinitionCatalog(label: label(revision: revision, version: version, path: path), source: .stitched(graph, version: version))
    }
    if version != nil { throw CatalogUsageError.versionNeedsStitchedGraph(path) }
    let tree: any FileTree = try revision.map { try GitFileTree.load(path: url, revision: $0) } ?? LocalFileTree(root: url)
    let loader = DefinitionLoader(tree: tree, path: "", displayPath: path)
    return DefinitionCatalog(label: label(revision: revision, version: nil, path: path), source: .folder(loader))
  }

  private static func label(revision: String?, version: String?, path: String) -> String {
    if let revision { return "commit \"\(revision)\"" + (version.map { ", release \"\($0)\"" } ?? "") }
    if let version { return "release \"\(ReleaseVersion.tag(version))\"" }
    return "\"\(path)\""
  }

  /// The schemas this source has definitions for (a single schema folder: the one `hint` names).
  public func schemasPresent(hint: Schema?) throws -> [Schema] {
    switch source {
    case .folder(let loader): try loader.schemasPresent(hint: hint)
    case .stitched(let graph, _): Schema.allCases.filter { graph.schemas[$0.rawValue] != nil }
    }
  }

  /// One schema's validated graph.
  public func graph(for schema: Schema, hint: Schema? = nil) throws -> MigrationGraph {
    switch source {
    case .folder(let loader): try loader.graph(for: schema, hint: hint)
    case .stitched(let graph, let version): try graph.graph(of: schema, version: version)
    }
  }

  /// Release tags of a stitched graph (empty for folders), for completion and messages.
  public func releases(of schema: Schema) -> [String] {
    if case .stitched(let graph, _) = source { return graph.versions(of: schema) }
    return []
  }
}

public enum CatalogUsageError: Error, Equatable, CustomStringConvertible {
  case versionNeedsStitchedGraph(String)

  public var description: String {
    switch self {
    case .versionNeedsStitchedGraph(let path):
      "--version picks a release from a stitched graph file, but '\(path)' is a folder: use --rev for a git revision"
    }
  }
}
