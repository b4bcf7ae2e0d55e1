/// What a tool's ledger says is wrong, in that tool's terms. Read-only facts: whether the failed
/// migration's SQL took effect is not judged here.
public struct ToolLedgerFinding: Sendable, Equatable, Codable {
  public enum Code: String, Sendable, Codable {
    /// The tool recorded a migration that did not finish; its next run refuses or repeats it.
    case failedMigration = "failed-migration"
    /// Alembic: several current heads; `alembic upgrade head` refuses.
    case alembicMultipleHeads = "alembic-multiple-heads"
    /// Atlas: a revision stopped part-way (applied < total).
    case atlasPartialRevision = "atlas-partial-revision"
    /// Alembic: `alembic_version` does not record the revision the catalog shows the schema at.
    case alembicStampMismatch = "alembic-stamp-mismatch"
    /// Flyway: an applied migration whose file changed since (`flyway validate` fails).
    case flywayChecksumMismatch = "flyway-checksum-mismatch"
    /// A tool that records nothing on failure (dbmate): a migration with no row whose SQL the
    /// catalog shows ran, in part or whole; the tool's next run repeats it and fails.
    case unrecordedMigration = "unrecorded-migration"
  }

  public var tool: LedgerTool
  public var code: Code
  public var severity: Finding.Severity
  public var version: String?
  public var message: String
  /// golang-migrate: what the catalog says the dirty flag means (with `--migrations`).
  public var verdict: GolangMigrateVerdict?
  /// dbmate: what the catalog says an unrecorded migration did (with `--migrations`).
  public var analysis: MigrationAnalysis?
  /// The tool's own command that repairs it, when the evidence decides one (`migrate force 4`).
  public var remedy: String?
  /// rbshell's own repair, when the evidence decides one: decided here, next to the rule that
  /// makes the finding, by the same conditions the repair's decision applies (so a suggestion is
  /// never refused); rendered as a command line by the caller. Not part of the JSON itself.
  public var repair: ToolRepair?

  enum CodingKeys: String, CodingKey { case tool, code, severity, version, message, verdict, analysis, remedy }

  public init(
    tool: LedgerTool, code: Code, severity: Finding.Severity, version: String? = nil, message: String, verdict: GolangMigrateVerdict? = nil,
    remedy: String? = nil
  ) {
    self.tool = tool
    self.code = code
    self.severity = severity
    self.version = version
    self.message = message
    self.verdict = verdict
    self.remedy = remedy
  }
}

/// rbshell's repair of a tool's ledger, as data: the `repair` subcommand and its own arguments
/// (the caller adds the tool, its migrations, its table and the connection).
public struct ToolRepair: Sendable, Equatable {
  public var command: String
  public var arguments: [String]

  public init(_ command: String, _ arguments: [String] = []) {
    self.command = command
    self.arguments = arguments
  }
}

public enum ToolLedgerRules {
  /// - Parameter verdict: for a golang-migrate ledger, the catalog's verdict on its dirty version.
  /// - Parameter unrecorded: for a tool that records nothing on failure, the catalog's analysis
  ///   of each migration in its folder that has no row.
  ///   - failed: the catalog's analysis of a failed migration's file (Prisma, Flyway, Sqitch), by
  ///     version.
  ///   - checksums: Flyway's applied versions whose file changed: recorded and current checksum.
  public static func findings(
    _ ledger: ToolLedger, verdict: GolangMigrateVerdict? = nil, unrecorded: [String: MigrationAnalysis] = [:],
    failed: [String: MigrationAnalysis] = [:], checksums: [String: FlywayResolve.Mismatch] = [:]
  ) -> [ToolLedgerFinding] {
    var findings = ledger.entries(.failed).map { entry in
      var finding = ToolLedgerFinding(
        tool: ledger.tool, code: ledger.tool == .atlas ? .atlasPartialRevision : .failedMigration, severity: .error,
        version: entry.version,
        message: "\(ledger.tool.displayName) recorded \(entry.version)\(entry.name.map { " (\($0))" } ?? "") as not finished: \(entry.words)")
      if let verdict, String(verdict.dirtyVersion) == entry.version {
        finding.verdict = verdict
        finding.message += "; the catalog says \(verdict.analysis.verdict.rawValue) (\(verdict.reason))"
        finding.remedy = verdict.force.map { "migrate force \($0)" }
        finding.repair = verdict.force.map { _ in ToolRepair("force") }
      }
      if let analysis = failed[entry.version] {
        finding.analysis = analysis
        finding.message += "; the catalog says \(analysis.verdict.rawValue) (\(analysis.appliedCount) of \(analysis.statements.count) statements in)"
        let resolution = PrismaResolve.resolution(for: analysis.verdict)
        switch ledger.tool {
        case .prisma, .flyway:
          finding.repair = resolution.map { ToolRepair("resolve", ["--\($0.rawValue)", entry.version]) }
          finding.remedy =
            ledger.tool == .prisma
            ? resolution.map { "prisma migrate resolve --\($0.rawValue) \(entry.version)" }
            : resolution == .rolledBack ? "flyway repair   (removes every failed row, and realigns every checksum)" : nil
        case .atlas:
          let judged = AtlasResume.judge(recorded: entry.statementsApplied, analysis: analysis)
          finding.message += ": " + judged.words
          if judged.correctable { finding.repair = ToolRepair("record", ["--version", entry.version]) }
        case .sqitch where analysis.verdict == .notApplied:
          // Nothing is left: Sqitch's next deploy runs the change again (once its cause is fixed).
          finding.severity = .warning
          finding.message += ": the next sqitch deploy runs it again"
        case .sqitch:
          finding.repair = ToolRepair("undo-leftovers", ["--change", entry.version])
        default: break
        }
      }
      return finding
    }
    for (version, sums) in checksums.sorted(by: { $0.key < $1.key }) {
      findings.append(
        ToolLedgerFinding(
          tool: ledger.tool, code: .flywayChecksumMismatch, severity: .error, version: version,
          message: "Flyway recorded \(version) with checksum \(sums.recorded), but its file's is \(sums.file): it was edited after it ran, "
            + "and `flyway migrate` refuses (validate) until the file is restored or `flyway repair` realigns the checksum"))
    }
    for (version, analysis) in unrecorded.sorted(by: { $0.key < $1.key }) where analysis.verdict != .notApplied {
      let what =
        analysis.verdict == .fullyApplied
        ? "all \(analysis.statements.count) of its statements are in the catalog"
        : "the catalog shows it ran part-way (\(analysis.appliedCount) of \(analysis.statements.count) statements in, \(analysis.verdict.rawValue))"
      var finding = ToolLedgerFinding(
        tool: ledger.tool, code: .unrecordedMigration, severity: .error, version: version,
        message: "\(ledger.tool.displayName) has no row for \(version), but \(what): its next run repeats it and fails (\"already exists\")")
      finding.analysis = analysis
      if analysis.verdict == .fullyApplied || analysis.stoppedAtOnePoint { finding.repair = ToolRepair("record", ["--version", version]) }
      findings.append(finding)
    }
    if ledger.tool == .alembic, ledger.entries.count > 1 {
      findings.append(
        ToolLedgerFinding(
          tool: .alembic, code: .alembicMultipleHeads, severity: .warning,
          message: "alembic_version holds \(ledger.entries.count) heads (\(ledger.entries.map(\.version).joined(separator: ", "))): "
            + "`alembic upgrade head` refuses until they are merged (`alembic merge`) or one is named"))
    }
    return findings
  }
}
