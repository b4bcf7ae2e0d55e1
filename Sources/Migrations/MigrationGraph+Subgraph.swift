extension MigrationGraph {
  /// The graph of what a release had: the given leaves and all their ancestors, in the same order.
  public func restricted(toAncestorsOf leafIDs: [Int]) throws(PlanError) -> MigrationGraph {
    let keep = reach(from: try indices(of: leafIDs), along: parentIndices)
    return MigrationGraph(ordered: keep.sorted().map { definitions[$0] })
  }
}
