/// A schema's migrations as the migrator sees them: a DAG with one root, kept in the migrator's
/// topological order (every migration after all of its parents; unrelated migrations by
/// ascending id).
///
///     [root] ──▶ 10002 ──┬──▶ 10003 ──┐
///                        └──▶ 10004 ──┴──▶ 10005 (two parents) ──▶ 10006 (leaf)
///
/// Internally nodes are dense indices into `definitions`, so every operation is linear in
/// nodes plus edges.
public struct MigrationGraph: Sendable {
  /// All definitions in topological order.
  public let definitions: [Definition]
  let indexByID: [Int: Int]
  let parentIndices: [[Int]]
  let childIndices: [[Int]]

  /// Validates and orders definitions with the migrator's rules.
  ///
  /// - Throws: `InvalidDefinitions` listing unknown parents, root problems and a cycle (with its path).
  public init(_ definitions: [Definition], schema: String = "", location: String = "") throws(InvalidDefinitions) {
    let sorted = definitions.sorted { $0.id < $1.id }
    let index = Dictionary(sorted.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
    var problems = GraphValidation.unknownParents(sorted, known: index)
    let parents = sorted.map { $0.parents.compactMap { index[$0] } }
    let children = GraphValidation.children(of: parents)
    problems += GraphValidation.rootProblems(sorted, location: location)
    let order: [Int]
    switch GraphValidation.topologicalOrder(sorted, parents: parents, children: children) {
    case .success(let found): order = found
    case .failure(let cycle):
      problems.append(cycle.problem(location: location))
      order = []
    }
    guard problems.isEmpty else { throw InvalidDefinitions(schema: schema, problems: problems) }
    self.init(ordered: order.map { sorted[$0] })
  }

  /// Builds the index structures for definitions already in a valid topological order.
  init(ordered: [Definition]) {
    definitions = ordered
    let index = Dictionary(ordered.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
    indexByID = index
    parentIndices = ordered.map { $0.parents.compactMap { index[$0] } }
    childIndices = GraphValidation.children(of: parentIndices)
  }

  public var count: Int { definitions.count }
  public var isEmpty: Bool { definitions.isEmpty }
  public var ids: [Int] { definitions.map(\.id) }

  public subscript(id: Int) -> Definition? { indexByID[id].map { definitions[$0] } }

  public func contains(_ id: Int) -> Bool { indexByID[id] != nil }

  /// The definition without parents (`nil` for an empty graph).
  public var root: Definition? { definitions.first }

  /// Definitions without children, in topological order.
  public var leaves: [Definition] {
    definitions.indices.filter { childIndices[$0].isEmpty }.map { definitions[$0] }
  }

  public func children(of id: Int) -> [Int] {
    guard let i = indexByID[id] else { return [] }
    return childIndices[i].map { definitions[$0].id }.sorted()
  }

  public func parents(of id: Int) -> [Int] { self[id]?.parents ?? [] }

  /// Every migration reachable through parent edges (the id itself excluded), in topological order.
  public func ancestors(of ids: [Int]) throws(PlanError) -> [Int] {
    let start = try indices(of: ids)
    let reached = reach(from: start, along: parentIndices)
    return ordered(reached.subtracting(start))
  }

  /// Every migration reachable through child edges (the ids themselves excluded), in topological order.
  public func descendants(of ids: [Int]) throws(PlanError) -> [Int] {
    let start = try indices(of: ids)
    let reached = reach(from: start, along: childIndices)
    return ordered(reached.subtracting(start))
  }

  // MARK: helpers shared by the plans

  func indices(of ids: [Int]) throws(PlanError) -> Set<Int> {
    var result = Set<Int>()
    for id in ids {
      guard let i = indexByID[id] else { throw .unknownMigration(id) }
      result.insert(i)
    }
    return result
  }

  /// Breadth-first closure of `start` along `edges` (start included).
  func reach(from start: Set<Int>, along edges: [[Int]]) -> Set<Int> {
    var seen = start
    var frontier = Array(start)
    while let node = frontier.popLast() {
      for next in edges[node] where seen.insert(next).inserted { frontier.append(next) }
    }
    return seen
  }

  /// Ids of a set of indices, in topological order.
  func ordered(_ set: Set<Int>) -> [Int] {
    set.sorted().map { definitions[$0].id }
  }
}
