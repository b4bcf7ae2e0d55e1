import RBShellCore
import RBShellPostgres

/// `rbshell ledgers` and `diagnose --tool` as text: each tool's ledger, its versions that did not finish first.
enum ToolLedgerText {
  static func render(_ report: ToolLedgerService.Report, tool: LedgerTool?) -> String {
    guard !report.ledgers.isEmpty else {
      let what = tool.map { "no \($0.displayName) ledger" } ?? "no other migration tool's ledger"
      return "\(what) in database \(report.database.name) (rbshell looks for: \(LedgerTool.allCases.map(\.rawValue).joined(separator: ", ")))\n"
    }
    var out = ""
    for ledger in report.ledgers {
      let failed = ledger.entries(.failed)
      let counts = [ToolLedgerEntry.State.applied, .rolledBack].compactMap { state -> String? in
        let n = ledger.entries(state).count
        return n == 0 ? nil : "\(n) \(state.rawValue)"
      }
      out += "\(ledger.tool.displayName): \(ledger.table) — \(failed.isEmpty ? "OK" : "FAILED")"
      out += counts.isEmpty ? "\n" : " (\(counts.joined(separator: ", ")))\n"
      let findings = report.findings(ledger)
      for entry in failed {
        out += "  failed \(entry.version)\(entry.name.map { " (\($0))" } ?? ""): \(entry.words)\n"
        guard let finding = findings.first(where: { $0.version == entry.version }), let verdict = finding.verdict else { continue }
        out += "    verdict: \(verdict.analysis.verdict.rawValue) — \(verdict.reason)\n"
        out += "    why: \(verdict.evidence[0])\n"
        out +=
          finding.remedy.map { "    repair: \($0)   (golang-migrate's CLI, with your -path and -database)\n" } ?? "    repair: none yet: \(verdict.reason)\n"
      }
      // Findings about the ledger as a whole (its versions' failures are listed above).
      for finding in findings where finding.version == nil {
        out += "  \(finding.severity.rawValue.uppercased()) \(finding.code.rawValue): \(finding.message)\n"
      }
      if failed.isEmpty, ledger.entries.isEmpty { out += "  empty: \(ledger.tool.displayName) records a failure as \(ledger.tool.failureRecord)\n" }
    }
    return out
  }
}

/// `rbshell ledgers --json`: `{"database": …, "ledgers": [{"tool", "table", "entries", "findings"}]}`.
struct ToolLedgerJSON: Encodable {
  struct Ledger: Encodable {
    var tool: LedgerTool
    var table: String
    var entries: [ToolLedgerEntry]
    var findings: [ToolLedgerFinding]
  }

  var database: DatabaseLabel
  var ledgers: [Ledger]

  init(_ report: ToolLedgerService.Report) {
    database = report.database
    ledgers = report.ledgers.map { Ledger(tool: $0.tool, table: $0.table, entries: $0.entries, findings: report.findings($0)) }
  }
}
