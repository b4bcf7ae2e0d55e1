/// Rewrites the migrator's Go-style single-dash long options (`-db=frontend`, `-target 5`)
/// into the double-dash form the parser expects, so runbook commands work as written.
///
/// Only names rbshell knows as long options are rewritten; short flags (`-d`) and clusters
/// stay as they are, and nothing after `--` is touched.
public enum ArgumentNormalizer {
  /// Long option names that may be spelled with one dash.
  public static let longOptions: Set<String> = [
    "db", "schema", "dsn", "target", "version", "up", "json", "migrations", "rev", "yes", "dry-run",
    "verbose", "force", "codeintel-dsn", "codeinsights-dsn", "ignore-single-dirty-log",
    "ignore-single-pending-log", "privileged-hash", "noop-privileged", "unprivileged-only", "release", "id", "lock-timeout",
  ]

  public static func normalize(_ arguments: [String]) -> [String] {
    var result: [String] = []
    var passthrough = false
    for argument in arguments {
      if passthrough || argument == "--" {
        passthrough = true
        result.append(argument)
      } else {
        result.append(rewrite(argument))
      }
    }
    return result
  }

  static func rewrite(_ argument: String) -> String {
    guard argument.hasPrefix("-"), !argument.hasPrefix("--"), argument.count > 2 else { return argument }
    let body = argument.dropFirst()
    let name = body.split(separator: "=", maxSplits: 1).first.map(String.init) ?? ""
    return longOptions.contains(name) ? "-" + argument : argument
  }
}
