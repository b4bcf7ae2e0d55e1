import Foundation

/// Locations inside the repository and the build folder, found from this file's path.
public enum PackagePaths {
  public static let root: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  /// The `rbshell` binary built next to the test bundle (`swift test` builds it first), or
  /// `RBSHELL_BIN` when set.
  public static var rbshell: URL {
    if let explicit = ProcessInfo.processInfo.environment["RBSHELL_BIN"] { return URL(fileURLWithPath: explicit) }
    let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
    var dir = executable.deletingLastPathComponent()
    // The test bundle may sit inside `<bin>/rbshellPackageTests.xctest/...`.
    while dir.path != "/" {
      let candidate = dir.appending(path: "rbshell")
      if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
      dir = dir.deletingLastPathComponent()
    }
    return root.appending(path: ".build/debug/rbshell")
  }

  public static func scenario(_ name: String) -> URL { root.appending(path: "sql/scenarios/\(name).sql") }
}
