import ArgumentParser

extension RBShell {
  /// `rbshell audit`: what rbshell wrote, from the audit log.
  struct Audit: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "audit",
      abstract: "Show the audit log of writes ($RBSHELL_AUDIT_LOG, else $XDG_STATE_HOME/rbshell/audit.jsonl).")

    @Option(help: "Show only the last N entries.") var last: Int?
    @OptionGroup var output: OutputOptions

    func run() throws {
      var entries = try ErrorReporting.run { try AuditLog.read() }
      if let last { entries = Array(entries.suffix(max(0, last))) }
      if output.json { return print(JSONOutput.encode(entries), terminator: "") }
      if entries.isEmpty { return print("no writes recorded in \(AuditLog.path.path)") }
      for entry in entries {
        let steps = entry.plan.map { "\($0.direction) \($0.version)" }.joined(separator: ", ")
        print("\(entry.time)  \(entry.user)@\(entry.host)  \(entry.database.name)/\(entry.schema)  \(entry.outcome)")
        print("  \(entry.command.joined(separator: " "))")
        print("  plan: \(steps.isEmpty ? "nothing" : steps)")
      }
    }
  }
}
