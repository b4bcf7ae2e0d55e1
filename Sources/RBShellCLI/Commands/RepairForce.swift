import ArgumentParser
import Foundation
import MigrationSources
import Migrations
import RBShellCore
import RBShellPostgres

extension RBShell.Repair {
  /// `rbshell repair force --tool golang-migrate`: golang-migrate's `force`, at the version the
  /// catalog proves, through the write runner under golang-migrate's own lock.
  struct Force: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "force",
      abstract: "Another tool's ledger: golang-migrate's force, at the version the catalog proves (see diagnose --tool golang-migrate).",
      discussion: """
        Exit codes: 0 repaired · 4 refused (the catalog contradicts the version, cannot decide, or the table changed meanwhile) · \
        5 golang-migrate's lock is held · 65 a bad folder · 64 bad usage or nothing to force · 2 cannot connect. See docs/ledgers.md.
        """)

    @OptionGroup var connection: ConnectionOptions
    @Option(help: ArgumentHelp("The tool whose ledger to repair: golang-migrate.", valueName: "tool")) var tool: String
    @Option(help: ArgumentHelp("Its migrations folder (<version>_<title>.up.sql / .down.sql).", valueName: "dir")) var migrations: String
    @Option(help: ArgumentHelp("The table it was told to use (x-migrations-table), when not the only one.", valueName: "name"))
    var table: String?
    @Option(
      name: [.customLong("version"), .customLong("id")], parsing: .unconditional,
      help: ArgumentHelp("The version to set (-1: none applied). Default: the one the catalog proves.", valueName: "V"))
    var version: Int?
    @Flag(help: "Set --version even when the catalog contradicts it or cannot decide (recorded in the audit log).") var force = false
    @Flag(help: "Print the repair and write nothing.") var dryRun = false
    @Flag(name: [.customShort("y"), .long], help: "Do not ask for confirmation (needed when stdin is not a terminal).") var yes = false
    @Flag(help: "Print the repair as one JSON document.") var json = false
    @Option(help: ArgumentHelp("Seconds to wait for golang-migrate's lock before giving up (exit 5); at most a day.", valueName: "seconds"))
    var lockTimeout: Double = 30

    func validate() throws {
      try DurationArgument.seconds(lockTimeout, flag: "--lock-timeout")
      guard try LedgerTool.parse(tool) == .golangMigrate else {
        throw ValidationError("repair force repairs golang-migrate's ledger only (for now); see docs/ledgers.md for the others' own commands")
      }
    }

    func run() throws {
      try ErrorReporting.run { try ToolRepairFlow(command: self).run() }
    }
  }
}

/// The CLI's side of a ledger edit: reads the folder, opens the store, previews, asks, hands the
/// confirmed edit to the `WriteRunner` (which decides again under the lock), reports, and
/// diagnoses the tool's ledger again.
struct ToolRepairFlow {
  let command: RBShell.Repair.Force

  func run() throws {
    let definitions = try DefinitionLoader(tree: LocalFileTree(root: URL(filePath: command.migrations)), path: "", displayPath: command.migrations)
      .flatDefinitions(tool: LedgerTool.golangMigrate.rawValue)
    let connection = try command.connection.router(readOnly: false).connect([.frontend])[.frontend]!
    let store = try GolangMigrateStore(connection: connection, table: command.table, definitions: definitions)
    let (requested, force) = (command.version, command.force)
    let request = LedgerEditRequest(store: store) { evidence in
      try GolangMigrateForce.decide(evidence, definitions: definitions, requested: requested, force: force)
    }
    let cancellation = Cancellation()
    let runner = WriteRunner(
      options: RunnerOptions(lockTimeout: command.lockTimeout), cancellation: cancellation, audit: AuditTrail(), events: Progress.report)
    let prepared = try runner.prepare(request)
    print(LedgerEditText.preview(prepared.edit, statements: store.statements(for: prepared.edit), json: command.json), terminator: "")
    guard try Confirmation.approve(dryRun: command.dryRun, yes: command.yes, json: command.json) else { return }
    let signals = WriteSignals(cancellation: cancellation, cancelling: [connection.makeCanceller()])
    defer { withExtendedLifetime(signals) {} }
    let record = try runner.execute(prepared)
    Terminal.say("\(record.edit.table): \(LedgerEditVerificationFailure.words(record.rowsAfter ?? [])).", json: command.json)
    try diagnoseAgain(definitions)
  }

  /// The tool's ledger diagnosed again: the repair succeeded only if no failure is left.
  private func diagnoseAgain(_ definitions: [Definition]) throws {
    let report = try ToolLedgerService(router: command.connection.router(readOnly: true))
      .report(only: .golangMigrate, golangMigrateTables: command.table.map { [$0] } ?? [], golangMigrateDefinitions: definitions)
    if let finding = report.findings.first(where: { $0.severity == .error }) {
      Terminal.error("after the repair, diagnose still reports: \(finding.code.rawValue): \(finding.message)")
      throw ExitStatus.needsRepair.exitCode
    }
    Terminal.say("diagnose --tool golang-migrate: clean", json: command.json)
  }
}
