import Migrations

/// Turns a verdict into words and into the repair commands that fit it.
enum RepairAdvice {
  static func describe(_ analysis: MigrationAnalysis) -> String {
    let total = analysis.statements.count
    switch analysis.verdict {
    case .notApplied: return total == 1 ? "not applied (its statement did not take effect)" : "not applied (none of its \(total) statements took effect)"
    case .partiallyApplied: return "partially applied (\(analysis.appliedCount) of \(total) statements)"
    case .fullyApplied: return "fully applied (the ledger is wrong: the SQL ran)"
    case .unknown: return "effect unknown (\(analysis.statements.filter { $0.state == .unknown }.count) statement(s) cannot be checked)"
    }
  }

  static func suggestions(for analysis: MigrationAnalysis?, entry: LedgerEntry, input: DiagnosisInput) -> [String] {
    let schema = input.schema, c = input.commands
    let version = "--version \(entry.version)"
    guard let analysis else {
      // Without the migration's SQL there is no verdict, and no repair can be chosen safely:
      // the finding's message and the limitations say to give --migrations.
      return []
    }
    let privileged = input.graph?[entry.version]?.privileged ?? false
    /// A repair that runs the migration's SQL; a privileged one is refused without --privileged.
    func running(_ verb: String, _ extra: String = "", note: String? = nil) -> String {
      var arguments = version + extra
      var notes = note.map { [$0] } ?? []
      if privileged {
        arguments += " --privileged=apply"
        notes.append(PrivilegedAdvice.note)
      }
      return c.command(verb, arguments, schema: schema) + (notes.isEmpty ? "" : "   # " + notes.joined(separator: "; "))
    }
    switch (analysis.verdict, entry.up) {
    case (.notApplied, _):
      return [running("repair retry")]
    case (.partiallyApplied, true):
      return [running("repair complete"), running("repair revert")]
    case (.partiallyApplied, false):
      // A half-done revert: finishing it is the repair (`revert` undoes upgrades only).
      return [running("repair complete")]
    case (.fullyApplied, true):
      return [c.command("repair mark-applied", version, schema: schema)]
    case (.fullyApplied, false):
      return [c.command("repair mark-reverted", version, schema: schema)]
    case (.unknown, _):
      // No verdict to check a repair against: the operator decides, so each needs --force
      // (recorded in the audit log) — without it the repair would refuse.
      return [
        c.command("diagnose --verbose", schema: schema),
        running("repair retry", " --force", note: "if the statements above did not take effect"),
        c.command(entry.up ? "repair mark-applied" : "repair mark-reverted", version + " --force", schema: schema) + "   # if they did",
      ]
    }
  }

  /// A pre-3.37 dirty flag: cleared at the proven version, or by hand first when the verdict
  /// cannot decide.
  static func legacySuggestions(for analysis: MigrationAnalysis?, version: Int, input: DiagnosisInput) -> [String] {
    guard let analysis else { return [] }
    let c = input.commands, schema = input.schema
    switch analysis.verdict {
    case .notApplied, .fullyApplied:
      return [c.command("repair clear-dirty", "--version \(version)", schema: schema)]
    case .partiallyApplied, .unknown:
      return [
        c.command("diagnose --verbose", schema: schema),
        c.command("repair clear-dirty", "--version \(version) --force", schema: schema) + "   # once its statements are finished by hand",
      ]
    }
  }
}

/// What a command that runs a privileged (extension-changing) migration needs, said once.
enum PrivilegedAdvice {
  static let note = "as a superuser (it changes an extension); --privileged=noop instead to run its SQL by hand"
}
