import Migrations

/// diagnose's answer for one schema: the ledger as the migrator reads it, findings most
/// important first, and what could not be checked.
public struct SchemaDiagnosis: Sendable, Equatable {
  public var schema: Schema
  public var status: SchemaStatus
  public var findings: [Finding]
  /// Checks that were skipped or degraded, and why.
  public var limitations: [String]

  public var isBusy: Bool { findings.contains { $0.code == .migrationInProgress } }
  public var hasErrors: Bool { findings.contains { $0.severity == .error } }

  /// One line for the top of the report: `codeintel: DIRTY — migration 1700001100 failed, partially applied (2 of 3 statements)`.
  public var headline: String {
    if isBusy, let busy = findings.first(where: { $0.code == .migrationInProgress }) {
      return "\(schema): BUSY — \(busy.message)"
    }
    if let first = findings.first(where: { $0.severity == .error }) {
      return "\(schema): DIRTY — \(first.message)"
    }
    if status.health == .noLedger { return "\(schema): NO LEDGER — nothing to diagnose" }
    let warnings = findings.filter { $0.severity == .warning }.count
    return "\(schema): OK" + (warnings > 0 ? " (\(warnings) warning\(warnings == 1 ? "" : "s"))" : "")
  }
}

/// Runs every rule over one schema's input.
public enum Diagnoser {
  public static func diagnose(_ input: DiagnosisInput) -> SchemaDiagnosis {
    let status = SchemaStatus(schema: input.schema, snapshot: input.ledger)
    var findings: [Finding] = []
    var limitations: [String] = []
    findings += LedgerRules.findings(input, status: status)
    findings += LockRules.findings(input, status: status)
    findings += IndexRules.findings(input)
    let (graphFindings, graphLimits) = GraphRules.findings(input, status: status)
    findings += graphFindings
    limitations += graphLimits
    if !input.catalog.activityVisible {
      limitations.append("other sessions' activity is hidden from this role (grant pg_read_all_stats): lock holders are shown by pid only")
    }
    let ordered = findings.enumerated().sorted { a, b in
      (a.element.severity, a.offset) < (b.element.severity, b.offset)
    }.map(\.element)
    return SchemaDiagnosis(schema: input.schema, status: status, findings: ordered, limitations: limitations)
  }
}
