import ArgumentParser
import RBShellCore
import RBShellPostgres

extension RBShell {
  /// `rbshell ledgers`: every other migration tool's ledger in the database, read-only.
  struct Ledgers: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "ledgers",
      abstract:
        "List other migration tools' ledgers in the database (golang-migrate, Flyway, Prisma, Atlas, goose, Alembic, Sqitch, Rails, dbmate) and what each records (read-only).",
      discussion: "Exit codes: 0 none records a failure, 4 one does, 2 cannot connect, 64 unknown --tool. See docs/ledgers.md.")

    @OptionGroup var connection: ConnectionOptions
    @Option(help: ArgumentHelp("Only this tool's ledger.", valueName: "tool")) var tool: String?
    @Option(help: ArgumentHelp("A table golang-migrate was told to use (its x-migrations-table); repeatable.", valueName: "name"))
    var table: [String] = []
    @OptionGroup var output: OutputOptions

    func run() throws {
      let only = try tool.map(LedgerTool.parse)
      let report = try ErrorReporting.run { try ToolLedgerService(router: connection.router(readOnly: true)).report(only: only, golangMigrateTables: table) }
      print(output.json ? JSONOutput.encode(ToolLedgerJSON(report)) : ToolLedgerText.render(report, tool: only), terminator: "")
      if report.needsRepair { throw ExitStatus.needsRepair.exitCode }
    }
  }
}

extension LedgerTool {
  /// `--tool NAME`, or a usage error (exit 64) naming the tools.
  static func parse(_ name: String) throws -> LedgerTool {
    guard let tool = LedgerTool(rawValue: name.lowercased()) else {
      throw ValidationError("unknown tool \"\(name)\": one of \(LedgerTool.allCases.map(\.rawValue).joined(separator: ", "))")
    }
    return tool
  }
}
