import Foundation

/// A migrations folder on disk in Sourcegraph's directory layout, inside its own temporary
/// directory (optionally a git repository), for tests that run the real binary.
public final class MigrationFolder {
  public let root: URL
  public var migrations: URL { root.appending(path: "migrations") }

  public init() throws {
    root = FileManager.default.temporaryDirectory.appending(path: "rbshell-migrations-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
  }

  deinit { try? FileManager.default.removeItem(at: root) }

  /// Writes `<schema>/<id>_<slug>/{up.sql,down.sql,metadata.yaml}`.
  public func add(
    _ schema: String, _ id: Int, name: String, parents: [Int] = [], up: String = "SELECT 1;", down: String = "SELECT 1;",
    metadata extra: String = ""
  ) throws {
    let dir = migrations.appending(path: "\(schema)/\(id)_\(name.replacing(" ", with: "_"))")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let parentsLine = parents.isEmpty ? "" : "parents: [\(parents.map(String.init).joined(separator: ", "))]\n"
    try up.write(to: dir.appending(path: "up.sql"), atomically: true, encoding: .utf8)
    try down.write(to: dir.appending(path: "down.sql"), atomically: true, encoding: .utf8)
    try "name: \(name)\n\(parentsLine)\(extra)".write(to: dir.appending(path: "metadata.yaml"), atomically: true, encoding: .utf8)
  }

  /// Replaces a migration's up.sql with raw bytes (invalid UTF-8, NUL bytes).
  public func writeUp(_ schema: String, _ id: Int, name: String, bytes: [UInt8]) throws {
    let dir = migrations.appending(path: "\(schema)/\(id)_\(name.replacing(" ", with: "_"))")
    try Data(bytes).write(to: dir.appending(path: "up.sql"))
  }

  /// Runs git in the folder (identity set so commits work on a bare machine).
  @discardableResult
  public func git(_ arguments: String...) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments =
      [
        "git", "-c", "user.name=rbshell tests", "-c", "user.email=tests@rbshell.invalid",
        "-c", "init.defaultBranch=main", "-C", root.path,
      ] + arguments
    let out = Pipe()
    process.standardOutput = out
    process.standardError = Pipe()
    try process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { throw GitError(arguments: arguments, status: process.terminationStatus) }
    return String(decoding: data, as: UTF8.self)
  }

  public struct GitError: Error {
    public var arguments: [String]
    public var status: Int32
  }
}
