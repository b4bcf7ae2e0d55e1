import Migrations
import Testing

@testable import RBShellCore

/// Drift's pure parts: the comparison, the attribution and the build plan, over hand-made
/// descriptions (the end-to-end tests run them on Sourcegraph's real migrations).
@Suite struct DriftLogicTests {
  func table(_ name: String, comment: String? = nil) -> SchemaObject {
    SchemaObject(.table, schema: "public", name: name, properties: ["persistence": "logged"], cosmetic: comment.map { ["comment": $0] } ?? [:])
  }

  func column(_ table: String, _ name: String, type: String = "integer", position: Int) -> SchemaObject {
    SchemaObject(.column, schema: "public", name: name, table: table, properties: ["type": type, "not null": "false"], position: position)
  }

  @Test func aMissingTableTakesItsColumnsAndIndexesWithIt() {
    let index = SchemaObject(.index, schema: "public", name: "t_a", table: "t", properties: ["definition": "CREATE INDEX t_a ON public.t (a)"])
    let expected = SchemaDescription(objects: [table("t"), column("t", "a", position: 1), index, table("u"), column("u", "b", position: 1)])
    let live = SchemaDescription(objects: [table("u"), column("u", "b", position: 1)])
    let differences = DriftComparison.compare(expected: expected, live: live)
    #expect(differences.map(\.object.key) == ["table public.t"])
    #expect(differences.first?.absorbed.map(\.key) == ["column public.t.a", "index public.t.t_a"])
  }

  @Test func aTypeChangeIsRealAndACommentOrColumnOrderIsCosmetic() {
    let expected = SchemaDescription(objects: [table("t"), column("t", "a", position: 1), column("t", "b", position: 2)])
    let live = SchemaDescription(objects: [
      table("t", comment: "hand note"), column("t", "a", type: "bigint", position: 2), column("t", "b", position: 1),
    ])
    let differences = DriftComparison.compare(expected: expected, live: live)
    let real = differences.filter { !$0.cosmetic }
    #expect(real.map(\.object.key) == ["column public.t.a"])
    #expect(real.first?.properties == [.init(name: "type", expected: "integer", live: "bigint")])
    let cosmetic = differences.filter(\.cosmetic).flatMap(\.properties).map(\.name).sorted()
    #expect(cosmetic == ["column order", "comment"])
  }

  @Test func equalDescriptionsHaveNoDifference() {
    let objects = [table("t"), column("t", "a", position: 1)]
    #expect(DriftComparison.compare(expected: SchemaDescription(objects: objects), live: SchemaDescription(objects: objects)).isEmpty)
  }

  @Test func theMovedColumnsAreThoseOutOfTheLongestSharedOrder() {
    #expect(DriftComparison.movedColumns(expected: ["id", "a", "b", "c"], live: ["id", "b", "c", "a"]) == ["a"])
    #expect(DriftComparison.movedColumns(expected: ["id", "a"], live: ["id", "a"]).isEmpty)
  }

  @Test func theLastMigrationTouchingAnObjectIsNamed() {
    let attribution = DriftAttribution([
      Definition(id: 1, upQuery: "CREATE TABLE t (a int, b int);"),
      Definition(id: 2, parents: [1], upQuery: "ALTER TABLE t ALTER COLUMN a TYPE bigint;"),
      Definition(id: 3, parents: [2], upQuery: "CREATE INDEX t_b ON t (b); CREATE TABLE other (id int);"),
    ])
    #expect(attribution.migration(for: column("t", "a", position: 1)) == 2)
    #expect(attribution.migration(for: SchemaObject(.index, schema: "public", name: "t_b", table: "t")) == 3)
    #expect(attribution.migration(for: column("t", "b", position: 2)) == 2, "no statement names b: its table's last migration")
    #expect(attribution.migration(for: column("t", "hack", position: 3), viaTable: false) == nil)
    #expect(attribution.migration(for: table("nobody")) == nil)
  }

  @Test func thePlanBuildsTheExpectedSetFromItsLeavesAndItsKeyFollowsTheSQL() throws {
    let definitions = [
      Definition(id: 1, upQuery: "CREATE TABLE a (id int);"), Definition(id: 2, parents: [1], upQuery: "CREATE TABLE b (id int);"),
      Definition(id: 3, parents: [2], upQuery: "CREATE TABLE c (id int);"),
    ]
    let plan = try DriftPlan(graph: try MigrationGraph(definitions), schema: .frontend, expected: [1, 2, 99])
    #expect(plan.targets == [2])
    #expect(plan.definitions.map(\.id) == [1, 2])
    #expect(plan.unknown == [99])
    #expect(plan.addedAncestors.isEmpty)
    let gap = try DriftPlan(graph: try MigrationGraph(definitions), schema: .frontend, expected: [1, 3])
    #expect(gap.addedAncestors == [2])
    var edited = definitions
    edited[1].upQuery = "CREATE TABLE b (id bigint);"
    let again = try DriftPlan(graph: try MigrationGraph(edited), schema: .frontend, expected: [1, 2])
    #expect(again.key != plan.key && again.key.count == 16)
    #expect(try DriftPlan(graph: try MigrationGraph(definitions), schema: .codeintel, expected: [1, 2]).key != plan.key)
  }

  /// What is not this schema's is left out: the ledgers, another schema's objects in a shared
  /// database, another application's namespace; a ledger that changed meanwhile is a warning.
  @Test func theResultComparesOnlyThisSchemasObjects() throws {
    let definitions = [Definition(id: 1, upQuery: "CREATE TABLE t (a int);")]
    let plan = try DriftPlan(graph: try MigrationGraph(definitions), schema: .frontend, expected: [1])
    let expected = SchemaDescription(objects: [table("t"), column("t", "a", position: 1), table("migration_logs")])
    var live = expected
    live.objects += [
      table("codeintel_only"), SchemaObject(.table, schema: "analytics", name: "events"), table("schema_migrations"), table("hotfix"),
    ]
    let result = DriftResult(
      plan: plan, expected: expected, live: live, otherDefinitions: [[Definition(id: 9, upQuery: "CREATE TABLE codeintel_only (id int);")]],
      appliedNow: [1, 2])
    #expect(result.differences.map(\.object.key) == ["table public.hotfix"])
    #expect(result.notCompared == ["analytics"])
    #expect(
      result.warnings == ["the ledger changed while drift ran (now applied: 2; no longer: none), so differences may be that migration's: run drift again"])
    #expect(DriftResult(plan: plan, expected: expected, live: expected, otherDefinitions: [], appliedNow: nil).warnings.isEmpty)
  }
}
