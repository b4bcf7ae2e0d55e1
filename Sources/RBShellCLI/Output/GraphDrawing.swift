import Migrations

/// Renders migration graphs for people: DOT for Graphviz, or a compact text view of the levels
/// just above the leaves, where releases branch and merge.
enum GraphDrawing {
  static func dot(_ graph: MigrationGraph, schema: Schema) -> String {
    var lines = ["digraph \"\(schema)\" {", "  rankdir=TB;", "  node [shape=box, fontsize=10];"]
    let leaves = Set(graph.leaves.map(\.id))
    for definition in graph.definitions {
      let style = leaves.contains(definition.id) ? ", style=bold" : ""
      lines.append("  \(node(definition.id)) [label=\"\(definition.id)\\n\(escape(definition.name))\"\(style)];")
    }
    for definition in graph.definitions {
      for parent in definition.parents { lines.append("  \(node(parent)) -> \(node(definition.id));") }
    }
    return (lines + ["}"]).joined(separator: "\n") + "\n"
  }

  /// One line per migration within `depth` levels of a leaf, in topological order, with its
  /// parents; merges (several parents) and branches (several children) are marked.
  static func text(_ graph: MigrationGraph, schema: Schema, depth: Int) -> String {
    let shown = nearLeaves(graph, depth: depth)
    var lines = ["\(schema): \(graph.count) migrations, \(graph.leaves.count) leaves; last \(depth) levels (\(shown.count) migrations)"]
    for definition in graph.definitions where shown.contains(definition.id) {
      let children = graph.children(of: definition.id)
      var marks: [String] = []
      if definition.parents.count > 1 { marks.append("merge") }
      if children.count > 1 { marks.append("branch: \(children.count) children") }
      if children.isEmpty { marks.append("LEAF") }
      let parents = definition.parents.map { shown.contains($0) ? String($0) : "\($0)…" }.joined(separator: ", ")
      let arrow = parents.isEmpty ? "(root)" : "← \(parents)"
      let tag = marks.isEmpty ? "" : "  [\(marks.joined(separator: "; "))]"
      lines.append("  \(definition.id)  \(definition.name)  \(arrow)\(tag)")
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// Migrations at most `depth - 1` parent steps above some leaf.
  static func nearLeaves(_ graph: MigrationGraph, depth: Int) -> Set<Int> {
    var frontier = graph.leaves.map(\.id)
    var shown = Set(frontier)
    var level = 1
    // Stops at the roots too: a depth beyond the graph's height (`--depth 9223372036854775807`)
    // ends as soon as there is nothing above.
    while level < depth, !frontier.isEmpty {
      frontier = frontier.flatMap { graph.parents(of: $0) }.filter { shown.insert($0).inserted }
      level += 1
    }
    return shown
  }

  /// `m123`, `m123n` for -123; `magnitude` because `abs(Int.min)` traps.
  private static func node(_ id: Int) -> String { "m\(id.magnitude)\(id < 0 ? "n" : "")" }

  private static func escape(_ text: String) -> String {
    text.replacing("\\", with: "\\\\").replacing("\"", with: "\\\"")
  }
}
