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
        let parts = index.split(separator: ".", maxSplits: 1).map(String.init)
        let (namespace, name) = parts.count == 2 ? (parts[0], parts[1]) : ("public", parts[0])
        let creator = retry ? try creatingMigration(name, schema: schema) : nil
        if write.json {
          print(PlanJSON.document(PlanJSON.DirectWrite(
            schema: schema.rawValue, operation: "repair drop-invalid-index \(namespace).\(name)", warnings: force ? ["--force"] : [],
            dropIndex: "\(namespace).\(name)")), terminator: "")
        }
        Terminal.say("Plan for \(schema): DROP INDEX CONCURRENTLY \(namespace).\(name)" + (creator.map { ", then repair retry of migration \($0)" } ?? ""), json: write.json)
        guard try write.approveDirectWrite("DROP INDEX CONCURRENTLY") else { return }
        let endpoint = try IndexRepair(router: connection.router(readOnly: false), schema: schema, lockTimeout: write.lockTimeout)
          .drop(namespace: namespace, index: name, force: force) { Progress.report(.waiting($0)) }
        AuditLog.append(AuditEntry(
          time: AuditLog.now(), user: AuditLog.user(), host: AuditLog.host(), database: DatabaseLabel(endpoint),
          schema: schema.rawValue, command: AuditLog.redactedCommand(), operation: "repair drop-invalid-index \(namespace).\(name)",
          plan: [.init(version: creator ?? 0, name: "drop index \(namespace).\(name)", direction: "drop")],
          warnings: force ? ["--force"] : [], before: LedgerState(), after: nil, outcome: "completed"))
        Terminal.say("Dropped \(namespace).\(name).", json: write.json)
        if let creator { try retryMigration(creator) }
      }
    }

    private func creatingMigration(_ name: String, schema: Schema) throws -> Int {
      let graph = try SchemaPlanning.graph(schema, definitions: definitions)
      guard let id = IndexRules.creatingMigration(of: name, in: graph) else {
        throw ValidationError("no migration of \(schema) creates index \(name): drop it without --retry")
      }
      return id
    }

    private func retryMigration(_ version: Int) throws {
      var arguments = ["--db", schema.db, "--version", String(version)]
      if let path = definitions.migrations { arguments += ["--migrations", path] }
      if let rev = definitions.rev { arguments += ["--rev", rev] }
      if let release = definitions.release { arguments += ["--release", release] }
      var options = try RepairOptions.parse(arguments)
      options.connection = connection
      options.write = write
      try RepairFlow(options: options).run(.retry)
    }
  }
}
