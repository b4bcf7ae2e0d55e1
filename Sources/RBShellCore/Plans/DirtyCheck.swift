import Migrations

/// Refuses plans that would run over a failed or pending migration, as the migrator's locked
/// re-check does, with the intended semantics of its two ignore flags: one failed (or pending)
/// migration is tolerated only when it is the very next migration the plan runs.
public struct DirtyCheck {
  public struct Options: Sendable {
    public var ignoreSingleDirtyLog: Bool
    public var ignoreSinglePendingLog: Bool
    /// False for writes that are themselves the manual fix of a dirty ledger and run no
    /// migration (add-log, undo-last, clear-dirty, drop-invalid-index).
    public var enforced: Bool

    public init(ignoreSingleDirtyLog: Bool = false, ignoreSinglePendingLog: Bool = false, enforced: Bool = true) {
      self.ignoreSingleDirtyLog = ignoreSingleDirtyLog
      self.ignoreSinglePendingLog = ignoreSinglePendingLog
      self.enforced = enforced
    }

    /// No dirty check: the write repairs the ledger itself and runs no migration.
    public static let notEnforced = Options(enforced: false)
  }

  /// Failed and pending versions the plan touches: its own steps, and for a revert the failed or
  /// pending descendants of what it reverts (their half-done state sits on top of the plan).
  public static func blocking(_ plan: WritePlan, state: LedgerState, graph: MigrationGraph) -> (failed: [Int], pending: [Int]) {
    var touched = Set(plan.steps.map(\.definition.id))
    if plan.steps.contains(where: { !$0.up }) {
      touched.formUnion((try? graph.descendants(of: plan.steps.map(\.definition.id))) ?? [])
    }
    return (state.failed.filter(touched.contains), state.pending.filter(touched.contains))
  }

  /// - Throws: `WriteRefusal.dirty` naming the versions, unless an ignore flag covers exactly one
  ///   of them and it is the plan's first step.
  public static func check(_ plan: WritePlan, state: LedgerState, graph: MigrationGraph, options: Options) throws(WriteRefusal) {
    let (failed, pending) = blocking(plan, state: state, graph: graph)
    if failed.isEmpty && pending.isEmpty { return }
    let next = plan.steps.first?.definition.id
    if options.ignoreSingleDirtyLog, pending.isEmpty, failed.count == 1, failed[0] == next { return }
    if options.ignoreSinglePendingLog, failed.isEmpty, pending.count == 1, pending[0] == next { return }
    throw .dirty(schema: plan.schema, failed: failed, pending: pending, next: next)
  }
}

/// Reasons rbshell refuses to write; each says what to do instead.
public enum WriteRefusal: Error, Equatable, CustomStringConvertible {
  case dirty(schema: Schema, failed: [Int], pending: [Int], next: Int?)
  case privileged(schema: Schema, ids: [Int], asked: Bool)
  case privilegedHashNeeded(schema: Schema, hash: String, sql: String)
  case unknownVersion(Int)
  /// Under the lock the plan came out differently from the one previewed (steps as
  /// `1528395968 down`), or a step's verdict changed.
  case planChanged(schema: Schema, previewed: [String], now: [String])
  /// Migrations whose ids migration_logs.version (an `integer`) cannot hold (golang-migrate's
  /// timestamp versions).
  case unstorableVersions(schema: Schema, ids: [Int])
  /// Under the lock the repair no longer fits the database (someone repaired it meanwhile).
  case decisionChanged(schema: Schema, reason: String)
  case legacyLedger(schema: Schema, table: String, version: Int)

  public var description: String {
    switch self {
    case .dirty(let schema, let failed, let pending, let next):
      var parts: [String] = []
      if !failed.isEmpty { parts.append("failed: \(PlanBuilder.list(failed))") }
      if !pending.isEmpty { parts.append("pending: \(PlanBuilder.list(pending))") }
      let hint =
        next.map {
          " Run `rbshell diagnose --db \(schema)` for a verdict and repair; --ignore-single-dirty-log / --ignore-single-pending-log retry one such migration only when it is the next step (\($0))."
        } ?? ""
      return "dirty database: schema \"\(schema)\" has migrations this plan runs over (\(parts.joined(separator: "; "))); nothing was written.\(hint)"
    case .privileged(let schema, let ids, let asked):
      let why = asked ? "--unprivileged-only refuses them" : "the connected role is not a superuser"
      return "the plan for \(schema) contains privileged migration(s) \(PlanBuilder.list(ids)) (extension changes needing a superuser) and \(why): "
        + "run it as a superuser, or with --noop-privileged to record them and run their SQL by hand; nothing was written"
    case .privilegedHashNeeded(_, let hash, let sql):
      return "apply this SQL as a superuser, then rerun with --privileged-hash=\(hash):\n\(sql)"
    case .unknownVersion(let id):
      return "migration \(id) is not in the definitions: check --db and --version, or pass --force to record it anyway"
    case .planChanged(let schema, let previewed, let now):
      let removed = previewed.filter { !now.contains($0) }
      let added = now.filter { !previewed.contains($0) }
      var change: [String] = []
      if !removed.isEmpty { change.append("no longer planned: \(removed.joined(separator: ", "))") }
      if !added.isEmpty { change.append("now planned: \(added.joined(separator: ", "))") }
      if change.isEmpty { change.append("same migrations, different work (\(now.joined(separator: ", ")))") }
      return "the ledger or catalog of \(schema) changed after the preview (\(change.joined(separator: "; "))): nothing more was written; "
        + "run the command again to see the new plan"
    case .unstorableVersions(let schema, let ids):
      return
        "migration(s) \(PlanBuilder.list(ids)) of \(schema) have ids migration_logs.version (a PostgreSQL integer, \(LedgerVersion.range.lowerBound) … \(LedgerVersion.range.upperBound)) cannot hold; nothing was written"
    case .decisionChanged(let schema, let reason):
      return "the ledger or catalog of \(schema) changed after the preview: \(reason); nothing more was written; run the command again to see what fits now"
    case .legacyLedger(let schema, let table, let version):
      return "\(schema)'s only ledger is the pre-3.37 \(table) (version \(version)): rbshell writes migration_logs as the 3.37+ migrator does, "
        + "and would re-run migrations that table records as applied; upgrade with Sourcegraph's migrator first (it backfills migration_logs "
        + "from that table), or clear a dirty flag with `rbshell repair clear-dirty --db \(schema)`; nothing was written"
    }
  }
}

extension LedgerSnapshot {
  /// Writes go to migration_logs; on a database whose only ledger is the golang-migrate table
  /// they would start a second history that ignores it (and stop the migrator's backfill).
  ///
  /// - Throws: `WriteRefusal.legacyLedger` when there is no migration_logs but a legacy row.
  public func refuseWritesIfLegacyOnly(_ schema: Schema) throws(WriteRefusal) {
    guard !hasMigrationLogs, let legacy, let row = legacy.rows.first else { return }
    throw .legacyLedger(schema: schema, table: legacy.table, version: row.version)
  }
}
