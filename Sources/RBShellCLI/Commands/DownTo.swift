import ArgumentParser
import Foundation
import MigrationSources
import Migrations
import RBShellCore
import RBShellPostgres

extension RBShell {
  /// `rbshell downto`: revert every applied descendant of the targets, children first.
  struct DownTo: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "downto",
      abstract: "Roll a schema back: revert every applied descendant of the targets (the targets stay applied).",
      discussion: """
        Example (the migrator's spelling works too): rbshell downto -db=codeintel -target=1000000030. \
        golang-migrate: rbshell downto --tool golang-migrate --migrations DIR --target=V (-1: none applied).
        """)

    @OptionGroup var connection: ConnectionOptions
    @Option(
      name: [.customLong("db"), .customLong("schema")],
      help: ArgumentHelp("The schema: frontend, codeintel or codeinsights (or pgsql, codeintel-db, codeinsights-db).", valueName: "schema"),
      completion: .list(Schema.allCases.map(\.rawValue)))
    var db: String?
    @Option(help: ArgumentHelp("Another tool's ledger instead of a schema: golang-migrate (its down files in --migrations).", valueName: "tool"))
    var tool: String?
    @Option(help: ArgumentHelp("With --tool golang-migrate: the table it was told to use (x-migrations-table).", valueName: "name"))
    var table: String?
    @OptionGroup var targets: TargetOptions
    @OptionGroup var definitions: DefinitionOptions
    @OptionGroup var write: WriteOptions
    @Flag(help: "Also revert applied side-branch migrations the migrator's plan would leave applied.")
    var includeSideBranches = false

    func validate() throws {
      if let tool {
        guard try LedgerTool.parse(tool) == .golangMigrate else { throw ValidationError("downto --tool works on golang-migrate's ledger") }
        guard db == nil else { throw ValidationError("--db names a Sourcegraph schema; --tool another tool's ledger: give one") }
        guard definitions.migrations != nil else { throw ValidationError("--tool golang-migrate needs its folder: --migrations DIR") }
        guard try targets.ids().count == 1 else { throw ValidationError("--tool golang-migrate goes down to one version: one --target") }
      } else {
        guard let db else { throw ValidationError("Missing expected argument '--db <schema>'") }
        guard Schema(name: db) != nil else {
          throw ValidationError("unknown schema \"\(db)\": use frontend, codeintel or codeinsights (or pgsql, codeintel-db, codeinsights-db)")
        }
      }
    }

    func run() throws {
      let ids = try targets.ids()
      if tool != nil { return try downGolangMigrate(to: ids[0]) }
      try SchemaPlanning.run(connection: connection, schema: Schema(name: db!)!, definitions: definitions, write: write) { [includeSideBranches] in
        try $0.downTo(ids, includeSideBranches: includeSideBranches)
      }
    }

    /// golang-migrate's down files to `target`, through the write runner under its lock.
    private func downGolangMigrate(to target: Int) throws {
      try ErrorReporting.run {
        let path = definitions.migrations!
        let folder = try DefinitionLoader(tree: LocalFileTree(root: URL(filePath: path)), path: "", displayPath: path)
          .flatDefinitions(tool: LedgerTool.golangMigrate.rawValue)
        let settings = ToolWriteSettings(connection: connection, lockTimeout: write.lockTimeout, dryRun: write.dryRun, yes: write.yes, json: write.json)
        let flow = try ToolRepairFlow(options: settings, tool: .golangMigrate, table: table, folder: .golangMigrate(folder))
        let store = try GolangMigrateStore(connection: flow.connection, table: table, definitions: folder)
        try flow.run(
          LedgerEditRequest(store: store) { try GolangMigrateDown.decide($0, definitions: folder, target: target) }
        ) { edit in
          guard case .golangMigrateDown(let steps) = edit.change else { return [] }
          return steps.compactMap { step in folder.first { $0.id == step.version }.map { PlanStep(definition: $0, up: false) } }
        }
      }
    }
  }
}
