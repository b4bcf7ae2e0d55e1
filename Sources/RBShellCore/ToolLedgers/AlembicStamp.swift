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
    if let index = verdicts.indices.dropFirst(applied).first(where: { verdicts[$0] != .notApplied }) {
      return .undecided("revision \(revisions[index].revision) is \(verdicts[index].rawValue)")
    }
    return .at(applied == 0 ? nil : revisions[applied - 1].revision)
  }

  /// The first revision on which `alembic_version` and the catalog disagree (the one after the
  /// last both count as in), with its analysis: what the finding names and shows.
  static func disputed(
    _ revisions: [AlembicOfflineReader.Revision], analyses: [MigrationAnalysis], recorded: [String]
  ) -> (revision: String, analysis: MigrationAnalysis)? {
    let recordedIndex = recorded.count == 1 ? revisions.firstIndex { $0.revision == recorded[0] } : nil
    let agreed = analyses.prefix { $0.verdict == .fullyApplied }.count
    let index = min(agreed, recordedIndex.map { $0 + 1 } ?? 0)
    return revisions.indices.contains(index) ? (revisions[index].revision, analyses[index]) : nil
  }

  /// A finding when what `alembic_version` records is not what the catalog proves. A revision
  /// half in is an error too: Alembic's next upgrade runs it again and fails on what is in.
  public static func finding(_ ledger: ToolLedger, revisions: [AlembicOfflineReader.Revision], analyses: [MigrationAnalysis]) -> ToolLedgerFinding? {
    let recorded = ledger.entries.map(\.version)
    var finding: ToolLedgerFinding
    switch prove(revisions, analyses: analyses) {
    case .undecided(let why):
      finding = ToolLedgerFinding(
        tool: .alembic, code: .alembicStampMismatch, severity: .error,
        message: "the catalog cannot tell which revision the schema is at (\(why)): no stamp is right; finish or undo it by hand before `alembic upgrade`")
    case .at(let proven):
      guard recorded != (proven.map { [$0] } ?? []) else { return nil }
      let what = proven.map { "revision \($0)" } ?? "no revision"
      finding = ToolLedgerFinding(
        tool: .alembic, code: .alembicStampMismatch, severity: .error,
        message: "alembic_version records \(recorded.isEmpty ? "nothing" : recorded.joined(separator: ", ")), but the catalog shows the schema at \(what): "
          + "`alembic upgrade` would run migrations that are already in (or skip ones that are not)")
      finding.remedy = "alembic stamp \(proven ?? "base")"
      finding.repair = ToolRepair("stamp")
    }
    if let disputed = disputed(revisions, analyses: analyses, recorded: recorded) {
      finding.version = disputed.revision
      finding.analysis = disputed.analysis
    }
    return finding
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
