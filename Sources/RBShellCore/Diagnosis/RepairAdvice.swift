import Migrations

/// Turns a verdict into words and into the repair commands that fit it.
enum RepairAdvice {
  static func describe(_ analysis: MigrationAnalysis) -> String {
    let total = analysis.statements.count
    switch analysis.verdict {
    case .notApplied: return total == 1 ? "not applied (its statement did not take effect)" : "not applied (none of its \(total) statements took effect)"
    case .partiallyApplied: return "partially applied (\(analysis.appliedCount) of \(total) statements)"
    case .fullyApplied: return "fully applied (the ledger is wrong: the SQL ran)"
    case .unknown:
      if analysis.rerunSafe { return "effect unknown (the catalog looks the same whether or not it ran; running it again is safe)" }
      let unchecked = analysis.statements.filter { $0.state == .unknown }.count
      return unchecked > 0 ? "effect unknown (\(unchecked) statement(s) cannot be checked)" : "effect unknown (the catalog fits both outcomes)"
    }
  }

  /// The order repairs are offered in when several fit: the least destructive first.
  static let preference: [RepairAction] = [.retry, .complete, .markApplied, .markReverted, .revert]

  /// The repairs that fit the verdict — by `RepairAction.fits`, the table the planner accepts
  /// repairs by — so a suggestion can never be refused as printed.
  static func remedies(for analysis: MigrationAnalysis?, entry: LedgerEntry, input: DiagnosisInput) -> [Remedy] {
    // Without the migration's SQL there is no verdict, and no repair can be chosen safely:
    // the finding's message and the limitations say to give --migrations.
    guard let analysis else { return [] }
    let privileged = input.graph?[entry.version]?.privileged ?? false
    func remedy(_ action: RepairAction, force: Bool = false, note: String? = nil) -> Remedy {
      var arguments: [Remedy.Argument] = [.version(entry.version)]
      if force { arguments.append(.force) }
      var notes = note.map { [$0] } ?? []
      if privileged, action.runsMigrationSQL {
        // The migrator's default refuses a privileged migration for a role that is not a superuser.
        arguments.append(.privileged(.apply))
        notes.append(PrivilegedAdvice.note)
      }
      return Remedy(Remedy.Command(action), schema: input.schema, arguments, note: notes.isEmpty ? nil : notes.joined(separator: "; "))
    }
    let fitting = preference.filter { $0.fits(analysis, attemptWasUp: entry.up) }
    if !fitting.isEmpty { return fitting.map { remedy($0) } }
    // No verdict to check a repair against: the operator decides, so each needs --force
    // (recorded in the audit log) — without it the repair would refuse.
    return [
      Remedy(.diagnose, schema: input.schema, [.verbose]),
      remedy(.retry, force: true, note: "if the statements above did not take effect"),
      remedy(entry.up ? .markApplied : .markReverted, force: true, note: "if they did"),
    ]
  }

  /// A pre-3.37 dirty flag: cleared at the proven version, or by hand first when the verdict
  /// cannot decide (`LegacyFlagPlanner.decides`, the planner's own table).
  static func legacyRemedies(for analysis: MigrationAnalysis?, version: Int, input: DiagnosisInput) -> [Remedy] {
    guard let analysis else { return [] }
    if LegacyFlagPlanner.decides(analysis.verdict) {
      return [Remedy(.repairClearDirty, schema: input.schema, [.version(version)])]
    }
    return [
      Remedy(.diagnose, schema: input.schema, [.verbose]),
      Remedy(.repairClearDirty, schema: input.schema, [.version(version), .force], note: "once its statements are finished by hand"),
    ]
  }
}

/// What a command that runs a privileged (extension-changing) migration needs, said once.
enum PrivilegedAdvice {
  static let note = "as a superuser (it changes an extension); --privileged=noop instead to run its SQL by hand"
}
