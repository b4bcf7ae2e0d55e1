import Migrations
import SeededRandom
import Testing

/// Properties of the plans over many random graphs (seeded, so a failure reproduces).
@Suite struct PlanPropertyTests {
  /// A random single-root DAG: node i's parents are drawn from nodes before it.
  static func randomGraph(nodes: Int, rng: inout SplitMix64) -> MigrationGraph {
    var definitions = [Definition(id: 1)]
    for id in 2...nodes {
      let count = Int.random(in: 1...3, using: &rng)
      let parents = Set((0..<count).map { _ in Int.random(in: 1..<id, using: &rng) })
      definitions.append(Definition(id: id, parents: Array(parents)))
    }
    return try! MigrationGraph(definitions.shuffled(using: &rng))
  }

  static func position(_ plan: [Definition]) -> [Int: Int] {
    Dictionary(uniqueKeysWithValues: plan.enumerated().map { ($1.id, $0) })
  }

  @Test(arguments: 0..<40)
  func downRevertsExactlyTheAppliedDescendantsChildrenFirst(seed: Int) throws {
    var rng = SplitMix64(seed: UInt64(seed))
    let graph = Self.randomGraph(nodes: Int.random(in: 2...60, using: &rng), rng: &rng)
    let applied = Set(graph.ids.filter { _ in Bool.random(using: &rng) })
    let targets = Array(Set((0..<Int.random(in: 1...3, using: &rng)).map { _ in graph.ids.randomElement(using: &rng)! }))
    let plan = try graph.downPlan(applied: applied, targets: targets)
    let expected = Set(try graph.descendants(of: targets)).subtracting(targets).intersection(applied)
    #expect(Set(plan.map(\.id)) == expected)
    #expect(plan.count == expected.count)
    let at = Self.position(plan)
    for step in plan {
      for parent in step.parents { if let p = at[parent] { #expect(at[step.id]! < p, "child \(step.id) before parent \(parent)") } }
    }
  }

  @Test(arguments: 0..<40)
  func upAppliesExactlyTheUnappliedAncestorsParentsFirst(seed: Int) throws {
    var rng = SplitMix64(seed: UInt64(1000 + seed))
    let graph = Self.randomGraph(nodes: Int.random(in: 2...60, using: &rng), rng: &rng)
    let applied = Set(graph.ids.filter { _ in Bool.random(using: &rng) })
    let targets = [graph.ids.randomElement(using: &rng)!, graph.ids.randomElement(using: &rng)!]
    let plan = try graph.upPlan(applied: applied, targets: targets)
    let expected = Set(try graph.ancestors(of: targets)).union(targets).subtracting(applied)
    #expect(Set(plan.map(\.id)) == expected)
    let at = Self.position(plan)
    for step in plan {
      for parent in step.parents { if let p = at[parent] { #expect(p < at[step.id]!, "parent \(parent) after child \(step.id)") } }
    }
  }

  /// Graphs grown as `sg migration add` grows them: each new migration's parents are all current
  /// leaves. Rolling back from a later release's leaves to an earlier release's leaves reverts
  /// exactly ancestors(L2) − ancestors(L1).
  @Test(arguments: 0..<30)
  func rollbackBetweenReleasesOfAnSgGrownGraph(seed: Int) throws {
    var rng = SplitMix64(seed: UInt64(5000 + seed))
    var definitions = [Definition(id: 1)]
    var leaves: Set<Int> = [1]
    var releases: [[Int]] = []
    var next = 2
    for _ in 0..<Int.random(in: 2...6, using: &rng) {
      for _ in 0..<Int.random(in: 1...8, using: &rng) {
        // Developers on branches: a migration attaches to all leaves, or to one (a branch).
        let parents = Bool.random(using: &rng) ? Array(leaves) : [leaves.randomElement(using: &rng)!]
        definitions.append(Definition(id: next, parents: parents))
        leaves.subtract(parents)
        leaves.insert(next)
        next += 1
      }
      releases.append(leaves.sorted())
      // A release is cut: the next migration merges every leaf, as `sg migration add` does.
      definitions.append(Definition(id: next, parents: Array(leaves)))
      leaves = [next]
      next += 1
    }
    let graph = try MigrationGraph(definitions)
    let l1 = releases.first!
    let l2 = releases.last!
    let upToL2 = Set(try graph.ancestors(of: l2)).union(l2)
    let upToL1 = Set(try graph.ancestors(of: l1)).union(l1)
    let plan = try graph.downPlan(applied: upToL2, targets: l1)
    #expect(Set(plan.map(\.id)) == upToL2.subtracting(upToL1))
  }
}
