import Migrations

/// Evidence that a pending migration is being run right now: a live session holds the schema's
/// migrator lock, or (for a concurrent index migration) its index is being built.
enum InProgress {
  struct Activity {
    var summary: String
    var details: [String]
  }

  static func evidence(for entry: LedgerEntry, _ input: DiagnosisInput) -> Activity? {
    if let build = indexBuild(for: entry, input) {
      let progress = build.blocksTotal > 0 ? ", \(build.blocksDone) of \(build.blocksTotal) blocks" : ""
      return Activity(
        summary: "index \(build.index ?? "?") is being built by pid \(build.pid): \(build.phase)",
        details: [
          "pg_stat_progress_create_index: pid \(build.pid), index \(build.index ?? "?") on \(build.table ?? "?"), phase \"\(build.phase)\"\(progress), tuples \(build.tuplesDone) of \(build.tuplesTotal)"
        ])
    }
    if let holder = lockHolders(of: input.schema, input).first {
      return Activity(summary: "pid \(holder.pid) holds the migration lock", details: [LockEvidence.describe(holder, now: input.now)])
    }
    return nil
  }

  static func lockHolders(of schema: Schema, _ input: DiagnosisInput) -> [AdvisoryLockHolder] {
    input.catalog.advisoryLocks.filter { $0.granted && KnownLocks.owner(of: $0, database: input.database) == .sourcegraph(schema) }
  }

  private static func indexBuild(for entry: LedgerEntry, _ input: DiagnosisInput) -> IndexBuild? {
    guard let index = input.graph?[entry.version]?.concurrentIndex else { return nil }
    return input.catalog.indexBuilds.first { $0.index == index.catalogIndexName }
  }
}

enum LockEvidence {
  static func describe(_ holder: AdvisoryLockHolder, now: Double) -> String {
    var parts = ["pid \(holder.pid)"]
    if let application = holder.application, !application.isEmpty { parts.append("application \"\(application)\"") }
    if let user = holder.user { parts.append("user \(user)") }
    if let client = holder.client { parts.append("client \(client)") }
    if let start = holder.backendStart, now > 0 { parts.append("connected \(Time.duration(now - start)) ago") }
    if let state = holder.state {
      let since = holder.stateChange.map { now > 0 ? " for \(Time.duration(now - $0))" : "" } ?? ""
      parts.append("\(state)\(since)")
    }
    if let query = holder.query, !query.isEmpty { parts.append("query: \(MigrationAnalysis.summary(query))") }
    return "lock holder: " + parts.joined(separator: ", ")
  }
}
