import Foundation
import TestSupport
import Testing

/// Every command diagnose prints, for every scenario (every finding kind the scenarios cover) and
/// every definitions source, pasted into a shell as printed — writes with `--dry-run`; diagnose,
/// validate-definitions and drift as they are (they write nothing to the database) — is
/// accepted by the real parser and runner: never a usage error, never refused. (The stitched
/// graph with a release is covered on Sourcegraph's real migrations by StitchedSuggestionTests.)
@Suite(.enabled(if: TestEnvironment.databaseTestsEnabled, "needs PostgreSQL: run scripts/test"))
struct RemedyPropertyTests {
  enum Source: String, CaseIterable, CustomStringConvertible {
    case directory, gitRevision
    var description: String { rawValue }

    var words: [String] {
      switch self {
      case .directory: ["--migrations", WriteTest.samples]
      case .gitRevision: ["--migrations", WriteTest.samples, "--rev", "HEAD"]
      }
    }
  }

  /// Scenarios without live sessions (those only ever suggest `diagnose`).
  static let scenarios = ScenarioFile.all().filter { $0.setups.isEmpty }

  @Test(arguments: scenarios, Source.allCases)
  func everyPrintedCommandRunsAsPrinted(scenario: ScenarioFile, source: Source) throws {
    let db = try TestDatabase()
    defer { db.drop() }
    try scenario.build(in: db)
    let diagnose = try WriteTest.rbshell(["diagnose", "--db", "all", "--json", "--dsn", db.dsn] + source.words)
    let document = try #require(try JSONSerialization.jsonObject(with: Data(diagnose.stdout.utf8)) as? [String: Any], "\(diagnose.stderr)")
    let findings = (document["schemas"] as? [[String: Any]] ?? []).flatMap { $0["findings"] as? [[String: Any]] ?? [] }
    for line in findings.flatMap({ $0["suggestions"] as? [String] ?? [] }) {
      let parts = line.components(separatedBy: "   # ")
      let command = parts[0]
      let note = parts.count > 1 ? parts[1] : ""
      let readOnly = ["rbshell diagnose", "rbshell validate-definitions", "rbshell drift"]
      let writes = !readOnly.contains(where: command.hasPrefix)
      let run = try shell(command + (writes ? " --dry-run" : ""))
      #expect(run.status != 64 && !run.stderr.contains("Usage:"), "\(line): \(run.stderr)")
      if command.hasPrefix("rbshell drift") { #expect([0, 4].contains(run.status), "\(scenario) \(source): \(line) → \(run.status): \(run.stderr)") }
      if writes {
        let blockedUntilRepaired = note.hasPrefix("after repairing") && run.status == 4 && run.stderr.contains("dirty database")
        #expect(run.status == 0 || blockedUntilRepaired, "\(scenario) \(source): \(line) → \(run.status): \(run.stderr)")
      }
    }
  }

  /// The line through /bin/sh, as an operator pastes it, with rbshell on PATH.
  func shell(_ line: String) throws -> (status: Int32, stderr: String) {
    let process = try WriterProcess([], launcher: ["/bin/sh", "-c", line])
    let status = process.wait()
    return (status, process.stderr)
  }
}
