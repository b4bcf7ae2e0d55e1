import ArgumentParser
import RBShellCore

extension RBShell {
  /// `rbshell upto`: apply the targets and every unapplied ancestor, parents first.
  struct UpTo: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "upto",
      abstract: "Apply the target migrations and every unapplied ancestor, parents first.")

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var schema: SingleSchemaOptions
    @OptionGroup var targets: TargetOptions
    @OptionGroup var definitions: DefinitionOptions
    @OptionGroup var write: WriteOptions

    func run() throws {
      let ids = try targets.ids()
      try SchemaPlanning.run(connection: connection, schema: schema, definitions: definitions, write: write) { try $0.upTo(ids) }
    }
  }

  /// `rbshell up`: apply everything up to the definitions' leaves.
  struct Up: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "up", abstract: "Apply every unapplied migration up to the definitions' leaves.")

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var schema: SingleSchemaOptions
    @OptionGroup var definitions: DefinitionOptions
    @OptionGroup var write: WriteOptions

    func run() throws {
      try SchemaPlanning.run(connection: connection, schema: schema, definitions: definitions, write: write) { try $0.up() }
    }
  }

  /// `rbshell undo`: revert the single applied migration without applied children.
  struct Undo: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "undo",
      abstract: "Revert the last applied migration (the single applied migration without applied children).")

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var schema: SingleSchemaOptions
    @OptionGroup var definitions: DefinitionOptions
    @OptionGroup var write: WriteOptions

    func run() throws {
      try SchemaPlanning.run(connection: connection, schema: schema, definitions: definitions, write: write) { try $0.undo() }
    }
  }
}
