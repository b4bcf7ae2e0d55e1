import Foundation
import MigrationSources
import Migrations

/// Prints the definitions-and-graph figures of bench/graph: medians of several runs and peak RSS.
@main
enum GraphBench {
  static func main() throws {
    let arguments = CommandLine.arguments
    let runs = arguments.count > 1 ? Int(arguments[1]) ?? 15 : 15
    let stitchedPath = arguments.count > 2 ? arguments[2] : "../shared/corpus/sourcegraph/stitched-migration-graph.json"
    print("medians of \(runs) runs, in ms")
    if FileManager.default.fileExists(atPath: stitchedPath) {
      report("stitched graph: load 3 schemas + leaves of every release", runs) { try stitchedLeaves(stitchedPath) }
    } else {
      print("  (no stitched graph at \(stitchedPath): skipped)")
    }
    let folder = try writeDirectoryTree(count: 2000)
    defer { try? FileManager.default.removeItem(at: folder) }
    report("directory tree: read + validate 2,000 migrations", runs) {
      _ = try DefinitionCatalog.open(path: folder.path, revision: nil, version: nil).graph(for: .frontend)
    }
    let definitions = syntheticDAG(nodes: 100_000)
    var graph: MigrationGraph?
    report("100,000-node DAG: validate + order", runs) { graph = try MigrationGraph(definitions) }
    report("100,000-node DAG: leaves", runs) { _ = graph!.leaves }
    let all = graph!.ids
    report("100,000-node DAG: full down plan to the root", runs) { _ = try graph!.downPlan(applied: all, targets: [1]) }
    report("100,000-node DAG: full up plan to the leaves", runs) { _ = try graph!.upPlan(applied: [], targets: graph!.leaves.map(\.id)) }
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    print(String(format: "peak RSS: %.1f MB", Double(usage.ru_maxrss) / 1024))
  }

  static func report(_ name: String, _ runs: Int, _ body: () throws -> Void) {
    var times: [Double] = []
    for _ in 0..<runs {
      let start = DispatchTime.now().uptimeNanoseconds
      do { try body() } catch {
        print("  \(name): failed: \(error)")
        return
      }
      times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
    }
    times.sort()
    let label = name.padding(toLength: 58, withPad: " ", startingAt: 0)
    print(label + String(format: " median %8.2f  (min %8.2f, max %8.2f)", times[times.count / 2], times.first!, times.last!))
  }

  static func stitchedLeaves(_ path: String) throws {
    let catalog = try DefinitionCatalog.open(path: path, revision: nil, version: nil)
    let stitched = try StitchedGraph.decode(try Data(contentsOf: URL(fileURLWithPath: path)), location: path)
    for schema in Schema.allCases {
      let full = try catalog.graph(for: schema)
      for version in stitched.versions(of: schema) {
        guard let bounds = stitched.schemas[schema.rawValue]?.bounds[version], !bounds.preCreation else { continue }
        _ = try full.restricted(toAncestorsOf: bounds.leafIDs ?? []).leaves
      }
    }
  }

  /// A graph shaped like a real history: mostly linear, with branches that merge again.
  static func syntheticDAG(nodes: Int) -> [Definition] {
    var definitions = [Definition(id: 1)]
    for id in 2...nodes {
      let parents = id % 7 == 0 && id > 10 ? [id - 1, id - 5] : [id - 1 - (id % 3 == 0 ? 1 : 0)]
      definitions.append(Definition(id: id, parents: parents))
    }
    return definitions
  }

  static func writeDirectoryTree(count: Int) throws -> URL {
    let root = FileManager.default.temporaryDirectory.appending(path: "graph-bench-\(UUID().uuidString)/frontend")
    for id in 1...count {
      let dir = root.appending(path: "\(1_600_000_000 + id)_migration_\(id)")
      try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
      let parents = id == 1 ? "" : "parents: [\(1_600_000_000 + id - 1)]\n"
      try "CREATE TABLE t\(id) (id int);".write(to: dir.appending(path: "up.sql"), atomically: false, encoding: .utf8)
      try "DROP TABLE t\(id);".write(to: dir.appending(path: "down.sql"), atomically: false, encoding: .utf8)
      try "name: migration \(id)\n\(parents)".write(to: dir.appending(path: "metadata.yaml"), atomically: false, encoding: .utf8)
    }
    return root
  }
}
