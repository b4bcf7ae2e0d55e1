import Foundation
import TestSupport

/// A copy of the built binary alone in an empty folder, and a TMPDIR of its own, so a demo test
/// proves the binary needs no source tree and can tell what the demo left behind.
struct DemoSandbox {
  /// Short: the demo's server socket lives below it, and a socket path may have 107 bytes.
  let root = FileManager.default.temporaryDirectory.appending(path: "demo-\(UInt32.random(in: 0...UInt32.max))")
  var empty: URL { root.appending(path: "empty") }
  var temporary: URL { root.appending(path: "tmp") }
  var binary: URL { root.appending(path: "bin/rbshell") }

  init() throws {
    for folder in [empty, temporary, binary.deletingLastPathComponent()] {
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }
    try FileManager.default.copyItem(at: PackagePaths.rbshell, to: binary)
  }

  /// What is left: files in the sandbox's TMPDIR, and processes (a server) naming a folder the
  /// demo made there (not the tmux or shell that started the demo with TMPDIR on its command line).
  func leftovers() throws -> [String] {
    let files = try FileManager.default.contentsOfDirectory(atPath: temporary.path)
    let processes = try FileManager.default.contentsOfDirectory(atPath: "/proc").filter { $0.allSatisfy(\.isNumber) }.compactMap {
      pid -> String? in
      guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return nil }
      let command = String(decoding: data.map { $0 == 0 ? 32 : $0 }, as: UTF8.self)
      return command.contains(temporary.appending(path: "rbshell-demo.").path) ? "process \(pid): \(command)" : nil
    }
    return files + processes
  }

  func remove() { try? FileManager.default.removeItem(at: root) }
}
