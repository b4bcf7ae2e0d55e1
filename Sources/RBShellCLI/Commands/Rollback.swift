import ArgumentParser
import MigrationSources
import Migrations
import RBShellCore

extension RBShell {
  /// `rbshell rollback --to`: the whole rollback runbook in one command.
  struct Rollback: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "rollback",
      abstract: "Roll schemas back to a release: its leaves become each schema's downto targets; one preview, one confirmation.",
      discussion: """
        --to is a git revision of the migrations folder (rbshell rollback --to v5.2.0 --migrations ./migrations) \
        or, with a stitched graph as --migrations, a release (rbshell rollback --to v5.2.0 --migrations stitched.json). \
        The plans come from the current definitions, which know the newer migrations. Schemas run one after another; \
        the first failure stops the rollback and says which schemas are done.
        """)

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var selection: SchemaOptions
    @Option(help: ArgumentHelp("The release to roll back to: a git revision, or vX.Y.Z of a stitched graph.", valueName: "rev"))
    var to: String
    @Option(help: ArgumentHelp("The current definitions (default $RBSHELL_MIGRATIONS, else ./migrations).", valueName: "path"))
    var migrations: String?
    @OptionGroup var write: WriteOptions
    @Flag(help: "Also revert applied side-branch migrations the migrator's plan would leave applied.")
    var includeSideBranches = false

    func run() throws {
      try ErrorReporting.run {
        let path = DefinitionSource(migrations: migrations).path
        let current = try DefinitionCatalog.open(path: path, revision: nil, version: nil)
        let target = try ReleaseTarget.open(path: path, to: to)
        let selected = try SchemaSelection.resolve(selection, in: current)
        // A schema the release did not have yet: that release never reads it, so it stays as it is.
        for schema in selected where !target.has(schema) {
          Terminal.say("\(schema): not defined at \(to), so that release does not use it: left as it is.", json: write.json)
        }
        let schemas = selected.filter(target.has)
        let session = WriteSession(options: write, connectionOptions: connection)
        let requests = try schemas.map { schema in
          let leaves = try target.leaves(of: schema)
          return try SchemaPlanning.request(schema, graph: try current.graph(for: schema, hint: nil), session: session) { [includeSideBranches] builder in
            var plan = try builder.downTo(leaves, includeSideBranches: includeSideBranches)
            plan.operation = "rollback to \(to) (downto \(PlanBuilder.list(leaves)))"
            return plan
          }
        }
        try session.run(requests)
      }
    }
  }
}

/// The release a rollback goes to: the same folder at a git revision, or a stitched graph's release.
struct ReleaseTarget {
  let catalog: DefinitionCatalog
  let present: Set<Schema>

  static func open(path: String, to: String) throws -> ReleaseTarget {
    let isGraphFile = path.hasSuffix(".json")
    let catalog = try DefinitionCatalog.open(path: path, revision: isGraphFile ? nil : to, version: isGraphFile ? to : nil)
    return ReleaseTarget(catalog: catalog, present: Set(try catalog.schemasPresent(hint: nil)))
  }

  func has(_ schema: Schema) -> Bool { present.contains(schema) }

  func leaves(of schema: Schema) throws -> [Int] {
    try catalog.graph(for: schema, hint: nil).leaves.map(\.id)
  }
}
