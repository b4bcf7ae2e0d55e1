import Migrations
import Testing

@testable import RBShellCLI

/// Extreme ids and depths draw instead of trapping or spinning.
@Suite struct GraphDrawingTests {
  let graph = try! MigrationGraph([Definition(id: Int.min), Definition(id: -1, parents: [Int.min]), Definition(id: Int.max, parents: [-1])])

  @Test func dotNamesEveryIdEvenTheSmallest() {
    let dot = GraphDrawing.dot(graph, schema: .frontend)
    #expect(dot.contains("m9223372036854775808n -> m1n;"))
    #expect(dot.contains("m1n -> m9223372036854775807;"))
  }

  @Test func aDepthBeyondTheGraphStopsAtTheRoots() {
    #expect(GraphDrawing.nearLeaves(graph, depth: Int.max) == [Int.min, -1, Int.max])
  }
}
