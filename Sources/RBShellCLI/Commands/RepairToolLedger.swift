import ArgumentParser
import Foundation
import MigrationSources
import Migrations
import PostgresClient
import RBShellCore
import RBShellPostgres

/// Flags every repair of another tool's ledger takes.
struct ToolRepairOptions: ParsableArguments {
  @OptionGroup var connection: ConnectionOptions
  @Option(help: ArgumentHelp("The tool's migrations folder.", valueName: "dir")) var migrations: String
  @Flag(help: "Write even when the catalog contradicts it or cannot decide (recorded in the audit log).") var force = false
  @Flag(help: "Print the repair and write nothing.") var dryRun = false
  @Flag(name: [.customShort("y"), .long], help: "Do not ask for confirmation (needed when stdin is not a terminal).") var yes = false
  @Flag(help: "Print the repair as one JSON document.") var json = false
  @Option(help: ArgumentHelp("Seconds to wait for the ledger's lock before giving up (exit 5); at most a day.", valueName: "seconds"))
  var lockTimeout: Double = 30

  func validate() throws { try DurationArgument.seconds(lockTimeout, flag: "--lock-timeout") }

  var tree: LocalFileTree { LocalFileTree(root: URL(filePath: migrations)) }

  var settings: ToolWriteSettings {
    ToolWriteSettings(connection: connection, lockTimeout: lockTimeout, dryRun: dryRun, yes: yes, json: json)
  }
}

/// What a write to another tool's ledger needs from the command line, as values.
struct ToolWriteSettings {
  var connection: ConnectionOptions
  var lockTimeout: Double
  var dryRun: Bool
  var yes: Bool
  var json: Bool
}

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

    @Option(help: ArgumentHelp("The tool whose ledger to repair: golang-migrate.", valueName: "tool")) var tool: String
    @OptionGroup var options: ToolRepairOptions
    @Option(help: ArgumentHelp("The table it was told to use (x-migrations-table), when not the only one.", valueName: "name"))
    var table: String?
    @Option(
      name: [.customLong("version"), .customLong("id")], parsing: .unconditional,
      help: ArgumentHelp("The version to set (-1: none applied). Default: the one the catalog proves.", valueName: "V"))
    var version: Int?

    func validate() throws {
      guard try LedgerTool.parse(tool) == .golangMigrate else {
        throw ValidationError("repair force repairs golang-migrate's ledger (dbmate's: repair record); see docs/ledgers.md for the others' own commands")
      }
    }

    func run() throws {
      try ErrorReporting.run {
        let definitions = try DefinitionLoader(tree: options.tree, path: "", displayPath: options.migrations)
          .flatDefinitions(tool: LedgerTool.golangMigrate.rawValue)
        let flow = try ToolRepairFlow(options: options.settings, tool: .golangMigrate, table: table, folder: .golangMigrate(definitions))
        let store = try GolangMigrateStore(connection: flow.connection, table: table, definitions: definitions)
        let (requested, force) = (version, options.force)
        try flow.run(
          LedgerEditRequest(store: store) { try GolangMigrateForce.decide($0, definitions: definitions, requested: requested, force: force) })
      }
    }
  }

  /// `rbshell repair record --tool dbmate`: a migration dbmate never recorded, completed from the
  /// catalog's stopping point and recorded, through the write runner.
  struct Record: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "record",
      abstract:
        "Another tool's ledger: record what the catalog proves ran (dbmate, goose: run the rest of an unrecorded migration and write its row; Atlas: a partial revision's statement count).",
      discussion: """
        Exit codes: 0 repaired · 4 refused (the catalog cannot tell where it stopped, or the table changed meanwhile) · \
        5 another rbshell holds the lock · 1 a statement failed (nothing written) · 65 a bad folder · 64 bad usage, \
        already recorded, or nothing of it ran · 2 cannot connect. See docs/ledgers.md.
        """)

    @Option(help: ArgumentHelp("The tool whose ledger to repair: dbmate, goose or atlas.", valueName: "tool")) var tool: String
    @OptionGroup var options: ToolRepairOptions
    @Option(name: [.customLong("version"), .customLong("id")], help: ArgumentHelp("The migration's version.", valueName: "V")) var version: Int

    func validate() throws {
      guard [.dbmate, .goose, .atlas].contains(try LedgerTool.parse(tool)) else {
        throw ValidationError(
          "repair record repairs dbmate's, goose's and Atlas's ledgers (golang-migrate's: repair force); see docs/ledgers.md for the others")
      }
    }

    func run() throws {
      try ErrorReporting.run {
        if try LedgerTool.parse(tool) == .atlas {
          let files = try AtlasLayoutReader(tree: options.tree, displayPath: options.migrations).read("")
          let flow = try ToolRepairFlow(options: options.settings, tool: .atlas, table: nil, folder: .atlas(files))
          let store = try AtlasStore(connection: flow.connection, files: files)
          let version = String(version)
          try flow.run(
            LedgerEditRequest(store: store) { try AtlasResume.decide($0, files: files, version: version) },
            leavesFindings: true)
          return
        }
        let tool = try LedgerTool.parse(tool)
        let files =
          tool == .goose
          ? try GooseLayoutReader(tree: options.tree, displayPath: options.migrations).read("")
          : try DbmateLayoutReader(tree: options.tree, displayPath: options.migrations).read("").map(\.migrationFile)
        let flow = try ToolRepairFlow(options: options.settings, tool: tool, table: nil, folder: .unrecording(files))
        let store = try UnrecordingStore(connection: flow.connection, tool: tool, files: files)
        let (version, force) = (version, options.force)
        try flow.run(
          LedgerEditRequest(store: store) { try UnrecordedMigrations.decide($0, files: files, version: version, force: force) })
      }
    }
  }
}

extension RBShell.Repair {
  /// `rbshell repair resolve --tool prisma`: Prisma's `migrate resolve`, the way the catalog
  /// proves, through the write runner under Prisma's own lock.
  struct Resolve: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "resolve",
      abstract:
        "Another tool's ledger: resolve one failed migration (Prisma's migrate resolve; Flyway's failed row) as the catalog proves it (see diagnose --tool).",
      discussion: """
        Exit codes: 0 repaired · 4 refused (the catalog contradicts the resolution or cannot decide, or the table changed meanwhile) ·         5 the tool's lock is held · 65 a bad folder · 64 bad usage or no failed row · 2 cannot connect. See docs/ledgers.md.
        """)

    @Option(help: ArgumentHelp("The tool whose ledger to repair: prisma or flyway.", valueName: "tool")) var tool: String
    @OptionGroup var options: ToolRepairOptions
    @Option(help: ArgumentHelp("Record the failed migration (Prisma's name, Flyway's version) as applied (its SQL is all in).", valueName: "name"))
    var applied: String?
    @Option(name: .customLong("rolled-back"), help: ArgumentHelp("Record it as rolled back (none of its SQL is in).", valueName: "name"))
    var rolledBack: String?

    func validate() throws {
      guard [.prisma, .flyway].contains(try LedgerTool.parse(tool)) else {
        throw ValidationError("repair resolve repairs Prisma's and Flyway's ledgers; see docs/ledgers.md for the others")
      }
      guard (applied == nil) != (rolledBack == nil) else { throw ValidationError("give exactly one of --applied NAME and --rolled-back NAME") }
    }

    func run() throws {
      try ErrorReporting.run {
        let (name, resolution): (String, PrismaResolve.Resolution) = applied.map { ($0, .applied) } ?? (rolledBack!, .rolledBack)
        let force = options.force
        if try LedgerTool.parse(tool) == .flyway {
          let files = try FlywayLayoutReader(tree: options.tree, displayPath: options.migrations).read("")
          let flow = try ToolRepairFlow(options: options.settings, tool: .flyway, table: nil, folder: .flyway(files))
          let store = try FlywayStore(connection: flow.connection, files: files)
          try flow.run(
            LedgerEditRequest(store: store) { try FlywayResolve.decide($0, files: files, version: name, resolution: resolution, force: force) })
          return
        }
        let files = try PrismaLayoutReader(tree: options.tree, displayPath: options.migrations).read("")
        let flow = try ToolRepairFlow(options: options.settings, tool: .prisma, table: nil, folder: .prisma(files))
        let store = try PrismaStore(connection: flow.connection, files: files)
        try flow.run(
          LedgerEditRequest(store: store) { try PrismaResolve.decide($0, files: files, name: name, resolution: resolution, force: force) })
      }
    }
  }
}

extension RBShell.Repair {
  /// `rbshell repair undo-leftovers --tool sqitch`: a change whose deploy failed part-way, its
  /// leftovers undone with its revert script, so the next `sqitch deploy` runs it cleanly.
  struct UndoLeftovers: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "undo-leftovers",
      abstract: "Another tool's ledger: undo what a failed Sqitch change left in the database, with its revert script (see diagnose --tool sqitch).",
      discussion: """
        Exit codes: 0 repaired · 4 the registry changed meanwhile · 5 Sqitch's lock is held · 1 a statement failed (nothing written) ·         65 a bad project · 64 bad usage, the change did not fail, or nothing of it is left · 2 cannot connect. See docs/ledgers.md.
        """)

    @Option(help: ArgumentHelp("The tool whose ledger to repair: sqitch.", valueName: "tool")) var tool: String
    @OptionGroup var options: ToolRepairOptions
    @Option(help: ArgumentHelp("The failed change.", valueName: "name")) var change: String

    func validate() throws {
      guard try LedgerTool.parse(tool) == .sqitch else {
        throw ValidationError("repair undo-leftovers repairs Sqitch's changes; see docs/ledgers.md for the others")
      }
    }

    func run() throws {
      try ErrorReporting.run {
        let changes = try SqitchProjectReader(tree: options.tree, displayPath: options.migrations).read("")
        let flow = try ToolRepairFlow(options: options.settings, tool: .sqitch, table: nil, folder: .sqitch(changes))
        let store = try SqitchStore(connection: flow.connection, changes: changes)
        let name = change
        try flow.run(LedgerEditRequest(store: store) { try SqitchLeftovers.decide($0, changes: changes, name: name) })
      }
    }
  }
}

extension RBShell.Repair {
  /// `rbshell repair stamp --tool alembic`: Alembic's `stamp`, at the revision the catalog proves.
  struct Stamp: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "stamp",
      abstract: "Another tool's ledger: Alembic's stamp, at the revision the catalog proves from Alembic's offline SQL (see diagnose --tool alembic).",
      discussion: """
        --migrations is the file `alembic upgrade base:head --sql` writes. Exit codes: 0 stamped · 4 refused (the catalog \
        contradicts the revision or cannot tell, or the table changed meanwhile) · 5 another rbshell holds the lock · 64 bad usage or \
        nothing to change · 2 cannot connect. See docs/ledgers.md.
        """)

    @Option(help: ArgumentHelp("The tool whose ledger to repair: alembic.", valueName: "tool")) var tool: String
    @OptionGroup var options: ToolRepairOptions
    @Option(help: ArgumentHelp("The revision to stamp. Default: the one the catalog proves.", valueName: "rev")) var revision: String?

    func validate() throws {
      guard try LedgerTool.parse(tool) == .alembic else { throw ValidationError("repair stamp repairs Alembic's ledger; see docs/ledgers.md for the others") }
    }

    func run() throws {
      try ErrorReporting.run {
        let revisions = try RBShell.Diagnose.alembicRevisions(options.migrations)
        let flow = try ToolRepairFlow(options: options.settings, tool: .alembic, table: nil, folder: .alembic(revisions))
        let store = AlembicStore(connection: flow.connection, revisions: revisions)
        let (requested, force) = (revision, options.force)
        try flow.run(
          LedgerEditRequest(store: store) { try AlembicStamp.decide($0, revisions: revisions, requested: requested, force: force) })
      }
    }
  }
}

/// The CLI's side of a ledger edit: previews, asks, hands the confirmed edit to the
/// `WriteRunner` (which decides again under the lock), reports, and diagnoses the tool's ledger
/// again.
struct ToolRepairFlow {
  let options: ToolWriteSettings
  let tool: LedgerTool
  let table: String?
  let folder: ToolLedgerService.Folder
  let connection: Connection

  init(options: ToolWriteSettings, tool: LedgerTool, table: String?, folder: ToolLedgerService.Folder) throws {
    self.options = options
    self.tool = tool
    self.table = table
    self.folder = folder
    connection = try options.connection.router(readOnly: false).connect([.frontend])[.frontend]!
  }

  /// - Parameters:
  ///   - destroys: the SQL steps the edit runs, for the data-loss preview.
  ///   - leavesFindings: the edit corrects the ledger but leaves a finding on purpose (Atlas's
  ///     partial revision, which Atlas itself resumes): diagnose again reports, not fails.
  func run(
    _ request: LedgerEditRequest, leavesFindings: Bool = false,
    destroys: (LedgerEdit) -> [PlanStep] = { _ in [] }
  ) throws {
    let cancellation = Cancellation()
    let runner = WriteRunner(
      options: RunnerOptions(lockTimeout: options.lockTimeout), cancellation: cancellation, audit: AuditTrail(), events: Progress.report)
    let prepared = try runner.prepare(request)
    print(LedgerEditText.preview(prepared.edit, statements: request.store.statements(for: prepared.edit), json: options.json), terminator: "")
    let steps = destroys(prepared.edit)
    if !steps.isEmpty, !options.json {
      let losses = try DataLossReader(connection: connection).estimate(DataLossScanner.targets(in: steps), exact: false)
      print(DataLossText.render(losses, planHasSteps: true), terminator: "")
    }
    guard try Confirmation.approve(dryRun: options.dryRun, yes: options.yes, json: options.json) else { return }
    let signals = WriteSignals(cancellation: cancellation, cancelling: [connection.makeCanceller()])
    defer { withExtendedLifetime(signals) {} }
    let record = try runner.execute(prepared)
    Terminal.say("\(record.edit.table): \(LedgerEditVerificationFailure.words(record.rowsAfter ?? [])).", json: options.json)
    try diagnoseAgain(leavesFindings: leavesFindings)
  }

  /// The tool's ledger diagnosed again: the repair succeeded only if no failure is left (or, for
  /// an edit that leaves one on purpose, says what is left).
  private func diagnoseAgain(leavesFindings: Bool) throws {
    let report = try ToolLedgerService(router: options.connection.router(readOnly: true))
      .report(only: tool, golangMigrateTables: table.map { [$0] } ?? [], folder: folder)
    if leavesFindings {
      report.findings.forEach { Terminal.say("diagnose --tool \(tool.rawValue): \($0.code.rawValue): \($0.message)", json: options.json) }
      return
    }
    if let finding = report.findings.first(where: { $0.severity == .error }) {
      Terminal.error("after the repair, diagnose still reports: \(finding.code.rawValue): \(finding.message)")
      throw ExitStatus.needsRepair.exitCode
    }
    Terminal.say("diagnose --tool \(tool.rawValue): clean", json: options.json)
  }
}
