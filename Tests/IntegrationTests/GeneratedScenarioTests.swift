import Foundation
import Migrations
import TestSupport
import Testing

/// Seeded, reproducible incidents built from Sourcegraph's real migrations (the stitched graph
/// in ../shared/corpus): five kinds in turn (failed up, dead pending up, live lock holder,
/// concurrent-index leftover, half-done revert), each checked for its verdict against what
/// really ran and repaired with the first suggestion as printed, the result compared with
/// `pg_dump --schema-only` of a database where the migration ran cleanly or never ran.
///
/// `RBSHELL_SCENARIO_SEEDS` (default 30) scenarios from `RBSHELL_SCENARIO_FIRST_SEED` (default 1),
/// or `RBSHELL_SCENARIO_SEED_LIST`; `scripts/scenarios` runs 300 and prints the figures.
@Suite(.enabled(if: TestEnvironment.databaseTestsEnabled && Corpus.testsEnabled, "needs PostgreSQL and the stitched graph"))
struct GeneratedScenarioTests {
  static let environment = ProcessInfo.processInfo.environment
  static let count = UInt64(environment["RBSHELL_SCENARIO_SEEDS"] ?? "") ?? 30
  static let first = UInt64(environment["RBSHELL_SCENARIO_FIRST_SEED"] ?? "") ?? 1
  /// `RBSHELL_SCENARIO_SEED_LIST=159,266`: exactly these seeds (to reproduce a report line).
  static let seeds: [UInt64] =
    environment["RBSHELL_SCENARIO_SEED_LIST"].map { $0.split(separator: ",").compactMap { UInt64($0) } }
    ?? Array(first..<(first + count))

  @Test func generatedIncidentsGetTheRightVerdictAndARepairThatLeavesTheRightSchema() throws {
    let graph = try StitchedGraph.decode(try Corpus.requiredStitchedGraph(), location: "stitched")
    let catalog = ScenarioCatalog(graph)
    let world = try ScenarioWorld(catalog)
    let runner = ScenarioRun(world: world, graphPath: Corpus.stitchedGraphURL.path)
    var splits: [String: [String]] = [:]
    func split(_ sql: String) throws -> [String] {
      if let known = splits[sql] { return known }
      let statements = try ParserOracle.split([sql]).first?.statements ?? []
      splits[sql] = statements
      return statements
    }
    var results: [ScenarioRun.Result] = []
    var setupFailures: [String] = []
    for seed in Self.seeds {
      guard let plan = try catalog.plan(seed: seed, split: split) else { continue }
      do {
        let result = try runner.run(plan)
        results.append(result)
        print(Self.line(result))
      } catch let failure as ScenarioRun.SetupFailed {
        setupFailures.append("\(plan): \(failure)")
        print("SETUP \(plan): \(failure)")
      }
    }
    print(Self.summary(results, setupFailures: setupFailures))
    let damaged = results.filter(\.damage)
    #expect(damaged.isEmpty, "silent damage: \(damaged.map(Self.line))")
    let wrong = results.filter { !$0.acceptable }
    #expect(Double(wrong.count) <= Double(results.count) * 0.01, "wrong verdicts: \(wrong.map(Self.line))")
    let unclean = results.filter { !$0.clean }
    #expect(Double(unclean.count) <= Double(results.count) * 0.01, "not clean after the suggested repair: \(unclean.map(Self.line))")
    #expect(setupFailures.count * 10 <= results.count, "scenarios that could not be built: \(setupFailures)")
  }

  static func line(_ result: ScenarioRun.Result) -> String {
    let mark =
      result.damage
      ? "DAMAGE"
      : !result.acceptable
        ? "WRONG"
        : !result.clean
          ? "UNCLEAN"
          : result.exact && !result.statesRight ? "STATES" : result.exact ? "ok" : "ok~"
    return "\(mark) \(result.plan): verdict \(result.verdict) (truth \(result.plan.truth))"
      + (result.repair.map { "; ran \($0) → \(result.repairStatus.map(String.init) ?? "-")" } ?? "")
      + (result.note.isEmpty ? "" : "; \(result.note)")
  }

  /// Per kind: verdicts exact / acceptable / wrong, clean after the repair, silent damage.
  static func summary(_ results: [ScenarioRun.Result], setupFailures: [String]) -> String {
    func percent(_ part: Int, _ whole: Int) -> String { whole == 0 ? "-" : String(format: "%.1f %%", Double(part) * 100 / Double(whole)) }
    var lines = ["generated scenarios: \(results.count) run, \(setupFailures.count) could not be built"]
    for kind in ScenarioPlan.Kind.allCases + [nil] {
      let group = results.filter { kind == nil || $0.plan.kind == kind }
      guard !group.isEmpty else { continue }
      let exact = group.filter(\.exact).count
      let acceptable = group.filter(\.acceptable).count
      lines.append(
        "  \((kind?.rawValue ?? "all").padding(toLength: 26, withPad: " ", startingAt: 0)) n=\(group.count)"
          + "  verdict exact \(percent(exact, group.count)), acceptable \(percent(acceptable, group.count)),"
          + " states right \(percent(group.filter(\.statesRight).count, group.count)),"
          + " clean after repair \(percent(group.filter(\.clean).count, group.count)), silent damage \(group.filter(\.damage).count)")
    }
    return lines.joined(separator: "\n")
  }
}
