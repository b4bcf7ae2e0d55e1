import Migrations

/// Migration locks held while nothing is pending, and other tools' locks.
enum LockRules {
  static func findings(_ input: DiagnosisInput, status: SchemaStatus) -> [Finding] {
    var findings: [Finding] = []
    if status.pending.isEmpty {
      for holder in InProgress.lockHolders(of: input.schema, input) {
        let idle = holder.state?.hasPrefix("idle") == true ? " and is idle" : ""
        findings.append(
          Finding(
            .migrationLockHeld, .warning, schema: input.schema,
            message: "pid \(holder.pid) holds the \(input.schema) migration lock with nothing pending\(idle): other migrators will wait",
            evidence: ["pg_locks: advisory (\(input.schema.lockKey), 0) granted", LockEvidence.describe(holder, now: input.now)]))
      }
    }
    guard input.reportsDatabaseWideFacts else { return findings }
    for holder in input.catalog.advisoryLocks where holder.granted {
      guard case .tool(let tool)? = KnownLocks.owner(of: holder, database: input.database) else { continue }
      findings.append(
        Finding(
          .migrationLockHeld, .warning, schema: input.schema,
          message: "pid \(holder.pid) holds \(tool)'s migration lock (key \(holder.bigintKey))",
          evidence: [LockEvidence.describe(holder, now: input.now)]))
    }
    return findings
  }
}
