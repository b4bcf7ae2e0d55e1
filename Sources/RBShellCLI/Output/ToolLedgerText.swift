import RBShellCore
import RBShellPostgres

/// `rbshell ledgers` and `diagnose --tool` as text: each tool's ledger, its versions that did not finish first.
enum ToolLedgerText {
  /// - Parameter suggest: rbshell's own command for a finding, when it can repair it.
  static func render(_ report: ToolLedgerService.Report, tool: LedgerTool?, suggest: (ToolLedger, ToolLedgerFinding) -> String? = { _, _ in nil }) -> String {
    let notes = report.unreadable.map { "note: cannot read \($0) (this role has no SELECT on it): grant it to see that ledger\n" }.joined()
    guard !report.ledgers.isEmpty else {
      if !notes.isEmpty { return notes }
      let what = tool.map { "no \($0.displayName) ledger" } ?? "no other migration tool's ledger"
      return "\(what) in database \(report.database.name) (rbshell looks for: \(LedgerTool.allCases.map(\.rawValue).joined(separator: ", ")))\n"
    }
    var out = ""
    for ledger in report.ledgers {
      let failed = ledger.entries(.failed)
      let counts = [ToolLedgerEntry.State.applied, .rolledBack, .pending].compactMap { state -> String? in
        let n = ledger.entries(state).count
        return n == 0 ? nil : "\(n) \(state.rawValue)"
      }
      let findings = report.findings(ledger)
      let failing = !failed.isEmpty || findings.contains { $0.severity == .error }
      out += "\(ledger.tool.displayName): \(ledger.table) — \(failing ? "FAILED" : "OK")"
      out += counts.isEmpty ? "\n" : " (\(counts.joined(separator: ", ")))\n"
      for entry in failed {
        out += "  failed \(entry.version)\(entry.name.map { " (\($0))" } ?? ""): \(entry.words)\n"
        guard let finding = findings.first(where: { $0.version == entry.version }) else { continue }
        if let verdict = finding.verdict {
          out += "    verdict: \(verdict.analysis.verdict.rawValue) — \(verdict.reason)\n"
          out += "    why: \(verdict.evidence[0])\n"
        } else if let analysis = finding.analysis {
          out += "    verdict: \(analysis.verdict.rawValue) (\(analysis.appliedCount) of \(analysis.statements.count) statements in)\n"
          out += Self.statements(analysis)
        } else {
          continue
        }
        out += Self.repairs(finding, command: suggest(ledger, finding))
      }
      for finding in findings where finding.code == .flywayChecksumMismatch {
        out += "  changed \(finding.version ?? "?"): \(finding.message)\n"
      }
      for finding in findings where finding.code == .unrecordedMigration {
        out += "  unrecorded \(finding.version ?? "?"): \(finding.message)\n"
        if let analysis = finding.analysis { out += Self.statements(analysis) }
        out += Self.repairs(finding, command: suggest(ledger, finding))
      }
      for entry in ledger.entries(.pending) { out += "  pending \(entry.version): \(entry.words)\n" }
      // Findings about the ledger as a whole (its versions' failures are listed above).
      for finding in findings where Self.aboutTheWholeLedger.contains(finding.code) {
        out += "  \(finding.severity.rawValue.uppercased()) \(finding.code.rawValue): \(finding.message)\n"
        if let analysis = finding.analysis, let version = finding.version {
          out += "    \(version): \(analysis.verdict.rawValue) (\(analysis.appliedCount) of \(analysis.statements.count) statements in)\n"
          out += Self.statements(analysis)
        }
        out += Self.repairs(finding, command: suggest(ledger, finding))
      }
      if failed.isEmpty, ledger.entries.isEmpty { out += "  empty: \(ledger.tool.displayName) records a failure as \(ledger.tool.failureRecord)\n" }
    }
    return out + notes
  }

  /// Findings printed after the versions: each is about where the ledger as a whole stands.
  static let aboutTheWholeLedger: Set<ToolLedgerFinding.Code> = [.alembicMultipleHeads, .alembicStampMismatch]

  /// rbshell's repair, the tool's own command, or — for an error with neither — that there is
  /// none yet.
  static func repairs(_ finding: ToolLedgerFinding, command: String?) -> String {
    var out = command.map { "    repair: \($0)\n" } ?? ""
    if let remedy = finding.remedy {
      out += "    or: \(remedy)   (\(finding.tool.displayName)'s own command)\n"
    } else if command == nil, finding.severity == .error {
      out += "    repair: none yet: finish or undo it by hand, then diagnose again\n"
    }
    return out
  }

  /// Each statement of an analysed file, in or out of the catalog.
  static func statements(_ analysis: MigrationAnalysis) -> String {
    analysis.statements.map { statement in
      let mark = statement.state == .applied ? "in " : statement.state == .notApplied ? "out" : " ? "
      return "    [\(mark)] \(statement.index). line \(statement.line): \(statement.summary)\n"
    }.joined()
  }
}

/// `rbshell ledgers --json`: `{"database": …, "ledgers": [{"tool", "table", "entries", "findings"}]}`;
/// a finding rbshell can repair also has `suggestion`, the command line.
struct ToolLedgerJSON: Encodable {
  struct Ledger: Encodable {
    var tool: LedgerTool
    var table: String
    var entries: [ToolLedgerEntry]
    var findings: [Finding]
  }

  struct Finding: Encodable {
    var finding: ToolLedgerFinding
    var suggestion: String?

    func encode(to encoder: any Encoder) throws {
      try finding.encode(to: encoder)
      var container = encoder.container(keyedBy: Key.self)
      try container.encodeIfPresent(suggestion, forKey: .suggestion)
    }

    enum Key: String, CodingKey { case suggestion }
  }

  var database: DatabaseLabel
  var ledgers: [Ledger]
  /// Ledger tables this role may not read.
  var unreadable: [String]

  init(_ report: ToolLedgerService.Report, suggest: (ToolLedger, ToolLedgerFinding) -> String? = { _, _ in nil }) {
    database = report.database
    unreadable = report.unreadable
    ledgers = report.ledgers.map { ledger in
      Ledger(
        tool: ledger.tool, table: ledger.table, entries: ledger.entries,
        findings: report.findings(ledger).map { Finding(finding: $0, suggestion: suggest(ledger, $0)) })
    }
  }
}
