import Foundation
import TestSupport

/// A `sql/scenarios/*.sql` file and the expectations its header states (see its README).
struct ScenarioFile: CustomStringConvertible, Sendable {
  var name: String
  var needsMigrationLogs: Bool
  var statusExit: Int32?
  /// schema → key → value, as written after `-- expect SCHEMA:`.
  var expectations: [String: [String: String]]
  var diagnoseExit: Int32?
  /// schema → expected findings, as written after `-- expect diagnose SCHEMA:` (`none`: no findings).
  var diagnoseFindings: [String: [String]] = [:]
  /// `-- setup:` lines: live sessions the test keeps open while rbshell runs.
  var setups: [String] = []
  /// `-- expect ledgers exit: N`: the exit code of `rbshell ledgers`.
  var ledgersExit: Int32?
  /// `-- expect ledgers: TOOL=TABLE key=value …` (keys `failed`, `applied`, `rolled-back`,
  /// `findings`, each a comma-separated list).
  var ledgerExpectations: [String: String] = [:]
  /// `-- expect diagnose --tool TOOL: migrations=DIR key=value …`: the tool's ledger diagnosed
  /// with its migrations folder (under `sql/tools/`); keys in `ToolVerdictExpectation`.
  var toolVerdict: ToolVerdictExpectation?

  var description: String { name }

  static func all() -> [ScenarioFile] {
    let dir = PackagePaths.root.appending(path: "sql/scenarios")
    let files = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
    return files.filter { $0.hasSuffix(".sql") }.sorted().compactMap { try? load(String($0.dropLast(4))) }
  }

  static func load(_ name: String) throws -> ScenarioFile {
    let text = try String(contentsOf: PackagePaths.scenario(name), encoding: .utf8)
    var scenario = ScenarioFile(name: name, needsMigrationLogs: false, statusExit: nil, expectations: [:])
    for line in text.split(separator: "\n") where line.hasPrefix("-- ") {
      let body = line.dropFirst(3)
      if body == "needs: migration_logs" { scenario.needsMigrationLogs = true }
      if body.hasPrefix("expect status exit: ") { scenario.statusExit = Int32(body.dropFirst(20)) }
      if body.hasPrefix("setup: ") { scenario.setups.append(String(body.dropFirst(7))) }
      if body.hasPrefix("expect diagnose exit: ") { scenario.diagnoseExit = Int32(body.dropFirst(22)) }
      if body.hasPrefix("expect ledgers exit: ") {
        scenario.ledgersExit = Int32(body.dropFirst(21))
        continue
      }
      if body.hasPrefix("expect ledgers: ") {
        for pair in body.dropFirst(16).split(separator: " ") {
          let parts = pair.split(separator: "=", maxSplits: 1)
          if parts.count == 2 { scenario.ledgerExpectations[String(parts[0])] = String(parts[1]) }
        }
        continue
      }
      if body.hasPrefix(ToolVerdictExpectation.prefix) {
        scenario.toolVerdict = ToolVerdictExpectation(body.dropFirst(ToolVerdictExpectation.prefix.count))
        continue
      }
      if body.hasPrefix("expect diagnose "), !body.hasPrefix("expect diagnose exit"), let colon = body.firstIndex(of: ":") {
        let schema = String(body[body.index(body.startIndex, offsetBy: 16)..<colon])
        let findings = body[body.index(after: colon)...].split(separator: " ").map(String.init)
        scenario.diagnoseFindings[schema] = findings == ["none"] ? [] : findings
        continue
      }
      if body.hasPrefix("expect "), let colon = body.firstIndex(of: ":"), !body.hasPrefix("expect status"), !body.hasPrefix("expect diagnose") {
        let schema = String(body[body.index(body.startIndex, offsetBy: 7)..<colon])
        let pairs = body[body.index(after: colon)...].split(separator: " ").compactMap { pair -> (String, String)? in
          let parts = pair.split(separator: "=", maxSplits: 1)
          return parts.count == 2 ? (String(parts[0]), String(parts[1])) : nil
        }
        scenario.expectations[schema] = Dictionary(pairs, uniquingKeysWith: { _, b in b })
      }
    }
    return scenario
  }

  /// Builds the scenario in a fresh database with psql (scenarios use `\\ir` and pg_temp helpers).
  func build(in db: TestDatabase) throws {
    var files = needsMigrationLogs ? ["sql/ledger/migration_logs.sql"] : []
    files.append("sql/scenarios/\(name).sql")
    try Psql.run(database: db.name, files: files)
  }
}

/// What `rbshell diagnose --tool TOOL --migrations sql/tools/DIR --json` must say of a scenario:
/// `exit`, the first finding's `finding` code (`none`: no finding), `version` and `verdict`, the
/// `repair` it suggests (`none`: no suggestion) and, when it suggests one, the exit of the same
/// diagnose after that repair ran as printed (`repaired`).
struct ToolVerdictExpectation: Sendable {
  static let prefix = "expect diagnose --tool "
  var tool: String
  var values: [String: String]

  init?(_ text: Substring) {
    guard let colon = text.firstIndex(of: ":") else { return nil }
    tool = String(text[..<colon])
    values = Dictionary(
      text[text.index(after: colon)...].split(separator: " ").compactMap { pair -> (String, String)? in
        let parts = pair.split(separator: "=", maxSplits: 1)
        return parts.count == 2 ? (String(parts[0]), String(parts[1])) : nil
      }, uniquingKeysWith: { _, last in last })
  }

  var migrations: URL { PackagePaths.root.appending(path: "sql/tools/\(values["migrations"] ?? "")") }
  var exit: Int32? { values["exit"].flatMap { Int32($0) } }
  var finding: String? { values["finding"].flatMap { $0 == "none" ? nil : $0 } }
  var repair: String? { values["repair"].flatMap { $0 == "none" ? nil : $0 } }
  var repairedExit: Int32? { values["repaired"].flatMap { Int32($0) } }
}
