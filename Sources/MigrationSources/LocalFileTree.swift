import Foundation
import Migrations

#if canImport(Glibc)
  import Glibc
#endif

/// A folder on disk, read-only. Plain POSIX calls on string paths: definitions loading reads
/// thousands of files, and Foundation's URL building and file reading cost more than the reads.
public struct LocalFileTree: FileTree {
  let root: String

  public init(root: URL) { self.root = root.path }

  private func path(_ relative: String) -> String { relative.isEmpty ? root : root + "/" + relative }

  public func entries(in directory: String) throws -> [FileEntry] {
    let folder = path(directory)
    guard let stream = opendir(folder) else { return [] }
    defer { closedir(stream) }
    var entries: [FileEntry] = []
    while let entry = readdir(stream) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
      guard name != ".", name != ".." else { continue }
      // d_type says it without a stat, except on file systems that leave it unknown; a link
      // is followed, as FileManager did.
      let type = entry.pointee.d_type
      let isDirectory = type == DT_DIR || ((type == DT_UNKNOWN || type == DT_LNK) && Self.isDirectory(atPath: folder + "/" + name))
      entries.append(FileEntry(name: name, isDirectory: isDirectory))
    }
    return entries.sorted { $0.name < $1.name }
  }

  /// One open and one read per file (no separate existence check).
  public func contents(of relative: String) throws -> String? {
    let file = path(relative)
    let fd = open(file, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var info = stat()
    guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: max(Int(info.st_size) + 1, 4096))
    while true {
      let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
      if count < 0, errno == EINTR { continue }
      guard count > 0 else { break }
      bytes.append(contentsOf: chunk[..<count])
    }
    return try FileEncodingError.decode(bytes, path: file)
  }

  public func isDirectory(_ relative: String) throws -> Bool { Self.isDirectory(atPath: path(relative)) }

  static func isDirectory(atPath path: String) -> Bool {
    var info = stat()
    return stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR
  }
}
