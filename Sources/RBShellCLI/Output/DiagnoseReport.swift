import Migrations
import RBShellCore
import RBShellPostgres

/// Renders diagnose results: headlines first, then each schema's findings with evidence and
/// the commands to run; or the JSON document.
struct DiagnoseReport {
  let result: DiagnoseService.Result
  let remedies: RemedyText

  init(result: DiagnoseService.Result, remedies: RemedyText = RemedyText()) {
    self.result = result
    self.remedies = remedies
  }

  /// 5 busy, else 65 invalid definitions, else 4 errors, else nil (0).
  func exitStatus(definitionsInvalid: Bool) -> ExitStatus? {
    if result.diagnoses.contains(where: \.isBusy) { return .busy }
    if definitionsInvalid { return .badInput }
    if result.diagnoses.contains(where: \.hasErrors) || result.otherLedgers.contains(where: \.needsRepair) { return .needsRepair }
    return nil
  }

  func text(verbose: Bool) -> String {
    var lines = result.diagnoses.map(\.headline)
    for diagnosis in result.diagnoses where !diagnosis.findings.isEmpty || !diagnosis.limitations.isEmpty {
      lines.append("")
      let db = result.databases[diagnosis.schema]
      lines.append("\(diagnosis.schema)" + (db.map { " (database \($0.name) on \($0.host):\($0.port))" } ?? ""))
      for finding in diagnosis.findings { lines += FindingText.lines(finding, verbose: verbose, remedies: remedies) }
      lines += diagnosis.limitations.map { "  note: \($0)" }
    }
    var text = lines.joined(separator: "\n") + "\n"
    for report in result.otherLedgers {
      text += "\nother tools' ledgers (database \(report.database.name)): rbshell diagnose --tool TOOL for one\n"
      text += ToolLedgerText.render(report, tool: nil).split(separator: "\n").map { "  \($0)\n" }.joined()
    }
    return text
  }

  func json() -> String {
    struct SchemaJSON: Encodable {
      var schema: String, headline: String, health: String, ledger: String
      var database: DatabaseLabel?
      var state: LedgerState
      var findings: [FindingJSON]
      var limitations: [String]
    }
    struct Document: Encodable {
      var schemas: [SchemaJSON]
      /// Other tools' ledgers, per database (`rbshell ledgers --json`'s document each).
      var otherLedgers: [ToolLedgerJSON]
    }
    return JSONOutput.encode(
      Document(
        schemas: result.diagnoses.map {
          SchemaJSON(
            schema: $0.schema.rawValue, headline: $0.headline, health: $0.status.health.rawValue,
            ledger: $0.status.ledger.rawValue, database: result.databases[$0.schema], state: $0.status.state,
            findings: $0.findings.map { FindingJSON(finding: $0, suggestions: $0.remedies.map(remedies.line)) }, limitations: $0.limitations)
        }, otherLedgers: result.otherLedgers.map { ToolLedgerJSON($0) }))
  }
}

/// A finding in the JSON document: its fields (remedies as data) plus `suggestions`, the
/// remedies rendered as command lines.
struct FindingJSON: Encodable {
  var finding: Finding
  var suggestions: [String]

  enum Keys: String, CodingKey { case suggestions }

  func encode(to encoder: any Encoder) throws {
    try finding.encode(to: encoder)
    var container = encoder.container(keyedBy: Keys.self)
    try container.encode(suggestions, forKey: .suggestions)
  }
}

enum FindingText {
  static func lines(_ finding: Finding, verbose: Bool, remedies: RemedyText) -> [String] {
    var lines = ["  \(finding.severity.rawValue.uppercased()) \(finding.code.rawValue): \(finding.message)"]
    lines += finding.evidence.map { "    \($0)" }
    if let ending = finding.analysis?.transactionEnding {
      lines.append("    not atomic: its \(ending.statement) at line \(ending.line) ends the transaction it runs in, so what precedes it commits on its own")
    }
    if let analysis = finding.analysis {
      // How the verdict was reached: the outcomes the catalog rules out and the ones it fits.
      lines += analysis.evidence.map { "    \($0)" }
    }
    if let analysis = finding.analysis, verbose || analysis.verdict == .partiallyApplied || analysis.verdict == .unknown {
      lines.append("    \(analysis.direction).sql, statement by statement:")
      lines += analysis.statements.map { statement in
        let mark = statement.state == .applied ? "in " : statement.state == .notApplied ? "out" : " ? "
        let detail = verbose || statement.state == .unknown ? " — \(statement.reason)\(statement.weak ? " (weak evidence)" : "")" : ""
        return "      [\(mark)] \(statement.index). line \(statement.line): \(statement.summary)\(detail)"
      }
    }
    if !finding.remedies.isEmpty {
      lines.append("    run:")
      lines += finding.remedies.map { "      " + remedies.line($0) }
    }
    return lines
  }
}
