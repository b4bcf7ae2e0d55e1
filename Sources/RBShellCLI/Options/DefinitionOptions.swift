import ArgumentParser
import Foundation
import MigrationSources

/// Where migration definitions come from: `--migrations`, optionally at `--rev` or for
/// `--release` (a stitched graph's release; `--version` is kept as its older spelling on commands
/// where it cannot mean a migration).
struct DefinitionOptions: ParsableArguments {
  @Option(
    help: ArgumentHelp(
      "A migrations folder (one folder per schema, or one schema's folder) or a stitched graph JSON file. Default: $RBSHELL_MIGRATIONS, else ./migrations.",
      valueName: "path"))
  var migrations: String?

  @Option(help: ArgumentHelp("Read the definitions as they were at this git revision (tag, branch, commit).", valueName: "rev"))
  var rev: String?

  @Option(
    name: [.customLong("release"), .customLong("version")],
    help: ArgumentHelp("With a stitched graph: only what release vX.Y.Z had (--version is the older spelling).", valueName: "vX.Y.Z"))
  var release: String?

  /// The parsed flags as a value.
  var source: DefinitionSource { DefinitionSource(migrations: migrations, rev: rev, release: release) }

  var isExplicit: Bool { source.isExplicit }
  var path: String { source.path }
  func catalog() throws -> DefinitionCatalog { try source.catalog() }
}

/// Where definitions come from, as a plain value: what commands pass on (a repair's definitions,
/// `drop-invalid-index --retry`) without turning options back into arguments.
struct DefinitionSource {
  var migrations: String?
  var rev: String?
  var release: String?

  /// `$RBSHELL_MIGRATIONS` when set and not empty.
  static var environmentPath: String? {
    ProcessInfo.processInfo.environment["RBSHELL_MIGRATIONS"].flatMap { $0.isEmpty ? nil : $0 }
  }

  /// Whether the operator named definitions (flag or environment) rather than relying on `./migrations`.
  var isExplicit: Bool { migrations != nil || Self.environmentPath != nil }

  var path: String { migrations ?? Self.environmentPath ?? "migrations" }

  func catalog() throws -> DefinitionCatalog {
    try DefinitionCatalog.open(path: path, revision: rev, version: release)
  }
}
