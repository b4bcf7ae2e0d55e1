import Foundation
import PackagePlugin

/// Writes `BuildRevision.swift` (`let buildRevision = "<git revision>"`, `+dirty` when tracked
/// files have changes, `unknown` outside a git checkout), so `rbshell --version` says which
/// source it was built from.
///
/// A build command, not a prebuild one: SwiftPM runs prebuild commands only when it evaluates the
/// plugin again, so the revision went stale after a commit. This command's inputs are the git
/// files a commit, checkout or staging changes and every source file (an edit makes the tree
/// dirty), so the build reruns it exactly when the answer may have changed.
@main
struct BuildRevision: BuildToolPlugin {
  func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
    let root = context.package.directoryURL
    let output = context.pluginWorkDirectoryURL.appending(path: "BuildRevision.swift")
    let script = """
      set -e
      rev=$(git -C "$1" rev-parse --short=12 HEAD 2>/dev/null || echo unknown)
      if [ "$rev" != unknown ] && [ -n "$(git -C "$1" status --porcelain --untracked-files=no 2>/dev/null)" ]; then rev="$rev+dirty"; fi
      printf 'let buildRevision = "%s"\\n' "$rev" > "$2.new"
      mv "$2.new" "$2"
      """
    return [
      .buildCommand(
        displayName: "Recording the git revision", executable: URL(fileURLWithPath: "/bin/sh"),
        arguments: ["-c", script, "build-revision", root.path, output.path],
        inputFiles: Self.gitFiles(root) + Self.sourceFiles(root), outputFiles: [output])
    ]
  }

  /// HEAD, the index, packed refs and the current branch's ref, where they exist.
  static func gitFiles(_ root: URL) -> [URL] {
    let git = root.appending(path: ".git")
    var files = ["HEAD", "index", "packed-refs"].map { git.appending(path: $0) }
    if let head = try? String(contentsOf: git.appending(path: "HEAD"), encoding: .utf8), head.hasPrefix("ref: ") {
      files.append(git.appending(path: head.dropFirst(5).trimmingCharacters(in: .whitespacesAndNewlines)))
    }
    return files.filter { FileManager.default.fileExists(atPath: $0.path) }
  }

  static func sourceFiles(_ root: URL) -> [URL] {
    let sources = root.appending(path: "Sources")
    guard let walker = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil) else { return [] }
    return walker.compactMap { $0 as? URL }.filter { !$0.hasDirectoryPath }
  }
}
