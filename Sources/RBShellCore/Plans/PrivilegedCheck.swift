import Migrations

/// Whether a plan's privileged (extension) migrations may run, decided from the mode and the
/// connected role — before the preview and again under the lock. A privileged step whose SQL
/// has no statement (a comment-only down, a squashed root's empty half) changes no extension
/// and is never refused.
public enum PrivilegedCheck {
  /// The plan's privileged steps that run SQL.
  public static func privilegedSteps(_ plan: WritePlan) -> [PlanStep] {
    plan.steps.filter { $0.definition.privileged && $0.statementCount > 0 }
  }

  /// - Parameters:
  ///   - hashes: the `--privileged-hash` values given (for `noop` going up).
  ///   - canRunPrivileged: whether the connected role is a superuser.
  /// - Throws: `WriteRefusal.privileged` (refused) or `.privilegedHashNeeded` (noop: the SQL to
  ///   run by hand and the hash that confirms it).
  public static func check(_ plan: WritePlan, mode: PrivilegedMode, hashes: [String], canRunPrivileged: Bool) throws(WriteRefusal) {
    let privileged = privilegedSteps(plan)
    guard !privileged.isEmpty else { return }
    let ids = privileged.map(\.definition.id)
    switch mode {
    case .apply: return
    case .auto where canRunPrivileged: return
    case .auto: throw .privileged(schema: plan.schema, ids: ids, asked: false)
    case .refuse: throw .privileged(schema: plan.schema, ids: ids, asked: true)
    case .noop:
      let hash = PrivilegedMode.hash(ids)
      guard privileged.contains(where: \.up), !hashes.contains(hash) else { return }
      var sql = ["BEGIN;"]
      for step in privileged { sql += ["-- Migration \(step.definition.id)", step.sql] }
      sql.append("COMMIT;")
      throw .privilegedHashNeeded(schema: plan.schema, hash: hash, sql: sql.joined(separator: "\n"))
    }
  }
}
