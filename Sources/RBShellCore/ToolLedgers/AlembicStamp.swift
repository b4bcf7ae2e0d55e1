import Migrations

/// Which Alembic revision the schema is really at, from the catalog: the revisions' SQL (Alembic's
/// own offline rendering) tested in order; the schema is at the last one fully in, when the ones
/// after it are not in at all. `alembic stamp` there is proven; anywhere else it is a guess.
/// Pure: the store reads, this decides.
public enum AlembicStamp {
  /// Where Alembic keeps its version by default.
  public static let table = "public.alembic_version"

  /// The revision the catalog proves (nil: none applied), or why it cannot tell.
  public enum Proof: Sendable, Equatable {
    case at(String?)
    case undecided(String)
  }

  public static func analyses(_ revisions: [AlembicOfflineReader.Revision], catalog: CatalogSnapshot) -> [MigrationAnalysis] {
    revisions.map { MigrationAnalysis(definition: $0.definition, up: true, catalog: catalog) }
  }

  public static func scope(_ revisions: [AlembicOfflineReader.Revision]) -> CatalogScope {
    var scope = CatalogScope()
    for revision in revisions { scope.add(sql: revision.definition.upQuery) }
    return scope
  }

  public static func prove(_ revisions: [AlembicOfflineReader.Revision], analyses: [MigrationAnalysis]) -> Proof {
    let verdicts = analyses.map(\.verdict)
    let applied = verdicts.prefix { $0 == .fullyApplied }.count
    let rest = verdicts.dropFirst(applied)
    guard rest.allSatisfy({ $0 == .notApplied }) else {
      let index = applied + (rest.firstIndex { $0 != .notApplied }.map { $0 - applied } ?? 0)
      return .undecided("revision \(revisions[index].revision) is \(verdicts[index].rawValue)")
    }
    return .at(applied == 0 ? nil : revisions[applied - 1].revision)
  }

  /// A finding when what `alembic_version` records is not what the catalog proves.
  public static func finding(_ ledger: ToolLedger, revisions: [AlembicOfflineReader.Revision], analyses: [MigrationAnalysis]) -> ToolLedgerFinding? {
    let recorded = ledger.entries.map(\.version)
    switch prove(revisions, analyses: analyses) {
    case .undecided(let why):
      return ToolLedgerFinding(
        tool: .alembic, code: .alembicStampMismatch, severity: .warning,
        message: "the catalog cannot tell which revision the schema is at (\(why)): check by hand before `alembic upgrade`")
    case .at(let proven):
      guard recorded != (proven.map { [$0] } ?? []) else { return nil }
      let what = proven.map { "revision \($0)" } ?? "no revision"
      var finding = ToolLedgerFinding(
        tool: .alembic, code: .alembicStampMismatch, severity: .error,
        message: "alembic_version records \(recorded.isEmpty ? "nothing" : recorded.joined(separator: ", ")), but the catalog shows the schema at \(what): "
          + "`alembic upgrade` would run migrations that are already in (or skip ones that are not)")
      finding.remedy = "alembic stamp \(proven ?? "base")"
      finding.repair = ToolRepair("stamp")
      return finding
    }
  }

  /// - Throws: `ToolRepairRefusal` when the catalog cannot tell, contradicts `requested` (without
  ///   `force`), or the table already records it.
  public static func decide(
    _ evidence: ToolLedgerEvidence, revisions: [AlembicOfflineReader.Revision], requested: String?, force: Bool
  ) throws(ToolRepairRefusal) -> LedgerEdit {
    let table = evidence.ledger.table
    let analyses = analyses(revisions, catalog: evidence.catalog)
    var warnings: [String] = []
    let target: String?
    switch (prove(revisions, analyses: analyses), requested) {
    case (.at(let proven), nil): target = proven
    case (.at(let proven), let asked?) where asked == proven: target = asked
    case (let proof, let asked?):
      guard force, revisions.contains(where: { $0.revision == asked }) else {
        let said = if case .at(let proven) = proof { "the schema is at \(proven ?? "no revision")" } else { "it cannot tell" }
        throw .resolutionContradicts(table: table, name: asked, requested: "the stamped revision", verdict: "the catalog says \(said)")
      }
      target = asked
      warnings.append("--force: stamped \(asked) although the catalog does not prove it")
    case (.undecided(let why), nil): throw .resolutionUndecided(table: table, name: "the schema", reason: why)
    }
    let after = target.map { [$0] } ?? []
    guard after != evidence.rows else { throw .notDirty(table: table, rows: evidence.rows) }
    return LedgerEdit(
      tool: .alembic, table: table, operation: "stamp \(target ?? "base")", before: evidence.rows, after: after,
      change: .alembicStamp(revision: target),
      reason: target.map { "the catalog shows every revision up to \($0) in, none after" } ?? "none of the revisions is in",
      warnings: warnings)
  }
}
