/// The migrator's graph-level checks and its topological order, over dense indices.
enum GraphValidation {
  static func unknownParents(_ definitions: [Definition], known: [Int: Int]) -> [DefinitionProblem] {
    definitions.flatMap { definition in
      definition.parents.filter { known[$0] == nil }.map { parent in
        DefinitionProblem(
          .unknownParent, at: "migration \(definition.id)",
          "unknown migration \(parent) referenced from migration \(definition.id)",
          instructions: "Fix the parents of migration \(definition.id) or restore migration \(parent).", reference: parent)
      }
    }
  }

  static func rootProblems(_ definitions: [Definition], location: String) -> [DefinitionProblem] {
    guard !definitions.isEmpty else { return [] }
    let roots = definitions.filter { $0.parents.isEmpty }.map(\.id)
    if roots.isEmpty {
      return [
        .init(
          .noRoots, at: location, "every migration declares a parent",
          instructions: "This indicates either a migration dependency cycle or a reference to a parent migration that no longer exists.")
      ]
    }
    if roots.count > 1 {
      let list = roots.map(String.init).joined(separator: " ")
      return [
        .init(
          .multipleRoots, at: location,
          "expected exactly one migration to have no parent but found \(roots.count) ([\(list)])",
          instructions: "A new migration did not attach itself to the graph, or a squashed migration is duplicated.")
      ]
    }
    return []
  }

  static func children(of parents: [[Int]]) -> [[Int]] {
    var children = Array(repeating: [Int](), count: parents.count)
    for (child, list) in parents.enumerated() {
      for parent in list { children[parent].append(child) }
    }
    return children
  }

  /// A cycle found while ordering: the path from a node back to itself.
  struct Cycle: Error {
    var ids: [Int]

    func problem(location: String) -> DefinitionProblem {
      let path = ids.map(String.init).joined(separator: " -> ")
      let a = ids[ids.count - 2]
      let b = ids[ids.count - 1]
      return DefinitionProblem(
        .cycle, at: location, "migrations \(a) and \(b) declare each other as dependencies",
        instructions: "Break one of the links in the following cycle: \(path)")
    }
  }

  /// Reverse post-order of a depth-first walk from the root that visits children in descending
  /// id order, so unrelated migrations come out in ascending id order. Nodes the root does not
  /// reach lie on or behind a cycle; the walk restarts from them until it finds one.
  ///
  /// Iterative, so 100,000-node chains do not exhaust the stack. Indices are in ascending id order.
  static func topologicalOrder(_ definitions: [Definition], parents: [[Int]], children: [[Int]]) -> Result<[Int], Cycle> {
    let n = definitions.count
    guard n > 0 else { return .success([]) }
    let sortedChildren = children.map { $0.sorted(by: >) }
    var mark = [UInt8](repeating: 0, count: n)  // 0 unvisited, 1 on the stack, 2 done
    var postOrder: [Int] = []
    postOrder.reserveCapacity(n)
    let starts = (0..<n).filter { parents[$0].isEmpty && definitions[$0].parents.isEmpty } + Array(0..<n)
    for start in starts where mark[start] == 0 {
      if let cycle = walk(from: start, children: sortedChildren, mark: &mark, postOrder: &postOrder) {
        return .failure(Cycle(ids: cycle.map { definitions[$0].id }))
      }
    }
    return .success(postOrder.reversed())
  }

  /// One depth-first walk; returns the cycle's index path if it re-enters a node on the stack.
  private static func walk(from start: Int, children: [[Int]], mark: inout [UInt8], postOrder: inout [Int]) -> [Int]? {
    var stack: [(node: Int, next: Int)] = [(start, 0)]
    mark[start] = 1
    while let top = stack.last {
      let kids = children[top.node]
      if top.next < kids.count {
        stack[stack.count - 1].next += 1
        let child = kids[top.next]
        if mark[child] == 1 {
          let path = stack.map(\.node)
          let from = path.firstIndex(of: child)!
          return Array(path[from...]) + [child]
        }
        if mark[child] == 0 {
          mark[child] = 1
          stack.append((child, 0))
        }
      } else {
        mark[top.node] = 2
        postOrder.append(top.node)
        stack.removeLast()
      }
    }
    return nil
  }
}
