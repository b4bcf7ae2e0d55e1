import Migrations

/// dbmate and goose record nothing when a migration fails, and a migration they do not run all
/// or nothing (dbmate: several up sections, dbmate#675; goose: `NO TRANSACTION`) can stop
/// part-way: the tool's next run repeats it and fails. The catalog shows what ran; `rbshell
/// repair record --tool dbmate|goose` runs what did not and writes the row the tool would have.
/// Pure: the store reads, this decides.
public enum UnrecordedMigrations {
  /// The catalog's analysis of every migration in the folder that has no row.
  public static func unrecorded(_ ledger: ToolLedger, files: [ToolMigrationFile], catalog: CatalogSnapshot) -> [String: MigrationAnalysis] {
    let recorded = Set(ledger.entries(.applied).map(\.version))
    var analyses: [String: MigrationAnalysis] = [:]
    for file in files where !recorded.contains(String(file.definition.id)) {
      analyses[String(file.definition.id)] = analysis(file, catalog: catalog)
    }
    return analyses
  }

  /// The unrecorded migrations none of whose statements is in: simply pending, for the tool's
  /// next run (listed so that `--migrations` shows what that run will do).
  public static func pending(_ tool: LedgerTool, _ unrecorded: [String: MigrationAnalysis]) -> [ToolLedgerEntry] {
    unrecorded.filter { $0.value.verdict == .notApplied }.keys.sorted { (Int($0) ?? 0, $0) < (Int($1) ?? 0, $1) }.map { version in
      ToolLedgerEntry(
        version: version, state: .pending, words: "no row, and none of its statements is in the catalog: \(tool.displayName)'s next run applies it")
    }
  }

  /// A file's up SQL against the catalog, all or nothing only as the tool runs it.
  public static func analysis(_ file: ToolMigrationFile, catalog: CatalogSnapshot) -> MigrationAnalysis {
    MigrationAnalysis(definition: file.definition, up: true, catalog: catalog, atomic: file.atomic)
  }

  /// What the catalog must show to analyse the unrecorded files.
  public static func scope(_ ledger: ToolLedger, files: [ToolMigrationFile]) -> CatalogScope {
    let recorded = Set(ledger.entries(.applied).map(\.version))
    var scope = CatalogScope()
    for file in files where !recorded.contains(String(file.definition.id)) { scope.add(sql: file.definition.upQuery) }
    return scope
  }

  /// - Throws: `ToolRepairRefusal` when the version is recorded already, not in the folder, none
  ///   of it ran (`dbmate up` is the repair), or the catalog cannot tell where it stopped
  ///   (without `force`, which then only records it).
  public static func decide(
    _ evidence: ToolLedgerEvidence, files: [ToolMigrationFile], version: Int, force: Bool
  ) throws(ToolRepairRefusal) -> LedgerEdit {
    let tool = evidence.ledger.tool
    let table = evidence.ledger.table
    guard !evidence.rows.contains(String(version)) else { throw .notDirty(table: table, rows: ["version \(version) recorded"]) }
    guard let file = files.first(where: { $0.definition.id == version }) else {
      throw .undecided(table: table, dirty: version, reason: "the folder has no migration \(version)")
    }
    let analysis = analysis(file, catalog: evidence.catalog)
    var warnings: [String] = []
    let remaining: [Int]
    switch analysis.verdict {
    case .notApplied: throw .nothingRan(table: table, version: version)
    case .fullyApplied: remaining = []
    case .partiallyApplied, .unknown:
      if analysis.stoppedAtOnePoint {
        remaining = analysis.afterLastApplied
      } else {
        guard force else {
          throw .undecided(
            table: table, dirty: version, reason: "\(analysis.appliedCount) of \(analysis.statements.count) statements in, at no one stopping point")
        }
        remaining = []
        warnings.append("--force: recorded \(version) although the catalog says \(analysis.verdict.rawValue); nothing of it was run")
      }
    }
    let split = SQLSplitter.split(file.definition.upQuery)
    let statements = remaining.map { split[$0 - 1].text }
    let reason =
      statements.isEmpty
      ? "all \(analysis.statements.count) statements of \(version) are in the catalog: only its row is missing"
      : "\(remaining.count == 1 ? "statement" : "statements") \(remaining.map(String.init).joined(separator: ", ")) of \(version) "
        + "\(remaining.count == 1 ? "is" : "are") not in the catalog: \(remaining.count == 1 ? "it runs" : "they run"), then its row is written"
    return LedgerEdit(
      tool: tool, table: table, operation: "record \(version)", before: evidence.rows,
      after: (evidence.rows + [String(version)]).sorted(), change: .runThenRecord(statements: statements, version: String(version)),
      reason: reason, warnings: warnings)
  }
}
