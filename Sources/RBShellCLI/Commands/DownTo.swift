import ArgumentParser
import RBShellCore

extension RBShell {
  /// `rbshell downto`: revert every applied descendant of the targets, children first.
  struct DownTo: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "downto",
      abstract: "Roll a schema back: revert every applied descendant of the targets (the targets stay applied).",
      discussion: "Example (the migrator's spelling works too): rbshell downto -db=codeintel -target=1000000030")

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var schema: SingleSchemaOptions
    @OptionGroup var targets: TargetOptions
    @OptionGroup var definitions: DefinitionOptions
    @OptionGroup var write: WriteOptions
    @Flag(help: "Also revert applied side-branch migrations the migrator's plan would leave applied.")
    var includeSideBranches = false

    func run() throws {
      let ids = try targets.ids()
      try SchemaPlanning.run(connection: connection, schema: schema, definitions: definitions, write: write) { [includeSideBranches] in
        try $0.downTo(ids, includeSideBranches: includeSideBranches)
      }
    }
  }
}
