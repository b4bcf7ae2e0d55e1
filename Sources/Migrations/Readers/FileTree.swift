/// Read access to a folder of migration files, wherever it lives (the working tree, a git
/// revision, memory in tests). Paths are relative, `/`-separated.
public protocol FileTree {
  /// The entries directly inside `directory` (`""` is the tree's top); empty when it does not exist.
  func entries(in directory: String) throws -> [FileEntry]
  /// A file's text, or `nil` when there is no such file.
  func contents(of path: String) throws -> String?
  /// Whether `path` names a directory.
  func isDirectory(_ path: String) throws -> Bool
}

public struct FileEntry: Sendable, Equatable {
  public var name: String
  public var isDirectory: Bool

  public init(name: String, isDirectory: Bool) {
    self.name = name
    self.isDirectory = isDirectory
  }
}

/// A file tree held in memory: tests build layouts with it, and git revisions load into it.
public struct MemoryFileTree: FileTree, Sendable {
  public private(set) var files: [String: String]

  public init(files: [String: String] = [:]) { self.files = files }

  public mutating func write(_ path: String, _ text: String) { files[path] = text }

  public func entries(in directory: String) -> [FileEntry] {
    let prefix = directory.isEmpty ? "" : directory + "/"
    var seen: [String: Bool] = [:]
    for path in files.keys where path.hasPrefix(prefix) {
      let rest = path.dropFirst(prefix.count)
      if let slash = rest.firstIndex(of: "/") {
        seen[String(rest[..<slash])] = true
      } else {
        seen[String(rest), default: false] = seen[String(rest)] ?? false
      }
    }
    return seen.map { FileEntry(name: $0.key, isDirectory: $0.value) }.sorted { $0.name < $1.name }
  }

  public func contents(of path: String) -> String? { files[path] }

  public func isDirectory(_ path: String) -> Bool {
    path.isEmpty || files.keys.contains { $0.hasPrefix(path + "/") }
  }
}

/// Joins path components, skipping empty ones.
func joinPath(_ parts: String...) -> String {
  parts.filter { !$0.isEmpty }.joined(separator: "/")
}
