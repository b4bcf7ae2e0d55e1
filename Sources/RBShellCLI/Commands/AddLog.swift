import ArgumentParser
import Foundation
import Migrations
import RBShellCore
import RBShellPostgres

extension RBShell {
  /// `rbshell add-log`: record a completed attempt as the migrator's `add-log` does — but shown
  /// first, confirmed, under the schema's lock, and refused for ids the definitions do not know.
  struct AddLog: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "add-log",
      abstract: "Record a migration as applied (--up=true) or reverted (--up=false) without running it.",
      discussion: "Only after verifying the schema: `rbshell diagnose` proves whether the SQL ran. Example: rbshell add-log -db=frontend -version=1528395968")

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var schema: SingleSchemaOptions
    @Option(name: .customLong("version"), help: "The migration id to record.") var version: Int
    @Option(help: "true: record as applied; false: record as reverted.") var up: Bool = true
    @Flag(help: "Record an id the definitions do not know (or when no definitions are available).") var force = false
    @Option(help: ArgumentHelp("Definitions to check the id against (default $RBSHELL_MIGRATIONS, else ./migrations).", valueName: "path"))
    var migrations: String?
    @OptionGroup var write: WriteOptions

    func run() throws {
      try ErrorReporting.run {
        let schema = try schema.schema()
        let definition = try known(schema) ?? Definition(id: version, name: "add-log")
        let session = WriteSession(options: write, connectionOptions: connection)
        let store = try session.store(for: schema)
        let plan = WritePlan(
          schema: schema, operation: "add-log \(version)", steps: [PlanStep(definition: definition, up: up, kind: .recordOnly)],
          warnings: force ? ["--force"] : [])
        let request = PlanRequest(store: store, schema: schema, graph: try MigrationGraph([]), dirty: .notEnforced, auditVersions: [version]) { _, _ in plan }
        try session.run([WriteSession.Request(plan: request, connection: store.connection)])
      }
    }

    /// The migration's definition; nil with `--force` when the definitions do not know it.
    private func known(_ schema: Schema) throws -> Definition? {
      let source = DefinitionSource(migrations: migrations)
      if force { return (try? source.catalog().graph(for: schema, hint: schema))?[version] }
      guard source.isExplicit || FileManager.default.fileExists(atPath: source.path),
        let definition = try source.catalog().graph(for: schema, hint: schema)[version]
      else { throw WriteRefusal.unknownVersion(version) }
      return definition
    }
  }
}
