import ArgumentParser
import Migrations
import RBShellCore
import RBShellPostgres

extension RBShell.Repair {
  /// `rbshell repair undo-last`: take back the last repair of a schema when it only wrote the
  /// ledger (mark-applied, mark-reverted), from the rows the audit log kept.
  struct UndoLast: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "undo-last",
      abstract: "Undo the last ledger-only repair (mark-applied / mark-reverted) of a schema, using the audit log; refuses otherwise.")

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var schema: SingleSchemaOptions
    @Flag(help: "Show what would be undone and write nothing.") var dryRun = false
    @Flag(name: [.customShort("y"), .long], help: "Do not ask for confirmation.") var yes = false
    @Option(help: ArgumentHelp("Seconds to wait for the schema's migration lock.", valueName: "seconds")) var lockTimeout: Double = 30

    func run() throws {
      try ErrorReporting.run {
        let schema = try schema.schema()
        let entry = try lastRepair(of: schema)
        let step = entry.plan[0]
        let operation = entry.operation ?? ""
        guard operation.hasPrefix("repair mark-"), let rows = entry.insertedRowIDs, !rows.isEmpty else {
          Terminal.error("the last repair of \(schema) (`\(operation)`, \(entry.time)) changed the schema, not only the ledger: undo it with a migration command (downto, upto, repair revert) instead; nothing was changed")
          throw ExitStatus.needsRepair.exitCode
        }
        print("Will remove migration_logs row(s) \(rows.map(String.init).joined(separator: ", ")) written by `\(operation)` at \(entry.time); the ledger rows before it decide again.")
        guard try Confirmation.approve(dryRun: dryRun, yes: yes) else { return }
        let recorder = LedgerRecorder(router: connection.router(readOnly: false), schema: schema, lockTimeout: lockTimeout)
        let endpoint = try recorder.remove(rowIDs: rows, version: step.version) { Progress.report(.waiting($0)) }
        AuditLog.append(AuditEntry(
          time: AuditLog.now(), user: AuditLog.user(), host: AuditLog.host(), database: DatabaseLabel(endpoint),
          schema: schema.rawValue, command: AuditLog.redactedCommand(), operation: "repair undo-last",
          plan: [.init(version: step.version, name: "repair undo-last", direction: "undo")],
          warnings: [], before: entry.after ?? entry.before, after: entry.before, rowsBefore: entry.rowsBefore, outcome: "completed"))
        print("Undone: migration \(step.version) is back to its state before the repair.")
      }
    }

    /// The newest audit entry of a repair on this schema (undo-last entries themselves excluded).
    private func lastRepair(of schema: Schema) throws -> AuditEntry {
      let entries = try AuditLog.read().filter { $0.schema == schema.rawValue && $0.outcome == "completed" }
      guard let last = entries.last(where: { $0.operation?.hasPrefix("repair ") == true }), last.operation != "repair undo-last" else {
        Terminal.error("no repair of \(schema) to undo in the audit log \(AuditLog.path.path)")
        throw ExitStatus.usage.exitCode
      }
      return last
    }
  }
}
