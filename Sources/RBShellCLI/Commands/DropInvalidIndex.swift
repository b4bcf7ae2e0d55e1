import ArgumentParser
import Migrations
import RBShellCore
import RBShellPostgres

extension RBShell.Repair {
  /// `rbshell repair drop-invalid-index`: drop an INVALID index concurrently; `--retry` then runs
  /// the migration that creates it again.
  struct DropInvalidIndex: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "drop-invalid-index",
      abstract: "Drop an INVALID index left by a failed CREATE INDEX CONCURRENTLY (no build running); --retry re-runs its migration.")

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var schema: SingleSchemaOptions
    @Option(help: ArgumentHelp("The index: name or schema.name.", valueName: "name")) var index: String
    @Flag(help: "Then run the migration that creates it again (needs the definitions).") var retry = false
    @OptionGroup var definitions: DefinitionOptions
    @OptionGroup var write: WriteOptions
    @Flag(help: "Drop it even if it is valid.") var force = false

    func run() throws {
      try ErrorReporting.run {
        let schema = try schema.schema()
        let target = IndexTarget(parsing: index, force: force)
        let creator = retry ? try creatingMigration(target.name, schema: schema) : nil
        let session = WriteSession(options: write, connectionOptions: connection)
        let store = try session.store(for: schema)
        let definition = creator ?? Definition(id: 0, name: "drop index \(target)")
        let plan = WritePlan(
          schema: schema, operation: "repair drop-invalid-index \(target)",
          steps: [PlanStep(definition: definition, up: false, kind: .dropIndex(target))],
          warnings: (force ? ["--force"] : []) + (creator.map { ["then repair retry of migration \($0.id)"] } ?? []))
        let request = PlanRequest(store: store, schema: schema, graph: try MigrationGraph([]), dirty: .notEnforced) { _, _ in plan }
        guard try session.run([WriteSession.Request(plan: request, connection: store.connection)]), let creator else { return }
        var again = write
        again.yes = true
        try RepairFlow(
          target: RepairTarget(
            connection: connection, schema: schema, version: creator.id, definitions: definitions.source, write: again, force: false)
        ).run(.retry)
      }
    }

    private func creatingMigration(_ name: String, schema: Schema) throws -> Definition {
      let graph = try SchemaPlanning.graph(schema, definitions: definitions.source)
      guard let id = IndexRules.creatingMigration(of: name, in: graph), let definition = graph[id] else {
        throw ValidationError("no migration of \(schema) creates index \(name): drop it without --retry")
      }
      return definition
    }
  }
}
