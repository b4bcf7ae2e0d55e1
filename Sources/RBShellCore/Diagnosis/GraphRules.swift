import Migrations

/// Rules that compare the ledger with the definitions.
enum GraphRules {
  static func findings(_ input: DiagnosisInput, status: SchemaStatus) -> ([Finding], [String]) {
    let schema = input.schema
    switch input.definitions {
    case .none(let why):
      return ([], ["no migration definitions (\(why)): verdicts, unknown-applied and unapplied checks were skipped"])
    case .invalid(let invalid):
      return (
        [
          Finding(
            .definitionsInvalid, .error, schema: schema,
            message: "the migration definitions are invalid (\(invalid.problems.count) problem\(invalid.problems.count == 1 ? "" : "s"))",
            evidence: invalid.problems.map { "\($0.location): \($0.message)" },
            remedies: [Remedy(.validateDefinitions, schema: schema)])
        ], []
      )
    case .graph(let graph):
      guard status.ledger == .migrationLogs else { return ([], []) }
      return (unknownApplied(graph, status, input) + unapplied(graph, status, input), [])
    }
  }

  /// Applied versions these definitions do not know. History older than the definitions' root
  /// (absorbed into a squashed migration) is expected and not reported.
  private static func unknownApplied(_ graph: MigrationGraph, _ status: SchemaStatus, _ input: DiagnosisInput) -> [Finding] {
    guard let root = graph.root else { return [] }
    let unknown = status.state.applied.filter { !graph.contains($0) && $0 > root.id }
    guard !unknown.isEmpty else { return [] }
    return [
      Finding(
        .unknownAppliedMigration, .warning, schema: input.schema, migration: unknown.first,
        message:
          "\(unknown.count) applied migration\(unknown.count == 1 ? "" : "s") unknown to these definitions: the database is ahead of them (a rollback needs the newer release's definitions)",
        evidence: ["applied but not defined: " + unknown.prefix(10).map(String.init).joined(separator: ", ") + (unknown.count > 10 ? ", …" : "")])
    ]
  }

  /// Definitions not applied yet (besides the failed and pending ones reported on their own).
  private static func unapplied(_ graph: MigrationGraph, _ status: SchemaStatus, _ input: DiagnosisInput) -> [Finding] {
    let leaves = graph.leaves.map(\.id)
    guard let plan = try? graph.upPlan(applied: status.state.applied, targets: leaves) else { return [] }
    let reported = Set(status.state.pending + status.state.failed)
    let missing = plan.map(\.id).filter { !reported.contains($0) }
    guard !missing.isEmpty else { return [] }
    return [
      Finding(
        .unappliedMigrations, .info, schema: input.schema, migration: missing.first,
        message: "\(missing.count) migration\(missing.count == 1 ? "" : "s") not applied yet: the schema is behind its definitions",
        evidence: ["up plan to leaves \(leaves.map(String.init).joined(separator: ", ")): " + plan.map { String($0.id) }.joined(separator: ", ")],
        remedies: upRemedies(leaves: leaves, blockedBy: plan.map(\.id).filter(reported.contains), privileged: plan.contains(where: \.privileged), input))
    ]
  }

  /// `up` and `upto` the leaves. A plan that runs over a failed or pending migration is refused
  /// until that one is repaired, so the commands say so instead of failing as printed.
  /// A plan with a privileged migration is refused without --privileged, so they carry it.
  private static func upRemedies(leaves: [Int], blockedBy: [Int], privileged: Bool, _ input: DiagnosisInput) -> [Remedy] {
    var notes: [String] = []
    if !blockedBy.isEmpty { notes.append("after repairing \(blockedBy.map(String.init).joined(separator: ", ")) (see above)") }
    if privileged { notes.append(PrivilegedAdvice.note) }
    let flag: [Remedy.Argument] = privileged ? [.privileged(.apply)] : []
    let note = notes.isEmpty ? nil : notes.joined(separator: "; ")
    return [
      Remedy(.up, schema: input.schema, flag, note: note),
      Remedy(.upto, schema: input.schema, [.targets(leaves)] + flag, note: note),
    ]
  }

}
