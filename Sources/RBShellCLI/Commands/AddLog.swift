import ArgumentParser
import Foundation
import Migrations
import RBShellCore
import RBShellPostgres

extension RBShell {
  /// `rbshell add-log`: record a completed attempt as the migrator's `add-log` does — but shown
  /// first, confirmed, under the schema's lock, and refused for ids the definitions do not know.
  struct AddLog: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "add-log",
      abstract: "Record a migration as applied (--up=true) or reverted (--up=false) without running it.",
      discussion: "Only after verifying the schema: `rbshell diagnose` proves whether the SQL ran. Example: rbshell add-log -db=frontend -version=1528395968")

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var schema: SingleSchemaOptions
    @Option(name: .customLong("version"), help: "The migration id to record.") var version: Int
    @Option(help: "true: record as applied; false: record as reverted.") var up: Bool = true
    @Flag(help: "Record an id the definitions do not know (or when no definitions are available).") var force = false
    @Option(help: ArgumentHelp("Definitions to check the id against (default $RBSHELL_MIGRATIONS, else ./migrations).", valueName: "path"))
    var migrations: String?
    @Flag(help: "Show the row and write nothing.") var dryRun = false
    @Flag(name: [.customShort("y"), .long], help: "Do not ask for confirmation.") var yes = false
    @Option(help: ArgumentHelp("Seconds to wait for the schema's migration lock.", valueName: "seconds")) var lockTimeout: Double = 30

    func run() throws {
      try ErrorReporting.run {
        let schema = try schema.schema()
        try checkKnown(schema)
        let reader = try connection.router(readOnly: true).connect([schema])[schema]!
        try MigrationLogsReader(connection: reader).snapshot(of: schema).refuseWritesIfLegacyOnly(schema)
        print("Will record in migration_logs: schema = '\(schema.ledgerName)', version = \(version), up = \(up), success = true, started_at = finished_at = now() (the migrator's add-log row).")
        guard try Confirmation.approve(dryRun: dryRun, yes: yes) else { return }
        let writer = LedgerRecorder(router: connection.router(readOnly: false), schema: schema, lockTimeout: lockTimeout)
        let recorded = try writer.record(version: version, up: up) { Progress.report(.waiting($0)) }
        AuditLog.append(AuditEntry(
          time: AuditLog.now(), user: AuditLog.user(), host: AuditLog.host(), database: DatabaseLabel(recorded.endpoint),
          schema: schema.rawValue, command: AuditLog.redactedCommand(), operation: "add-log \(version)",
          plan: [.init(version: version, name: "add-log", direction: up ? "up" : "down")],
          warnings: force ? ["--force"] : [], before: recorded.before, after: recorded.after, insertedRowIDs: [recorded.rowID],
          outcome: "completed"))
        let after = recorded.after
        print("\(schema): recorded. Applied now: \(after.applied.count) versions; pending \(after.pending.count); failed \(after.failed.count).")
      }
    }

    private func checkKnown(_ schema: Schema) throws {
      if force { return }
      let options = try DefinitionOptions.parse(migrations.map { ["--migrations", $0] } ?? [])
      guard options.isExplicit || FileManager.default.fileExists(atPath: options.path) else {
        throw WriteRefusal.unknownVersion(version)
      }
      guard try options.catalog().graph(for: schema, hint: schema).contains(version) else {
        throw WriteRefusal.unknownVersion(version)
      }
    }
  }
}
