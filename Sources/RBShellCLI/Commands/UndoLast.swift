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
    @OptionGroup var write: WriteOptions

    func run() throws {
      try ErrorReporting.run {
        let schema = try schema.schema()
        let entry = try lastRepair(of: schema)
        let operation = entry.operation ?? ""
        guard operation.hasPrefix("repair mark-"), let version = entry.plan.first?.version, let rows = entry.insertedRowIDs, !rows.isEmpty else {
          Terminal.error(
            "the last repair of \(schema) (`\(operation)`, \(entry.time)) changed the schema, not only the ledger: undo it with a migration command (downto, upto, repair revert) instead; nothing was changed"
          )
          throw ExitStatus.needsRepair.exitCode
        }
        let session = WriteSession(options: write, connectionOptions: connection)
        let store = try session.store(for: schema)
        let plan = WritePlan(
          schema: schema, operation: "repair undo-last",
          steps: [PlanStep(definition: Definition(id: version, name: "undo `\(operation)` of \(entry.time)"), up: false, kind: .takeBack(rowIDs: rows))])
        let request = PlanRequest(store: store, schema: schema, graph: try MigrationGraph([]), dirty: .notEnforced, auditVersions: [version]) { _, _ in plan }
        try session.run([WriteSession.Request(plan: request, connection: store.connection)])
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
