import Foundation
import Migrations
import TestSupport
import Testing

/// Sourcegraph's real stitched graph, read in place from ../shared (`Corpus.testsEnabled`).
@Suite(.enabled(if: Corpus.testsEnabled, "needs ../shared/corpus/sourcegraph/stitched-migration-graph.json"))
struct StitchedGraphTests {
  func graph() throws -> StitchedGraph { try StitchedGraph.decode(try Corpus.requiredStitchedGraph(), location: "stitched") }

  @Test func everyReleaseEndsOnTheLeavesItsBoundsRecord() throws {
    let stitched = try graph()
    var checked = 0
    for schema in Schema.allCases {
      let bounds = try #require(stitched.schemas[schema.rawValue]?.bounds)
      for (version, bound) in bounds {
        let leaves = try stitched.graph(of: schema, version: version).leaves.map(\.id)
        #expect(leaves.sorted() == (bound.leafIDs ?? []).sorted(), "\(schema) \(version)")
        checked += 1
      }
    }
    #expect(checked == 3 * 34)
  }

  @Test func theRunbooksV3_36Leaves() throws {
    let stitched = try graph()
    #expect(try stitched.graph(of: .frontend, version: "v3.36.0").leaves.map(\.id) == [1_528_395_968])
    #expect(try stitched.graph(of: .codeintel, version: "3.36").leaves.map(\.id) == [1_000_000_030])
    #expect(try stitched.graph(of: .codeinsights, version: "v3.36.2").leaves.map(\.id) == [1_000_000_025])
    #expect(throws: StitchedGraphError.self) { try stitched.graph(of: .frontend, version: "v9.9.0") }
  }

  @Test func fullGraphsMatchTheCorpusFigures() throws {
    let stitched = try graph()
    let frontend = try stitched.graph(of: .frontend, version: nil)
    #expect(frontend.count == 673)
    #expect(frontend.definitions.filter(\.isCreateIndexConcurrently).count == 65)
    #expect(frontend.definitions.filter(\.privileged).count == 4)
    #expect(frontend.root?.id == -1_528_395_684)
    #expect(try stitched.graph(of: .codeintel, version: nil).count == 55)
    #expect(try stitched.graph(of: .codeinsights, version: nil).count == 53)
  }
}

/// Files that are no stitched graph (no corpus needed).
@Suite struct StitchedGraphFileTests {
  /// A file that is no stitched graph is a definitions problem (exit 65) said in a sentence,
  /// never "valid, 0 migrations" and never a Foundation dump.
  @Test(arguments: [
    ("{}", "it holds no schema with migrations"),
    ("[", "it is not valid JSON"),
    (#"{"frontend": {"Definitions": [{"ID": "x"}]}}"#, "the value at frontend.Definitions[0].ID is not an integer"),
    (#"{"frontend": {}}"#, "frontend lacks the key \"Definitions\""),
  ])
  func aFileThatIsNoGraphIsAProblemInASentence(json: String, message: String) {
    do {
      _ = try StitchedGraph.decode(Data(json.utf8), location: "g.json")
      Issue.record("decoded \(json)")
    } catch {
      #expect(error.problems.map(\.code) == [.malformedGraphFile])
      #expect(error.description.hasSuffix(message), "\(error)")
    }
  }
}
