import Migrations
import RBShellCore

/// Human rendering of `rbshell status`: per schema, its verdict, its ledger, and what is wrong.
enum StatusText {
  static func render(_ report: StatusReport) -> String {
    report.schemas.map(render).joined(separator: "\n")
  }

  static func render(_ entry: StatusReport.SchemaEntry) -> String {
    let status = entry.status
    var lines = [headline(entry)]
    switch status.ledger {
    case .none:
      lines.append("  no migration ledger: neither migration_logs nor \(status.ledgerName) exists (nothing was created)")
    case .legacy:
      lines.append("  ledger: \(status.ledgerName) only (golang-migrate, Sourcegraph ≤ 3.36)")
    case .migrationLogs:
      lines += migrationLogsLines(status)
    }
    if let legacy = status.legacy { lines.append(legacyLine(legacy)) }
    return lines.joined(separator: "\n") + "\n"
  }

  private static func headline(_ entry: StatusReport.SchemaEntry) -> String {
    let db = entry.database
    let verdict = entry.status.health == .noLedger ? "NO LEDGER" : entry.status.health.rawValue.uppercased()
    return "\(entry.status.schema): \(verdict)  (database \(db.name) on \(db.host):\(db.port) as \(db.user))"
  }

  private static func migrationLogsLines(_ status: SchemaStatus) -> [String] {
    let counts = status.rowCounts
    var lines = [
      "  ledger: migration_logs, schema = '\(status.ledgerName)': \(counts.total) rows "
        + "(\(counts.backfilled) backfilled, \(counts.ignored) ignored by the migrator's failed-revert filter)"
    ]
    lines.append("  applied: \(appliedSummary(status))")
    lines.append("  pending: \(status.pending.count)")
    lines += status.pending.map {
      "    \($0.version) \(direction($0)) started \(Timestamp.iso8601($0.startedAt)) (\(Timestamp.age($0.startedAt)) ago), never finished"
    }
    lines.append("  failed:  \(status.failed.count)")
    lines += status.failed.map { "    \($0.version) \(direction($0)) started \(Timestamp.iso8601($0.startedAt)): \(firstLine($0.errorMessage))" }
    return lines
  }

  private static func appliedSummary(_ status: SchemaStatus) -> String {
    let applied = status.state.applied
    guard let first = applied.first, let last = applied.last else { return "0" }
    var text = applied.count == 1 ? "1 (version \(first))" : "\(applied.count) (versions \(first) … \(last))"
    if let newest = status.newestApplied {
      text += "; most recent: \(newest.version) at \(Timestamp.iso8601(newest.startedAt))"
    }
    return text
  }

  private static func legacyLine(_ legacy: SchemaStatus.LegacyStatus) -> String {
    let rows =
      legacy.rows.isEmpty
      ? "empty" : legacy.rows.map { "version \($0.version)\($0.dirty ? ", DIRTY" : ", clean")" }.joined(separator: "; ")
    let note =
      legacy.consulted
      ? (legacy.dirty ? ": the migrator refuses to run until it is fixed" : "")
      : " (no longer consulted: migration_logs exists, so the migrator ignores this table)"
    return "  legacy \(legacy.table): \(rows)\(note)"
  }

  private static func direction(_ entry: LedgerEntry) -> String { entry.up ? "(up)" : "(down)" }

  private static func firstLine(_ text: String?) -> String {
    guard let text, !text.isEmpty else { return "(no error message)" }
    return ErrorHeadline.of(text)
  }
}
