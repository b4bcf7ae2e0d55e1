import Migrations

/// Prisma's P3009: a `_prisma_migrations` row with neither `finished_at` nor `rolled_back_at`
/// blocks every deploy until `prisma migrate resolve --applied` or `--rolled-back` — and Prisma
/// cannot tell which is true. The catalog can: the file's SQL all in → applied; none of it (Prisma
/// sends the file as one query, so a failure rolls it back) → rolled back. Pure: the store reads,
/// this decides.
public enum PrismaResolve {
  public enum Resolution: String, Sendable, Equatable, Codable {
    case applied
    case rolledBack = "rolled-back"
  }

  /// A `_prisma_migrations` row as edits compare it: `20240202000000_add_index: failed`.
  public static func words(name: String, state: ToolLedgerEntry.State) -> String { "\(name): \(state.rawValue)" }

  /// The folder as the ledger names its migrations (Prisma sends a file as one query: atomic as
  /// its SQL says).
  public static func failing(_ files: [PrismaLayoutReader.File]) -> FailedMigrationFiles {
    FailedMigrationFiles(files.map { ($0.name, .init(definition: $0.definition, atomic: nil)) })
  }

  /// The resolution the verdict proves, if it proves one.
  public static func resolution(for verdict: MigrationAnalysis.Verdict) -> Resolution? {
    switch verdict {
    case .fullyApplied: .applied
    case .notApplied: .rolledBack
    case .partiallyApplied, .unknown: nil
    }
  }

  /// - Throws: `ToolRepairRefusal` when the migration has no failed row, is not in the folder,
  ///   or the catalog contradicts the resolution or cannot decide (without `force`).
  public static func decide(
    _ evidence: ToolLedgerEvidence, files: [PrismaLayoutReader.File], name: String, resolution: Resolution, force: Bool
  ) throws(ToolRepairRefusal) -> LedgerEdit {
    let table = evidence.ledger.table
    let failedRow = words(name: name, state: .failed)
    guard evidence.ledger.entries(.failed).contains(where: { $0.version == name }), let index = evidence.rows.lastIndex(of: failedRow) else {
      throw .notDirty(table: table, rows: evidence.rows.filter { $0.hasPrefix(name + ":") })
    }
    guard let file = files.first(where: { $0.name == name }), let analysis = failing(files).analysis(of: name, catalog: evidence.catalog) else {
      throw .resolutionUndecided(table: table, name: name, reason: "the folder has no migration \(name)")
    }
    let warnings = try check(analysis, table: table, name: name, resolution: resolution, force: force)
    var after = evidence.rows
    after[index] = words(name: name, state: .rolledBack)
    if resolution == .applied { after.append(words(name: name, state: .applied)) }
    return LedgerEdit(
      tool: .prisma, table: table, operation: "resolve --\(resolution.rawValue) \(name)", before: evidence.rows, after: after,
      change: .prismaResolve(name: name, resolution: resolution, script: file.text), reason: reason(analysis, name: name), warnings: warnings)
  }

  /// Whether the catalog's verdict allows `resolution`: the warnings of a forced one, or the
  /// refusal.
  static func check(
    _ analysis: MigrationAnalysis, table: String, name: String, resolution: Resolution, force: Bool
  ) throws(ToolRepairRefusal) -> [String] {
    let proven = self.resolution(for: analysis.verdict)
    guard proven != resolution else { return [] }
    let said = "\(analysis.verdict.rawValue): \(analysis.appliedCount) of \(analysis.statements.count) statements in"
    guard force else {
      throw proven == nil
        ? .resolutionUndecided(table: table, name: name, reason: said)
        : .resolutionContradicts(table: table, name: name, requested: resolution.rawValue, verdict: said)
    }
    return ["--force: resolved \(name) as \(resolution.rawValue) although the catalog says \(said)"]
  }

  /// Why the verdict resolves it so, in one line.
  static func reason(_ analysis: MigrationAnalysis, name: String) -> String {
    switch analysis.verdict {
    case .fullyApplied: "all \(analysis.statements.count) statements of \(name) are in the catalog: it ran"
    case .notApplied: "none of \(name)'s \(analysis.statements.count) statements is in the catalog: it was rolled back"
    case .partiallyApplied, .unknown: "the catalog says \(analysis.verdict.rawValue)"
    }
  }
}
