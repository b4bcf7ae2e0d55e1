import ArgumentParser
import RBShellCore
import RBShellPostgres

extension RBShell {
  /// `rbshell status`: the migrator's view of each schema's ledger, read-only.
  struct Status: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "status",
      abstract: "Show each schema's ledger state exactly as the migrator reads it (read-only).",
      discussion: "Exit codes: 0 clean, 4 a schema has failed or pending versions or a dirty legacy row, 2 cannot connect.")

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var selection: SchemaOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
      let schemas = try selection.schemas()
      let report = try ErrorReporting.run {
        try StatusService(router: connection.router(readOnly: true)).report(for: schemas)
      }
      print(output.json ? StatusJSON(report).encoded() : StatusText.render(report), terminator: "")
      if report.needsRepair { throw ExitStatus.needsRepair.exitCode }
    }
  }
}
