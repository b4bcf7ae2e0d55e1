import Foundation
import Migrations

/// The files below a folder of a git work tree as they were at a revision, read through the
/// `git` executable (`ls-tree`, then one `cat-file --batch` for all blobs) without a checkout.
public enum GitFileTree {
  /// Loads every file under `path` (a folder or a file inside a work tree) at `revision`.
  ///
  /// - Returns: the files keyed by their path relative to `path` (a file's own name when `path` is a file).
  /// - Throws: `DefinitionSourceError.unknownRevision` when git does not know the revision;
  ///   `.notFound` when `path` is not inside a git work tree or did not exist at the revision.
  public static func load(path: URL, revision: String) throws -> MemoryFileTree {
    let isFile = !((try? path.resourceValues(forKeys: [.isDirectoryKey]).isDirectory) ?? false)
    let directory = isFile ? path.deletingLastPathComponent() : path
    let top = try git(["-C", directory.path, "rev-parse", "--show-toplevel"], or: .notFound(path.path))
    let prefix = try git(["-C", directory.path, "rev-parse", "--show-prefix"], or: .notFound(path.path))
    let inRepo = prefix + (isFile ? path.lastPathComponent : "")
    _ = try git(
      ["-C", top, "rev-parse", "--verify", "--quiet", "\(revision)^{commit}"],
      or: .unknownRevision(revision, "not a commit, tag or branch of \(top)"))
    let listing = try Subprocess.run("git", ["-C", top, "ls-tree", "-r", "-z", "--full-tree", revision, "--", inRepo])
    let blobs = parseListing(listing.stdout).filter { isFile || $0.path.hasPrefix(prefix) }
    guard !blobs.isEmpty else { throw DefinitionSourceError.notFound("\(path.path) at \(revision)") }
    let contents = try catFile(top: top, objects: blobs.map(\.object))
    var tree = MemoryFileTree()
    for (blob, bytes) in zip(blobs, contents) {
      tree.write(isFile ? path.lastPathComponent : String(blob.path.dropFirst(prefix.count)), bytes: bytes)
    }
    return tree
  }

  private static func git(_ arguments: [String], or error: DefinitionSourceError) throws -> String {
    let result = try Subprocess.run("git", arguments)
    guard result.status == 0 else { throw error }
    return String(decoding: result.stdout, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
  }

  /// `<mode> <type> <object>\t<path>\0` records; blobs only.
  static func parseListing(_ data: Data) -> [(object: String, path: String)] {
    data.split(separator: 0).compactMap { record in
      let line = String(decoding: record, as: UTF8.self)
      guard let tab = line.firstIndex(of: "\t") else { return nil }
      let fields = line[..<tab].split(separator: " ")
      guard fields.count == 3, fields[1] == "blob" else { return nil }
      return (String(fields[2]), String(line[line.index(after: tab)...]))
    }
  }

  /// Reads many blobs in one process: `<object> blob <size>\n<bytes>\n` per request.
  static func catFile(top: String, objects: [String]) throws -> [Data] {
    let input = Data((objects.joined(separator: "\n") + "\n").utf8)
    let output = try Subprocess.run("git", ["-C", top, "cat-file", "--batch"], input: input).stdout
    var texts: [Data] = []
    var cursor = output.startIndex
    while cursor < output.endIndex, let newline = output[cursor...].firstIndex(of: UInt8(ascii: "\n")) {
      let header = String(decoding: output[cursor..<newline], as: UTF8.self).split(separator: " ")
      guard header.count == 3, let size = Int(header[2]) else { break }
      let start = output.index(after: newline)
      texts.append(output[start..<start + size])
      cursor = start + size + 1
    }
    return texts
  }
}
