import Migrations

/// Atlas records how many statements of a file ran (`applied` of `total`) and resumes at the
/// next one. The catalog tests that count: when it shows more statements in than Atlas recorded
/// (the process died after a statement committed, before the count), Atlas's resume would run a
/// statement again and fail; `rbshell repair record --tool atlas` sets the count to what the
/// catalog proves. Pure: the store reads, this decides.
public enum AtlasResume {
  /// A revision as edits compare it: `20240202: applied 1 of 3`.
  public static func words(version: String, applied: Int, total: Int) -> String { "\(version): applied \(applied) of \(total)" }

  /// The directory as the revisions name its files: Atlas resumes statement by statement, so
  /// each is its own unit, whatever the file's transaction mode.
  public static func failing(_ files: [AtlasLayoutReader.File]) -> FailedMigrationFiles {
    FailedMigrationFiles(files.map { ($0.version, .init(definition: $0.definition, atomic: false)) })
  }

  /// What the catalog says of Atlas's count, in one clause; and whether rbshell can correct it.
  public static func judge(recorded: Int?, analysis: MigrationAnalysis) -> (words: String, correctable: Bool) {
    guard let recorded, let ran = analysis.ran else {
      return ("the catalog shows no single stopping point (\(analysis.verdict.rawValue)): check by hand before `atlas migrate apply`", false)
    }
    if ran == recorded {
      return ("the catalog agrees: statements 1…\(ran) are in, so `atlas migrate apply` resumes at statement \(ran + 1) (fix its error first)", false)
    }
    if ran > recorded {
      return ("the catalog shows \(ran) statements in, Atlas recorded \(recorded): its resume would run statement \(recorded + 1) again and fail", true)
    }
    return ("the catalog shows only \(ran) statements in, Atlas recorded \(recorded): something undid them; check by hand", false)
  }

  /// - Throws: `ToolRepairRefusal` when the revision is not partial, its file is not in the
  ///   folder, or the catalog does not prove more statements in than Atlas recorded.
  public static func decide(_ evidence: ToolLedgerEvidence, files: [AtlasLayoutReader.File], version: String) throws(ToolRepairRefusal) -> LedgerEdit {
    let table = evidence.ledger.table
    guard let entry = evidence.ledger.entries(.failed).first(where: { $0.version == version }),
      let index = evidence.rows.firstIndex(where: { $0.hasPrefix("\(version): ") })
    else { throw .notDirty(table: table, rows: evidence.rows.filter { $0.hasPrefix("\(version):") }) }
    guard let analysis = failing(files).analysis(of: version, catalog: evidence.catalog) else {
      throw .resolutionUndecided(table: table, name: version, reason: "the folder has no file for \(version)")
    }
    let (said, correctable) = judge(recorded: entry.statementsApplied, analysis: analysis)
    guard correctable, let ran = analysis.ran else { throw .resolutionUndecided(table: table, name: version, reason: said) }
    let total = analysis.statements.count
    var after = evidence.rows
    after[index] = words(version: version, applied: ran, total: total)
    return LedgerEdit(
      tool: .atlas, table: table, operation: "record \(version) applied \(ran) of \(total)", before: evidence.rows, after: after,
      change: .atlasApplied(version: version, applied: ran, done: ran == total), reason: said)
  }
}
