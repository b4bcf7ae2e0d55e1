import Migrations
import Testing

@Suite struct GraphShapeTests {
  typealias M = Fixtures.Migration

  func problems(_ migrations: [M]) throws -> InvalidDefinitions {
    try #require(throws: InvalidDefinitions.self) { try Fixtures.load(Fixtures.tree(migrations)) }
  }

  @Test func unknownParent() throws {
    let error = try problems([M(id: 10001, parents: [10000])])
    #expect(error.problems.map(\.message).contains("unknown migration 10000 referenced from migration 10001"))
  }

  @Test func noRoots() throws {
    let error = try problems([M(id: 10001, parents: [10001])])
    #expect(error.problems.map(\.code).contains(.noRoots))
  }

  @Test func multipleRoots() throws {
    let error = try problems([M(id: 10001), M(id: 10002, parents: [10001]), M(id: 10003)])
    #expect(error.problems.map(\.message) == ["expected exactly one migration to have no parent but found 2 ([10001 10003])"])
  }

  @Test func cycleReachableFromTheRoot() throws {
    let error = try problems([
      M(id: 10001), M(id: 10002, parents: [10001, 10005]), M(id: 10003, parents: [10002]),
      M(id: 10004, parents: [10003]), M(id: 10005, parents: [10004]),
    ])
    #expect(error.problems.map(\.code) == [.cycle])
    #expect(error.problems[0].instructions.hasSuffix("10002 -> 10003 -> 10004 -> 10005 -> 10002"))
  }

  @Test func cycleUnreachableFromTheRoot() throws {
    let error = try problems([
      M(id: 10001), M(id: 10002, parents: [10001]), M(id: 10003, parents: [10004]),
      M(id: 10004, parents: [10003]), M(id: 10005, parents: [10004]),
    ])
    #expect(error.problems.map(\.code) == [.cycle])
    #expect(error.problems[0].message == "migrations 10004 and 10003 declare each other as dependencies")
  }

  @Test func unrelatedMigrationsAscendByIDAndFollowTheirParents() throws {
    let graph = try Fixtures.load(
      Fixtures.tree([
        M(id: 1), M(id: 50, parents: [1]), M(id: 20, parents: [1]), M(id: 30, parents: [50]), M(id: 10, parents: [20, 30]),
      ]))
    #expect(graph.ids == [1, 20, 50, 30, 10])
  }

  @Test func leafDominatorIsTheNearestCommonAncestorOfAllLeaves() throws {
    let graph = try Fixtures.load(
      Fixtures.tree([
        M(id: 1), M(id: 2, parents: [1]), M(id: 3, parents: [1]), M(id: 4, parents: [2, 3]),
        M(id: 5, parents: [4]), M(id: 6, parents: [4]),
      ]))
    #expect(graph.leafDominator()?.id == 4)
    #expect(graph.leafDominator(extra: [2])?.id == 1)
    #expect(try Fixtures.load(Fixtures.tree(Fixtures.wellFormed)).leafDominator()?.id == 10006)
  }
}
