import Foundation
import Migrations

/// A folder on disk, read-only.
public struct LocalFileTree: FileTree {
  let root: URL

  public init(root: URL) { self.root = root }

  public func entries(in directory: String) throws -> [FileEntry] {
    let url = directory.isEmpty ? root : root.appending(path: directory)
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: url.path) else { return [] }
    return names.sorted().map { name in
      var isDirectory: ObjCBool = false
      _ = FileManager.default.fileExists(atPath: url.appending(path: name).path, isDirectory: &isDirectory)
      return FileEntry(name: name, isDirectory: isDirectory.boolValue)
    }
  }

  /// One read per file (no separate existence check): definitions loading reads thousands.
  public func contents(of path: String) throws -> String? {
    guard let data = FileManager.default.contents(atPath: root.appending(path: path).path) else { return nil }
    return try FileEncodingError.decode(data, path: root.appending(path: path).path)
  }

  public func isDirectory(_ path: String) throws -> Bool {
    var isDirectory: ObjCBool = false
    return FileManager.default.fileExists(atPath: root.appending(path: path).path, isDirectory: &isDirectory)
      && isDirectory.boolValue
  }
}
