import Migrations

/// Failed and pending versions, the legacy dirty flag, and a missing ledger.
enum LedgerRules {
  static func findings(_ input: DiagnosisInput, status: SchemaStatus) -> [Finding] {
    let schema = input.schema
    if status.health == .noLedger {
      return [
        Finding(
          .noLedger, .info, schema: schema,
          message: "no migration ledger (neither migration_logs nor \(schema.ledgerName)): nothing to diagnose")
      ]
    }
    var findings = status.failed.map { failed($0, input) }
    findings += status.pending.map { pending($0, input) }
    if let legacy = status.legacy, legacy.dirty { findings.append(legacyFlag(legacy, input)) }
    return findings
  }

  static func failed(_ entry: LedgerEntry, _ input: DiagnosisInput) -> Finding {
    let analysis = analyze(entry, input)
    var message = "migration \(entry.version) failed"
    if let analysis { message += ", " + RepairAdvice.describe(analysis) }
    return Finding(
      .failedMigration, .error, schema: input.schema, migration: entry.version, message: message,
      evidence: [LedgerEvidence.row(entry)] + (entry.errorMessage.map { ["error: \(ErrorHeadline.of($0))"] } ?? [])
        + missingVerdictNote(entry, input),
      analysis: analysis,
      remedies: RepairAdvice.remedies(for: analysis, entry: entry, input: input) + driftCheck(entry, input))
  }

  /// SQLSTATEs of "already exists" and "does not exist" (42P07, 42701, 42703, 42704), as the
  /// migrator and rbshell record them: a likely sign the schema is not what the ledger says.
  static let driftStates = ["42P07", "42701", "42703", "42704"].map { "(SQLSTATE \($0))" }

  /// `rbshell drift` for a failure whose error says an object already exists or does not.
  static func driftCheck(_ entry: LedgerEntry, _ input: DiagnosisInput) -> [Remedy] {
    guard let error = entry.errorMessage, driftStates.contains(where: error.contains) else { return [] }
    return [Remedy(.drift, schema: input.schema, note: "the error says an object already exists or does not: the schema may have drifted from the ledger")]
  }

  static func pending(_ entry: LedgerEntry, _ input: DiagnosisInput) -> Finding {
    if let activity = InProgress.evidence(for: entry, input) {
      return Finding(
        .migrationInProgress, .info, schema: input.schema, migration: entry.version,
        message: "migration \(entry.version) is being applied right now (\(activity.summary))",
        evidence: [LedgerEvidence.row(entry)] + activity.details,
        remedies: [Remedy(.diagnose, schema: input.schema)])
    }
    let analysis = analyze(entry, input)
    var message = "migration \(entry.version) is pending but nothing is running it"
    if let analysis { message += ", " + RepairAdvice.describe(analysis) }
    return Finding(
      .deadPendingMigration, .error, schema: input.schema, migration: entry.version, message: message,
      evidence: [
        LedgerEvidence.row(entry), "no session holds the \(input.schema) migration lock (key \(input.schema.lockKey)) and no index build is running for it",
      ]
        + missingVerdictNote(entry, input),
      analysis: analysis,
      remedies: RepairAdvice.remedies(for: analysis, entry: entry, input: input))
  }

  /// Why there is no verdict, when there is none.
  static func missingVerdictNote(_ entry: LedgerEntry, _ input: DiagnosisInput) -> [String] {
    switch input.definitions {
    case .graph(let graph) where !graph.contains(entry.version):
      return ["no verdict: migration \(entry.version) is not in these definitions (use the release that defines it)"]
    case .graph: return []
    default: return ["no verdict: give the definitions (--migrations) to check its statements against the catalog"]
    }
  }

  private static func analyze(_ entry: LedgerEntry, _ input: DiagnosisInput) -> MigrationAnalysis? {
    guard let definition = input.graph?[entry.version] else { return nil }
    return MigrationAnalysis(definition: definition, up: entry.up, catalog: input.catalog)
  }

  private static func legacyFlag(_ legacy: SchemaStatus.LegacyStatus, _ input: DiagnosisInput) -> Finding {
    let schema = input.schema
    let version = legacy.rows.first(where: \.dirty)?.version ?? 0
    let evidence = "\(legacy.table): version \(version), dirty = true"
    guard legacy.consulted else {
      return Finding(
        .legacyDirtyFlag, .warning, schema: schema, migration: version,
        message: "stale dirty flag in \(legacy.table) (version \(version)): ignored since 3.37, clearing it changes nothing",
        evidence: [evidence, "migration_logs exists, so the migrator no longer reads \(legacy.table)"])
    }
    // The flag means "migration V started and did not finish": its up SQL's verdict says
    // which clean version the table must say.
    let analysis = input.graph?[version].map { MigrationAnalysis(definition: $0, up: true, catalog: input.catalog) }
    let state = analysis.map { ", " + RepairAdvice.describe($0) } ?? ""
    return Finding(
      .legacyDirtyFlag, .error, schema: schema, migration: version,
      message: "\(legacy.table) is marked dirty at version \(version) (pre-3.37 ledger)\(state): the frontend refuses to start",
      evidence: [evidence, "migration_logs does not exist: this table is the ledger"]
        + (analysis == nil && input.graph != nil ? ["migration \(version) is not in the definitions: give those of the running release for a verdict"] : []),
      analysis: analysis,
      remedies: RepairAdvice.legacyRemedies(for: analysis, version: version, input: input))
  }

}

/// How ledger rows are quoted as evidence.
enum LedgerEvidence {
  static func row(_ entry: LedgerEntry) -> String {
    let outcome = entry.success.map { $0 ? "succeeded" : "failed" } ?? "never finished"
    return "migration_logs: version \(entry.version) \(entry.up ? "up" : "down") started \(Time.iso(entry.startedAt)), \(outcome)"
      + (entry.backfilled ? " (backfilled)" : "")
  }
}

/// Minimal UTC formatting for evidence text (the core does no I/O and no locale work).
enum Time {
  static func iso(_ seconds: Double) -> String {
    let total = Int(seconds.rounded(.down))
    let days = total >= 0 ? total / 86400 : (total - 86399) / 86400
    let secs = total - days * 86400
    let (y, m, d) = civil(days)
    func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
    return "\(y)-\(two(m))-\(two(d))T\(two(secs / 3600)):\(two(secs % 3600 / 60)):\(two(secs % 60))Z"
  }

  /// Howard Hinnant's days-from-civil inverse.
  static func civil(_ z0: Int) -> (Int, Int, Int) {
    let z = z0 + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
  }

  static func duration(_ seconds: Double) -> String {
    let s = max(0, Int(seconds))
    if s < 120 { return "\(s)s" }
    if s < 7200 { return "\(s / 60)m" }
    if s < 172_800 { return "\(s / 3600)h" }
    return "\(s / 86400)d"
  }
}
