/// Read access to a folder of migration files, wherever it lives (the working tree, a git
/// revision, memory in tests). Paths are relative, `/`-separated. Sendable: a large folder is
/// read by several threads at once.
public protocol FileTree: Sendable {
  /// The entries directly inside `directory` (`""` is the tree's top); empty when it does not exist.
  func entries(in directory: String) throws -> [FileEntry]
  /// A file's text, or `nil` when there is no such file.
  ///
  /// - Throws: `FileEncodingError` when the file is not valid UTF-8 (never replaced silently:
  ///   the server would refuse such SQL).
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

/// A file that is not valid UTF-8.
public struct FileEncodingError: Error, Sendable, Equatable, CustomStringConvertible {
  public var path: String
  /// The first byte that is not part of valid UTF-8 (0-based), and its 1-based line.
  public var byteOffset: Int
  public var line: Int

  public init(path: String, byteOffset: Int, line: Int = 1) {
    self.path = path
    self.byteOffset = byteOffset
    self.line = line
  }

  public var description: String {
    "'\(path)' line \(line) is not valid UTF-8 (byte \(byteOffset)): PostgreSQL refuses it; save the file as UTF-8"
  }

  /// The bytes as text, or the error naming the first invalid byte.
  public static func decode(_ bytes: some Collection<UInt8>, path: String) throws(FileEncodingError) -> String {
    if let text = String(validating: bytes, as: UTF8.self) { return text }
    let array = Array(bytes)
    let offset = firstInvalidByte(array)
    throw FileEncodingError(path: path, byteOffset: offset, line: array[..<offset].reduce(1) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 })
  }

  /// Where the bytes stop being UTF-8: a bad lead byte, a missing continuation byte, an
  /// overlong or surrogate form (the position is for the message; validity is the standard
  /// library's verdict).
  static func firstInvalidByte(_ bytes: [UInt8]) -> Int {
    var i = 0
    while i < bytes.count {
      let lead = bytes[i]
      let length = lead < 0x80 ? 1 : lead >= 0xC2 && lead <= 0xDF ? 2 : lead >= 0xE0 && lead <= 0xEF ? 3 : lead >= 0xF0 && lead <= 0xF4 ? 4 : 0
      guard length > 0, i + length <= bytes.count else { return i }
      for k in 1..<length where bytes[i + k] & 0xC0 != 0x80 { return i }
      guard String(validating: bytes[i..<i + length], as: UTF8.self) != nil else { return i }
      i += length
    }
    return i
  }
}

/// A file tree held in memory: tests build layouts with it, and git revisions load into it.
public struct MemoryFileTree: FileTree, Sendable {
  public private(set) var files: [String: String]
  /// Files that are not valid UTF-8, with the first invalid byte.
  public private(set) var undecodable: [String: FileEncodingError] = [:]

  public init(files: [String: String] = [:]) { self.files = files }

  public mutating func write(_ path: String, _ text: String) { files[path] = text }

  /// Stores bytes: their text, or, when they are not UTF-8, a marker that `contents` throws for.
  public mutating func write(_ path: String, bytes: some Collection<UInt8>) {
    do {
      files[path] = try FileEncodingError.decode(bytes, path: path)
    } catch {
      files[path] = ""
      undecodable[path] = error
    }
  }

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

  public func contents(of path: String) throws -> String? {
    if let error = undecodable[path] { throw error }
    return files[path]
  }

  public func isDirectory(_ path: String) -> Bool {
    path.isEmpty || files.keys.contains { $0.hasPrefix(path + "/") }
  }
}

/// Joins path components, skipping empty ones.
func joinPath(_ parts: String...) -> String {
  parts.filter { !$0.isEmpty }.joined(separator: "/")
}
