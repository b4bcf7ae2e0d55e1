import Migrations

/// What golang-migrate's dirty flag means, tested against the catalog.
///
/// golang-migrate sets `version = V, dirty = true` before running a migration and clears the
/// flag after: going up, V is the migration that ran; going down from N, V is the version before
/// N, and N's down ran. So a dirty V is two hypotheses. The next migration's up SQL decides
/// between them: fully in the catalog, the database had reached it, so its down was what failed;
/// otherwise V's up failed. The attempt's own SQL then gives the verdict, and the verdict the
/// version `migrate force` must set: the one the schema is really at.
public struct GolangMigrateVerdict: Sendable, Equatable, Codable {
  public enum Attempt: String, Sendable, Codable {
    /// `migrate up` ran V's up file.
    case up
    /// `migrate down` ran the next migration's down file.
    case down
  }

  /// The version the table says, with `dirty = true`.
  public var dirtyVersion: Int
  public var attempt: Attempt
  /// The migration whose file the attempt ran (V going up, the next one going down).
  public var migration: Int
  public var analysis: MigrationAnalysis
  /// The version for `migrate force`: -1 for none applied (golang-migrate's nil version); nil
  /// when the catalog cannot decide (a file that stopped part-way, or facts it cannot see).
  public var force: Int?
  /// Why that version (or why none), in one line.
  public var reason: String
  /// How the attempt was chosen, then the analysis's own evidence.
  public var evidence: [String]

  /// Tests both hypotheses for a dirty version against `catalog`; nil when the definitions have
  /// no migration V (nothing to test).
  public static func decide(dirty version: Int, definitions: [Definition], catalog: CatalogSnapshot) -> GolangMigrateVerdict? {
    let sorted = definitions.sorted { $0.id < $1.id }
    guard let index = sorted.firstIndex(where: { $0.id == version }) else { return nil }
    let previous = index > 0 ? sorted[index - 1].id : -1
    if index + 1 < sorted.count {
      let next = sorted[index + 1]
      let nextUp = MigrationAnalysis(definition: next, up: true, catalog: catalog)
      if nextUp.verdict == .fullyApplied {
        let down = MigrationAnalysis(definition: next, up: false, catalog: catalog)
        let why = "migration \(next.id)'s up SQL is all in the catalog: the database had reached \(next.id), so `migrate down` ran its down file"
        return verdict(
          version, attempt: .down, migration: next.id, analysis: down, ifApplied: version, ifNot: next.id,
          applied: "its down SQL is all in effect: the database is at \(version)",
          notApplied: "none of its down SQL took effect (rolled back): the database is still at \(next.id)", why: why)
      }
    }
    let up = MigrationAnalysis(definition: sorted[index], up: true, catalog: catalog)
    let why =
      index + 1 < sorted.count
      ? "migration \(sorted[index + 1].id)'s up SQL is not in the catalog, so the flag was left by `migrate up` running \(version)"
      : "\(version) is the newest migration, so the flag was left by `migrate up` running it"
    return verdict(
      version, attempt: .up, migration: version, analysis: up, ifApplied: version, ifNot: previous,
      applied: "all its statements are in the catalog: it finished",
      notApplied: "none of its statements is in the catalog"
        + (previous == -1 ? ": it was the first migration, so none is applied (force -1)" : ": the database is at \(previous), the one before it"),
      why: why)
  }

  private static func verdict(
    _ version: Int, attempt: Attempt, migration: Int, analysis: MigrationAnalysis, ifApplied: Int, ifNot: Int, applied: String,
    notApplied: String, why: String
  ) -> GolangMigrateVerdict {
    let force: Int?
    let reason: String
    switch analysis.verdict {
    case .fullyApplied: (force, reason) = (ifApplied, applied)
    case .notApplied: (force, reason) = (ifNot, notApplied)
    case .partiallyApplied:
      (force, reason) = (
        nil, "it stopped part-way (\(analysis.appliedCount) of \(analysis.statements.count) statements in effect): finish or undo the rest by hand first"
      )
    case .unknown: (force, reason) = (nil, "the catalog cannot tell whether it ran: check by hand")
    }
    return GolangMigrateVerdict(
      dirtyVersion: version, attempt: attempt, migration: migration, analysis: analysis, force: force,
      reason: "\(attempt.rawValue) of \(migration): \(reason)", evidence: [why] + analysis.evidence)
  }

  /// What the catalog must show to test both hypotheses for a dirty `version`.
  public static func scope(dirty version: Int, definitions: [Definition]) -> CatalogScope {
    var scope = CatalogScope()
    let sorted = definitions.sorted { $0.id < $1.id }
    guard let index = sorted.firstIndex(where: { $0.id == version }) else { return scope }
    for definition in sorted[index...].prefix(2) {
      scope.add(sql: definition.upQuery)
      scope.add(sql: definition.downQuery)
    }
    return scope
  }
}
