/// The leaf dominator: the deepest migration every path from the root to every leaf passes
/// through (with one leaf, that leaf). `sg migration squash` squashes up to it.
extension MigrationGraph {
  public func leafDominator(extra ids: [Int] = []) -> Definition? {
    let targets = definitions.indices.filter { childIndices[$0].isEmpty } + ids.compactMap { indexByID[$0] }
    guard var result = targets.first else { return nil }
    let idom = immediateDominators()
    for target in targets.dropFirst() { result = Self.intersect(result, target, idom) }
    return definitions[result]
  }

  /// Immediate dominators in one pass: indices are in topological order, so every parent's
  /// dominator is known before its children (Cooper, Harvey and Kennedy's intersection).
  func immediateDominators() -> [Int] {
    var idom = Array(repeating: -1, count: definitions.count)
    for node in definitions.indices {
      let parents = parentIndices[node]
      guard var current = parents.first else {
        idom[node] = node
        continue
      }
      for parent in parents.dropFirst() { current = Self.intersect(current, parent, idom) }
      idom[node] = current
    }
    return idom
  }

  /// Nearest common dominator of two nodes: walk the deeper one (larger topological index) up.
  static func intersect(_ a: Int, _ b: Int, _ idom: [Int]) -> Int {
    var x = a
    var y = b
    while x != y {
      while x > y { x = idom[x] }
      while y > x { y = idom[y] }
    }
    return x
  }
}
