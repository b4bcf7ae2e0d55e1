import Migrations
import Testing

@testable import RBShellCore

/// Diagnose's suggested repairs and the repair planner must agree: every repair diagnose prints
/// for a failed attempt — upgrade or revert, any verdict — is one the planner accepts as printed.
@Suite struct RepairAdviceTests {
  /// Against a catalog holding table `a` only: SQL whose verdict is each of the four.
  static let upSQL: [MigrationAnalysis.Verdict: String] = [
    .notApplied: "CREATE TABLE z (id int);",
    .partiallyApplied: "CREATE TABLE a (id int); CREATE TABLE z (id int);",
    .fullyApplied: "CREATE TABLE a (id int);",
    .unknown: "INSERT INTO a VALUES (1);",
  ]
  static let downSQL: [MigrationAnalysis.Verdict: String] = [
    .notApplied: "DROP TABLE a;",
    .partiallyApplied: "DROP TABLE z; DROP TABLE a;",
    .fullyApplied: "DROP TABLE z;",
    .unknown: "DELETE FROM a;",
  ]
  static let catalog = CatalogSnapshot(relations: [QualifiedName("public", "a"): Relation(kind: .table)])

  /// Diagnose's finding on migration 11 (after 10, applied) whose latest attempt failed.
  static func failedFinding(_ definition: Definition, _ attempt: LedgerEntry) throws -> Finding {
    let graph = try MigrationGraph([Definition(id: 10), definition])
    let input = DiagnosisInput(
      schema: .frontend, database: "sg",
      ledger: LedgerSnapshot(hasMigrationLogs: true, entries: [LedgerEntry(version: 10, up: true, success: true, startedAt: 1), attempt]),
      catalog: catalog, definitions: .graph(graph), now: 1000)
    return try #require(Diagnoser.diagnose(input).findings.first { $0.code == .failedMigration })
  }

  @Test(arguments: [true, false], [MigrationAnalysis.Verdict.notApplied, .partiallyApplied, .fullyApplied, .unknown])
  func everySuggestedRepairIsAcceptedAsPrinted(up: Bool, verdict: MigrationAnalysis.Verdict) throws {
    let sql = (up ? Self.upSQL : Self.downSQL)[verdict]!
    let definition = Definition(id: 11, parents: [10], upQuery: up ? sql : "", downQuery: up ? "" : sql)
    let attempt = LedgerEntry(version: 11, up: up, success: false, startedAt: 2)
    let finding = try Self.failedFinding(definition, attempt)
    let analysis = try #require(finding.analysis)
    #expect(analysis.verdict == verdict)
    let repairs = finding.remedies.compactMap { remedy in RepairAction.allCases.first { Remedy.Command($0) == remedy.command }.map { ($0, remedy) } }
    #expect(!repairs.isEmpty)
    for (action, remedy) in repairs {
      #expect(throws: Never.self, "\(remedy.words)") {
        try RepairPlanner.plan(
          action, schema: .frontend, definition: definition, attempt: attempt, analysis: analysis, force: remedy.arguments.contains(.force))
      }
    }
    // And every repair the planner accepts without --force is suggested: one table decides both.
    let accepted = RepairAction.allCases.filter { action in
      (try? RepairPlanner.plan(action, schema: .frontend, definition: definition, attempt: attempt, analysis: analysis, force: false)) != nil
    }
    #expect(Set(accepted) == Set(repairs.filter { !$0.1.arguments.contains(.force) }.map(\.0)))
  }

  /// Neither outcome told apart, but running it again is right for both: retry is suggested
  /// without --force, and accepted as printed.
  @Test func aRerunSafeUnknownIsRetried() throws {
    let definition = Definition(id: 11, parents: [10], upQuery: "DROP TABLE IF EXISTS a; CREATE TABLE a (id int);")
    let attempt = LedgerEntry(version: 11, up: true, success: false, startedAt: 2)
    let finding = try Self.failedFinding(definition, attempt)
    #expect(finding.message.contains("running it again is safe"))
    #expect(finding.remedies.map(\.command) == [Remedy.Command(RepairAction.retry)])
    #expect(finding.remedies.allSatisfy { !$0.arguments.contains(.force) })
    let analysis = try #require(finding.analysis)
    #expect(throws: Never.self) {
      try RepairPlanner.plan(.retry, schema: .frontend, definition: definition, attempt: attempt, analysis: analysis, force: false)
    }
    #expect(throws: RepairRefusal.contradicts(action: .markApplied, verdict: .unknown, version: 11)) {
      try RepairPlanner.plan(.markApplied, schema: .frontend, definition: definition, attempt: attempt, analysis: analysis, force: false)
    }
  }

  @Test(arguments: [MigrationAnalysis.Verdict.notApplied, .partiallyApplied, .fullyApplied, .unknown])
  func theLegacyFlagsSuggestionIsAcceptedAsPrinted(verdict: MigrationAnalysis.Verdict) throws {
    let definition = Definition(id: 11, parents: [10], upQuery: Self.upSQL[verdict]!)
    let graph = try MigrationGraph([Definition(id: 10), definition])
    let legacy = LegacyTable(table: "schema_migrations", rows: [LegacyRow(version: 11, dirty: true)])
    let input = DiagnosisInput(
      schema: .frontend, database: "sg", ledger: LedgerSnapshot(hasMigrationLogs: false, legacy: legacy),
      catalog: Self.catalog, definitions: .graph(graph), now: 1000)
    let finding = try #require(Diagnoser.diagnose(input).findings.first { $0.code == .legacyDirtyFlag })
    let analysis = try #require(finding.analysis)
    #expect(analysis.verdict == verdict)
    let remedy = try #require(finding.remedies.first { $0.command == .repairClearDirty })
    let repair = try LegacyFlagPlanner.plan(
      schema: .frontend, legacy: legacy, consulted: true, version: 11, ids: graph.ids,
      analysis: analysis, force: remedy.arguments.contains(.force))
    #expect(repair.cleanVersion == (verdict == .notApplied ? 10 : 11))
  }

  /// A privileged migration's repair and the up plans over it are refused without --privileged:
  /// the suggestions carry it (and say that it needs a superuser).
  @Test func privilegedMigrationsAreSuggestedWithPrivilegedApply() throws {
    let graph = try MigrationGraph([
      Definition(id: 10), Definition(id: 11, parents: [10], upQuery: "CREATE EXTENSION pg_trgm;", privileged: true),
      Definition(id: 12, parents: [11], upQuery: "CREATE TABLE q (id int);"),
    ])
    let input = DiagnosisInput(
      schema: .frontend, database: "sg",
      ledger: LedgerSnapshot(
        hasMigrationLogs: true,
        entries: [
          LedgerEntry(version: 10, up: true, success: true, startedAt: 1), LedgerEntry(version: 11, up: true, success: false, startedAt: 2),
        ]),
      catalog: Self.catalog, definitions: .graph(graph), now: 1000)
    let findings = Diagnoser.diagnose(input).findings
    let retry = try #require(findings.first { $0.code == .failedMigration }?.remedies.first)
    #expect(retry.words == ["repair", "retry", "--db", "frontend", "--version", "11", "--privileged=apply"])
    #expect(retry.note?.hasPrefix("as a superuser") == true)
    let up = try #require(findings.first { $0.code == .unappliedMigrations }?.remedies)
    #expect(up.allSatisfy { $0.arguments.contains(.privileged(.apply)) && $0.note?.hasPrefix("after repairing 11 (see above); as a superuser") == true })
  }

  /// `complete` runs what comes after the prefix that ran: never a data statement before a
  /// statement proven in (it ran already); and it is neither suggested nor accepted when a
  /// statement before the last one in is proven out.
  @Test func completeRunsOnlyWhatFollowsThePrefix() throws {
    let attempt = LedgerEntry(version: 11, up: true, success: false, startedAt: 2)
    func plan(_ sql: String, force: Bool = false) throws(RepairRefusal) -> RepairPlan {
      let definition = Definition(id: 11, upQuery: sql)
      let analysis = MigrationAnalysis(definition: definition, up: true, catalog: Self.catalog)
      return try RepairPlanner.plan(.complete, schema: .frontend, definition: definition, attempt: attempt, analysis: analysis, force: force)
    }
    let completed = try plan("INSERT INTO a VALUES (1); CREATE TABLE a (id int); CREATE TABLE z (id int);")
    #expect(completed.step.definition.upQuery == "CREATE TABLE z (id int);")
    #expect(throws: RepairRefusal.scattered(version: 11, lines: ["1"])) { try plan("CREATE TABLE z (id int); CREATE TABLE a (id int);") }
    #expect(try plan("CREATE TABLE z (id int); CREATE TABLE a (id int);", force: true).step.definition.upQuery == "CREATE TABLE z (id int);")
    let scattered = MigrationAnalysis(
      definition: Definition(id: 11, upQuery: "CREATE TABLE z (id int); CREATE TABLE a (id int);", downQuery: "DROP TABLE IF EXISTS a, z;"),
      up: true, catalog: Self.catalog)
    #expect(!RepairAction.complete.fits(scattered, attemptWasUp: true))
    #expect(RepairAction.revert.fits(scattered, attemptWasUp: true))
  }

  /// A revert whose down SQL does not undo what the attempt left would leave the schema in
  /// neither state: not suggested, refused without --force, naming what it leaves.
  @Test func aRevertThatCannotUndoTheAttemptIsRefused() throws {
    let definition = Definition(id: 11, upQuery: "CREATE TABLE a (id int); CREATE TABLE z (id int);", downQuery: "DROP TABLE IF EXISTS z;")
    let attempt = LedgerEntry(version: 11, up: true, success: false, startedAt: 2)
    let analysis = MigrationAnalysis(definition: definition, up: true, catalog: Self.catalog)
    #expect(analysis.revertLeaves == ["up.sql statement 1 (line 1): table public.a exists"])
    #expect(!RepairAction.revert.fits(analysis, attemptWasUp: true))
    #expect(throws: RepairRefusal.revertLeaves(version: 11, facts: analysis.revertLeaves)) {
      try RepairPlanner.plan(.revert, schema: .frontend, definition: definition, attempt: attempt, analysis: analysis, force: false)
    }
    #expect(try RepairPlanner.plan(.revert, schema: .frontend, definition: definition, attempt: attempt, analysis: analysis, force: true).warnings.count == 1)
  }

  @Test func aRevertsVerdictJudgesItsDownSQL() throws {
    let attempt = LedgerEntry(version: 11, up: false, success: false, startedAt: 2)
    func plan(_ action: RepairAction, _ verdict: MigrationAnalysis.Verdict) throws(RepairRefusal) -> RepairPlan {
      let definition = Definition(id: 11, downQuery: Self.downSQL[verdict]!)
      let analysis = MigrationAnalysis(definition: definition, up: false, catalog: Self.catalog)
      return try RepairPlanner.plan(action, schema: .frontend, definition: definition, attempt: attempt, analysis: analysis, force: false)
    }
    // The down SQL ran: the migration is gone, so it is recorded reverted, never applied.
    #expect(
      try plan(.markReverted, .fullyApplied).step
        == PlanStep(definition: Definition(id: 11, downQuery: Self.downSQL[.fullyApplied]!), up: false, kind: .recordOnly))
    #expect(throws: RepairRefusal.contradicts(action: .markApplied, verdict: .fullyApplied, version: 11)) { try plan(.markApplied, .fullyApplied) }
    // None of it ran: the migration is still in.
    #expect(
      try plan(.markApplied, .notApplied).step == PlanStep(definition: Definition(id: 11, downQuery: Self.downSQL[.notApplied]!), up: true, kind: .recordOnly))
    #expect(throws: RepairRefusal.notForDown(action: .revert, version: 11)) { try plan(.revert, .partiallyApplied) }
  }
}
