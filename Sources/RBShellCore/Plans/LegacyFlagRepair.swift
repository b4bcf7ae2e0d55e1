import Migrations

/// golang-migrate's `force VERSION`, proven: a pre-3.37 ledger (`schema_migrations` with one
/// `(version, dirty)` row) says migration V started and did not finish. The catalog's verdict on
/// V's up SQL decides the clean version the table must say instead — V when its SQL is in, the
/// version before V when none of it is — so an operator never has to guess it.
public struct LegacyFlagRepair: Equatable, Sendable {
  public var schema: Schema
  public var table: String
  public var dirtyVersion: Int
  /// The clean version the table will hold; nil empties it (golang-migrate's `force -1`: no
  /// migration applied).
  public var cleanVersion: Int?
  /// Why that version, in one line.
  public var reason: String
  public var warnings: [String]
}

public enum LegacyFlagPlanner {
  /// Whether the catalog's verdict decides the clean version; otherwise only `--force` clears
  /// the flag (after the statements were finished by hand). Diagnose suggests by the same table.
  public static func decides(_ verdict: MigrationAnalysis.Verdict) -> Bool {
    verdict == .notApplied || verdict == .fullyApplied
  }

  /// - Parameters:
  ///   - ids: every migration id of the schema's definitions (golang-migrate's previous version
  ///     is the largest id below V).
  /// - Throws: `RepairRefusal` when the table is not dirty at V, is no longer read (3.37+), or
  ///   the verdict cannot decide (partially applied, unknown) and `force` is not given.
  public static func plan(
    schema: Schema, legacy: LegacyTable?, consulted: Bool, version: Int, ids: [Int], analysis: MigrationAnalysis, force: Bool
  ) throws(RepairRefusal) -> LegacyFlagRepair {
    guard let legacy, legacy.rows.contains(where: { $0.dirty && $0.version == version }) else {
      throw .legacyNotDirty(table: schema.ledgerName, version: version)
    }
    guard consulted else { throw .legacyIgnored(table: legacy.table) }
    let total = analysis.statements.count
    var repair = LegacyFlagRepair(schema: schema, table: legacy.table, dirtyVersion: version, cleanVersion: version, reason: "", warnings: [])
    switch analysis.verdict {
    case .fullyApplied:
      repair.reason = "all \(total) statement(s) of migration \(version) are in the catalog: it finished"
    case .notApplied:
      repair.cleanVersion = ids.filter { $0 < version }.max()
      repair.reason =
        "none of migration \(version)'s \(total) statement(s) is in the catalog: "
        + (repair.cleanVersion.map { "the last applied migration is \($0), the one before it" } ?? "it was the first migration, so none is applied")
    case .partiallyApplied, .unknown:
      guard force else { throw .legacyUndecided(verdict: analysis.verdict, version: version) }
      repair.reason = "--force: recorded as finished although the catalog says \(analysis.verdict.rawValue)"
      repair.warnings.append("--force: clear-dirty at \(version) although the catalog says \(analysis.verdict.rawValue)")
    }
    return repair
  }
}
