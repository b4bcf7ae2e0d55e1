import Foundation
import Migrations
import PostgresClient
import TestSupport

/// One generated scenario end to end: build the dirty database, diagnose it, judge the verdict
/// against what really ran, run the first suggested repair as printed, and compare the schema
/// with a database where the migration ran cleanly or never ran (`pg_dump --schema-only`).
struct ScenarioRun {
  struct Result {
    var plan: ScenarioPlan
    /// diagnose's verdict (`in-progress` for a live lock holder), or why there is none.
    var verdict: String
    var exact: Bool
    /// Exact, or unknown (an honest "cannot tell"); anything else is a wrong verdict.
    var acceptable: Bool
    /// Every statement's state is the truth's (the first `ran` in, the rest out).
    var statesRight: Bool
    var repair: String?
    var repairStatus: Int32?
    /// After the repair: exit 0, no finding left for the migration, and the schema is the one the
    /// ledger now records.
    var clean: Bool
    /// The repair exited 0 but the schema is not what the ledger records (silent damage).
    var damage: Bool
    var note: String
  }

  struct SetupFailed: Error, CustomStringConvertible {
    var description: String
  }

  let world: ScenarioWorld
  let graphPath: String

  func run(_ plan: ScenarioPlan) throws -> Result {
    let schema = plan.schema
    let migration = plan.migration
    let base = try world.database(from: try world.template(schema, plan.base))
    defer { world.drop(base) }
    try world.apply(plan.ancestors + (plan.kind == .halfDoneRevert ? [migration] : []), schema: schema, in: base)
    let dirty = try world.database(from: base)
    defer { world.drop(dirty) }
    let holder = try makeDirty(dirty, plan)
    let finding = try diagnoseFinding(dirty, plan)
    var result = judge(finding, plan)
    if plan.kind == .liveLockHolder {
      let repair = try WriteTest.rbshell([
        "repair", "mark-applied", "--db", schema.rawValue, "--version", String(migration.id), "--dsn", "dbname=\(dirty)",
        "--migrations", graphPath, "--release", plan.release, "--yes",
      ])
      result.repair = "repair mark-applied (must wait for the holder)"
      result.repairStatus = repair.status
      result.clean = repair.status == 5 && finding?.code == "migration-in-progress"
      withExtendedLifetime(holder) {}
      return result
    }
    guard let command = finding?.suggestions.first(where: { $0.hasPrefix("rbshell repair") }) else {
      result.note += "; no repair suggested" + (finding == nil ? " (diagnose: \(try diagnoseCodes(dirty, plan)))" : "")
      return result
    }
    result.repair = command
    let words = command.split(separator: "#")[0].split(separator: " ").map(String.init).dropFirst()
    let repair = try WriteTest.rbshell(Array(words) + ["--yes"])
    result.repairStatus = repair.status
    let applied = try ledgerSaysApplied(dirty, plan)
    let reference = try referenceDump(base: base, plan: plan, applied: applied)
    let dump = try WriteTest.schemaDump(database: dirty)
    let left = try diagnoseFinding(dirty, plan)
    result.clean = repair.status == 0 && left == nil && dump == reference
    result.damage = repair.status == 0 && dump != reference
    if repair.status != 0 {
      result.note += "; repair exit \(repair.status): " + (repair.stderr.split(separator: "\n").last.map(String.init) ?? "")
    } else if let left {
      result.note += "; after the repair: \(left.code) \(left.verdict ?? "")"
    } else if dump != reference {
      result.note += "; schema differs from the database where it \(applied ? "ran cleanly" : "never ran")"
    }
    return result
  }

  /// The attempt: its first `ran` statements (all of them in one transaction), the ledger row,
  /// and for a live holder the session holding the lock (returned, kept open by the caller).
  private func makeDirty(_ database: String, _ plan: ScenarioPlan) throws -> Connection? {
    let connection = try Connection(dsn: "dbname=\(database)")
    let schema = plan.schema
    let id = plan.migration.id
    if plan.kind == .concurrentIndexLeftover, let index = plan.migration.concurrentIndex {
      try connection.execute(plan.migration.upQuery)
      try connection.execute("UPDATE pg_index SET indisvalid = false WHERE indexrelid = to_regclass(\(Quoting.literal(index.catalogIndexName)))")
      try connection.execute(
        ScenarioWorld.ledgerRow(schema, id, up: true, success: "false", error: "ERROR: canceling statement due to statement timeout (SQLSTATE 57014)"))
      return nil
    }
    let prefix = plan.statements.prefix(plan.ran)
    do {
      // All of it ran in one transaction; part of it by hand, also in one (psql -1: a `LOCK
      // TABLE` among them needs a transaction block), which leaves the same catalog.
      if plan.ran > 0 { try connection.execute("BEGIN;\n" + prefix.joined(separator: ";\n") + ";\nCOMMIT;") }
    } catch {
      throw SetupFailed(description: "the first \(plan.ran) statements did not run: \(error)")
    }
    // A revert that failed and finished is ignored by the migrator (its transaction rolled
    // back): a half-done revert is one whose process died, its row pending.
    let up = plan.kind != .halfDoneRevert
    let failed = plan.kind == .failedUp
    try connection.execute(
      ScenarioWorld.ledgerRow(
        schema, id, up: up, success: failed ? "false" : "NULL",
        error: failed ? "ERROR: canceling statement due to statement timeout (SQLSTATE 57014)" : nil))
    guard plan.kind == .liveLockHolder else { return nil }
    let holder = try Connection(dsn: "dbname=\(database)")
    try holder.query("SELECT pg_advisory_lock($1::int, 0)", [String(schema.lockKey)])
    return holder
  }

  struct Finding {
    var code: String
    var verdict: String?
    var states: [String]
    var suggestions: [String]
  }

  /// diagnose --json's findings for the plan's schema, and its exit status.
  private func diagnose(_ database: String, _ plan: ScenarioPlan) throws -> (findings: [[String: Any]], status: Int32) {
    let run = try RBShellRun.run([
      "diagnose", "--db", plan.schema.rawValue, "--dsn", "dbname=\(database)", "--migrations", graphPath,
      "--release", plan.release, "--json",
    ])
    return ((try run.json()["schemas"] as? [[String: Any]])?.first?["findings"] as? [[String: Any]] ?? [], run.status)
  }

  /// Every finding's code and migration, to say why the expected one is missing.
  private func diagnoseCodes(_ database: String, _ plan: ScenarioPlan) throws -> String {
    let (findings, status) = try diagnose(database, plan)
    return findings.map { "\($0["code"] ?? "")@\($0["migration"] ?? "-")" }.joined(separator: ", ") + " exit \(status)"
  }

  /// diagnose's finding on the migration (failed, dead pending, in progress), if any.
  private func diagnoseFinding(_ database: String, _ plan: ScenarioPlan) throws -> Finding? {
    let findings = try diagnose(database, plan).findings
    let codes = ["failed-migration", "dead-pending-migration", "migration-in-progress", "invalid-index"]
    let found = findings.filter { ($0["migration"] as? Int) == plan.migration.id && codes.contains($0["code"] as? String ?? "") }
    guard let finding = found.first(where: { $0["code"] as? String != "invalid-index" }) ?? found.first else { return nil }
    let analysis = finding["analysis"] as? [String: Any]
    let states = (analysis?["statements"] as? [[String: Any]] ?? []).map { $0["state"] as? String ?? "" }
    return Finding(
      code: finding["code"] as? String ?? "", verdict: analysis?["verdict"] as? String, states: states,
      suggestions: finding["suggestions"] as? [String] ?? [])
  }

  private func judge(_ finding: Finding?, _ plan: ScenarioPlan) -> Result {
    let verdict = finding.map { $0.code == "migration-in-progress" ? "in-progress" : ($0.verdict ?? "no verdict") } ?? "no finding"
    let truthStates = Array(repeating: "applied", count: plan.ran) + Array(repeating: "not-applied", count: plan.statements.count - plan.ran)
    let exact = verdict == plan.truth
    let statesRight = plan.kind == .liveLockHolder || plan.kind == .concurrentIndexLeftover || finding?.states == truthStates
    // Part of an atomic migration run by hand leaves "none ran" standing when what ran leaves no
    // trace the migration's own run would not (guarded statements, a view re-created as it
    // was): not-applied is then what the evidence says, and its retry must leave it right.
    let byHand = plan.byHand && verdict == "not-applied"
    return Result(
      plan: plan, verdict: verdict, exact: exact, acceptable: exact || verdict == "unknown" || byHand,
      statesRight: exact && statesRight, repair: nil, repairStatus: nil, clean: false, damage: false,
      note: exact && statesRight ? "" : "states \(finding?.states ?? [])")
  }

  /// Whether the ledger's latest row for the migration says it is applied.
  private func ledgerSaysApplied(_ database: String, _ plan: ScenarioPlan) throws -> Bool {
    let row = try Connection(dsn: "dbname=\(database)").query(
      "SELECT up AND coalesce(success, false) OR (NOT up AND NOT coalesce(success, true)) FROM migration_logs WHERE schema = $1 AND version = $2 ORDER BY id DESC LIMIT 1",
      [plan.schema.ledgerName, String(plan.migration.id)])
    return row.scalar == "t"
  }

  /// The schema where the migration ran cleanly (`applied`) or never ran: for an up attempt the
  /// base with or without its up SQL, for a revert the base (it is in) or the base after its down SQL.
  private func referenceDump(base: String, plan: ScenarioPlan, applied: Bool) throws -> String {
    let up = plan.kind != .halfDoneRevert
    if applied != up { return try WriteTest.schemaDump(database: base) }
    let reference = try world.database(from: base)
    defer { world.drop(reference) }
    if up {
      try world.apply([plan.migration], schema: plan.schema, in: reference)
    } else {
      try Connection(dsn: "dbname=\(reference)").execute("BEGIN;\n\(plan.migration.downQuery)\n;\nCOMMIT;")
    }
    return try WriteTest.schemaDump(database: reference)
  }
}
