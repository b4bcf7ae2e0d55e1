import Migrations
import Testing

@Suite struct PlanTests {
  /// 1 → {2, 3} → 4 (the diamond), plus 5 below 4.
  let diamond = try! MigrationGraph([
    Definition(id: 1), Definition(id: 2, parents: [1]), Definition(id: 3, parents: [1]),
    Definition(id: 4, parents: [2, 3]), Definition(id: 5, parents: [4]),
  ])

  @Test func upAppliesUnappliedAncestorsInOrder() throws {
    #expect(try diamond.upPlan(applied: [], targets: [4]).map(\.id) == [1, 2, 3, 4])
    #expect(try diamond.upPlan(applied: [1, 3, 999], targets: [5]).map(\.id) == [2, 4, 5])
    #expect(try diamond.upPlan(applied: [], targets: [2]).map(\.id) == [1, 2])
    #expect(try diamond.upPlan(applied: [1, 2, 3, 4, 5, 77], targets: [5]).isEmpty)
  }

  @Test func downRevertsAppliedDescendantsChildrenFirstAndKeepsTargets() throws {
    #expect(try diamond.downPlan(applied: [1, 2, 3, 4, 5], targets: [1]).map(\.id) == [5, 4, 3, 2])
    #expect(try diamond.downPlan(applied: [1, 2, 4, 5], targets: [2]).map(\.id) == [5, 4])
    #expect(try diamond.downPlan(applied: [1, 2, 3], targets: [4]).isEmpty)
    #expect(try diamond.downPlan(applied: [1, 2, 3, 4, 5, 999], targets: [3]).map(\.id) == [5, 4])
  }

  @Test func nestedTargetsRevertOnlyWhatIsBelowThem() throws {
    // A → X → B → Y with targets [A, B]: Y and X are reverted, B stays (the migrator's quirk).
    let chain = try MigrationGraph([
      Definition(id: 1), Definition(id: 2, parents: [1]), Definition(id: 3, parents: [2]), Definition(id: 4, parents: [3]),
    ])
    #expect(try chain.downPlan(applied: [1, 2, 3, 4], targets: [1, 3]).map(\.id) == [4, 2])
  }

  @Test func unknownTargetsAreErrors() {
    #expect(throws: PlanError.unknownMigration(42)) { try diamond.upPlan(applied: [], targets: [42]) }
    #expect(throws: PlanError.unknownMigration(42)) { try diamond.downPlan(applied: [], targets: [1, 42]) }
  }

  @Test func undoRevertsTheSingleAppliedMigrationWithoutAppliedChildren() throws {
    #expect(try diamond.undoPlan(applied: [1, 2, 3, 4]).map(\.id) == [4])
    #expect(throws: PlanError.ambiguousRevert([2, 3])) { try diamond.undoPlan(applied: [1, 2, 3]) }
    #expect(throws: PlanError.nothingToRevert) { try diamond.undoPlan(applied: [77]) }
    #expect(try diamond.undoPlan(applied: [1]).isEmpty)
    #expect(PlanError.ambiguousRevert([2, 3]).description == "ambiguous revert - candidates include 2, 3")
  }

  @Test func ancestorsDescendantsAndReleaseSubgraphs() throws {
    #expect(try diamond.ancestors(of: [4]) == [1, 2, 3])
    #expect(try diamond.descendants(of: [2]) == [4, 5])
    let release = try diamond.restricted(toAncestorsOf: [2, 3])
    #expect(release.ids == [1, 2, 3])
    #expect(release.leaves.map(\.id) == [2, 3])
  }
}
