/// The migrator's plans, with its exact semantics (definition.go `Up`/`Down`, options.go `Revert`).
extension MigrationGraph {
  /// Migrations to apply, in order, so the targets and all their ancestors are applied.
  ///
  /// Applied ids unknown to the graph are ignored (future or pre-squash history); targets need
  /// not be leaves. - Throws: `PlanError.unknownMigration` for an unknown target.
  public func upPlan(applied: some Sequence<Int>, targets: [Int]) throws(PlanError) -> [Definition] {
    let start = try indices(of: targets)
    let appliedSet = Set(applied)
    return reach(from: start, along: parentIndices).sorted()
      .map { definitions[$0] }
      .filter { !appliedSet.contains($0.id) }
  }

  /// Migrations to revert, children first, so that no applied migration descends from the
  /// targets any more. The targets themselves stay applied; unapplied descendants are skipped.
  public func downPlan(applied: some Sequence<Int>, targets: [Int]) throws(PlanError) -> [Definition] {
    let start = try indices(of: targets)
    let appliedSet = Set(applied)
    return reach(from: start, along: childIndices).subtracting(start).sorted(by: >)
      .map { definitions[$0] }
      .filter { appliedSet.contains($0.id) }
  }

  /// The migrator's `undo`: the single applied migration without applied children is reverted
  /// (a down plan to its parents).
  ///
  /// - Throws: `.nothingToRevert` when no applied migration is known; `.ambiguousRevert` with the
  ///   candidates when several applied migrations have no applied children.
  public func undoPlan(applied: some Sequence<Int>) throws(PlanError) -> [Definition] {
    let appliedIndices = Set(applied.compactMap { indexByID[$0] })
    let candidates = appliedIndices.filter { node in
      !childIndices[node].contains(where: appliedIndices.contains)
    }.sorted()
    guard let only = candidates.first else { throw .nothingToRevert }
    guard candidates.count == 1 else { throw .ambiguousRevert(candidates.map { definitions[$0].id }) }
    let targetParents = definitions[only].parents
    return targetParents.isEmpty ? [] : try downPlan(applied: applied, targets: targetParents)
  }
}

public enum PlanError: Error, Sendable, Equatable, CustomStringConvertible {
  case unknownMigration(Int)
  case nothingToRevert
  case ambiguousRevert([Int])

  public var description: String {
    switch self {
    case .unknownMigration(let id): "unknown migration \(id)"
    case .nothingToRevert: "nothing to revert"
    case .ambiguousRevert(let ids):
      "ambiguous revert - candidates include \(ids.map(String.init).joined(separator: ", "))"
    }
  }
}
