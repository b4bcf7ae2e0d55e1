import Foundation
import PackagePlugin

/// Writes `BuildRevision.swift` (`let buildRevision = "<git revision>"`, `+dirty` when the tree
/// has changes, `unknown` outside a git checkout) before each build, so `rbshell --version` says
/// which source it was built from. The file is rewritten only when the revision changed.
@main
struct BuildRevision: BuildToolPlugin {
  func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
    let output = context.pluginWorkDirectoryURL.appending(path: "generated")
    let script = """
      set -e
      mkdir -p "$2"
      rev=$(git -C "$1" rev-parse --short=12 HEAD 2>/dev/null || echo unknown)
      if [ "$rev" != unknown ] && [ -n "$(git -C "$1" status --porcelain --untracked-files=no 2>/dev/null)" ]; then rev="$rev+dirty"; fi
      printf 'let buildRevision = "%s"\\n' "$rev" > "$2/../BuildRevision.swift.new"
      cmp -s "$2/../BuildRevision.swift.new" "$2/BuildRevision.swift" || mv "$2/../BuildRevision.swift.new" "$2/BuildRevision.swift"
      """
    return [
      .prebuildCommand(
        displayName: "Recording the git revision", executable: URL(fileURLWithPath: "/bin/sh"),
        arguments: ["-c", script, "build-revision", context.package.directoryURL.path, output.path],
        outputFilesDirectory: output)
    ]
  }
}
