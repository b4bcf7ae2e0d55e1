import ArgumentParser
import Migrations
import RBShellCore
import RBShellPostgres

extension RBShell {
  /// `rbshell repair …`: one failed or dead-pending migration, repaired the way the catalog's
  /// verdict says, previewed, confirmed, audited — then diagnosed again.
  struct Repair: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "repair",
      abstract: "Repair one failed or dead-pending migration, chosen by what the catalog proves (see diagnose).",
      subcommands: [
        Retry.self, Complete.self, Revert.self, MarkApplied.self, MarkReverted.self, ClearDirty.self, DropInvalidIndex.self, UndoLast.self, Force.self,
        Record.self, Resolve.self, UndoLeftovers.self, Stamp.self,
      ])

    /// The repairs' names as typed (`retry`, `mark-applied` …), for the shell's help and completion.
    static var names: [String] { configuration.subcommands.map { $0._commandName } }
  }
}

/// Flags every migration repair takes.
struct RepairOptions: ParsableArguments {
  @OptionGroup var connection: ConnectionOptions
  @OptionGroup var schema: SingleSchemaOptions
  @Option(name: [.customLong("version"), .customLong("id")], help: "The failed or pending migration's id (--id is the same).") var version: Int
  @Option(help: ArgumentHelp("The definitions (default $RBSHELL_MIGRATIONS, else ./migrations).", valueName: "path"))
  var migrations: String?
  @Option(help: ArgumentHelp("Read the definitions as they were at this git revision.", valueName: "rev")) var rev: String?
  @Option(help: ArgumentHelp("With a stitched graph: only what release vX.Y.Z had.", valueName: "vX.Y.Z")) var release: String?
  @OptionGroup var write: WriteOptions
  @Flag(help: "Repair even when the catalog's verdict contradicts it (recorded in the audit log).") var force = false

  /// What to repair, as values: `--version` names the migration here, so the definitions'
  /// release is only `--release`.
  func target() throws -> RepairTarget {
    RepairTarget(
      connection: connection, schema: try schema.schema(), version: version,
      definitions: DefinitionSource(migrations: migrations, rev: rev, release: release), write: write, force: force)
  }

  func run(_ action: RepairAction) throws {
    try ErrorReporting.run { try RepairFlow(target: try target()).run(action) }
  }
}

/// One repair's target and settings as plain values, so one repair can start another
/// (`drop-invalid-index --retry`) without turning options back into arguments.
struct RepairTarget {
  var connection: ConnectionOptions
  var schema: Schema
  var version: Int
  var definitions: DefinitionSource
  var write: WriteOptions
  var force: Bool

  /// The schema diagnosed again after a repair, with the same definitions and connection.
  func diagnose() throws -> SchemaDiagnosis {
    let all = try DiagnoseDefinitions(options: definitions, schemas: [schema])
    return try DiagnoseService(router: connection.router(readOnly: true))
      .diagnose([schema], definitions: all.definitions(for:)).diagnoses[0]
  }
}

extension RBShell.Repair {
  struct Retry: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "retry", abstract: "Run the migration again (verdict not-applied).")
    @OptionGroup var options: RepairOptions
    func run() throws { try options.run(.retry) }
  }

  struct Complete: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "complete",
      abstract: "Run only the statements that are not in yet, then record it applied (verdict partially-applied).")
    @OptionGroup var options: RepairOptions
    func run() throws { try options.run(.complete) }
  }

  struct Revert: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "revert",
      abstract: "Undo what is in with the down SQL (skipping objects that do not exist), then record it reverted (verdict partially- or fully-applied).")
    @OptionGroup var options: RepairOptions
    func run() throws { try options.run(.revert) }
  }

  struct MarkApplied: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "mark-applied", abstract: "Record the migration applied without running it (verdict fully-applied).")
    @OptionGroup var options: RepairOptions
    func run() throws { try options.run(.markApplied) }
  }

  struct MarkReverted: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "mark-reverted", abstract: "Record the migration not applied without running anything (verdict not-applied).")
    @OptionGroup var options: RepairOptions
    func run() throws { try options.run(.markReverted) }
  }

  struct ClearDirty: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "clear-dirty",
      abstract: "Pre-3.37 ledger: clear the golang-migrate dirty flag at the version the catalog proves (golang-migrate's force, without guessing).")
    @OptionGroup var options: RepairOptions
    func run() throws {
      try ErrorReporting.run { try LegacyRepairFlow(target: try options.target()).run() }
    }
  }
}
