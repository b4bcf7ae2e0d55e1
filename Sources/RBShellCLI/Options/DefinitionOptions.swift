import ArgumentParser
import Foundation
import MigrationSources

/// Where migration definitions come from: `--migrations`, optionally at `--rev` or for `--version`.
struct DefinitionOptions: ParsableArguments {
  @Option(
    help: ArgumentHelp(
      "A migrations folder (one folder per schema, or one schema's folder) or a stitched graph JSON file. Default: $RBSHELL_MIGRATIONS, else ./migrations.",
      valueName: "path"))
  var migrations: String?

  @Option(help: ArgumentHelp("Read the definitions as they were at this git revision (tag, branch, commit).", valueName: "rev"))
  var rev: String?

  @Option(
    name: .customLong("version"),
    help: ArgumentHelp("With a stitched graph: only what release vX.Y.Z had.", valueName: "vX.Y.Z"))
  var release: String?

  var path: String {
    migrations ?? ProcessInfo.processInfo.environment["RBSHELL_MIGRATIONS"] ?? "migrations"
  }

  func catalog() throws -> DefinitionCatalog {
    try DefinitionCatalog.open(path: path, revision: rev, version: release)
  }
}
