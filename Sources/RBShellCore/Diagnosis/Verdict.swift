import Migrations

/// What a failed or pending migration really did, proven statement by statement.
public struct MigrationAnalysis: Sendable, Equatable, Codable {
  public enum Verdict: String, Sendable, Codable {
    case notApplied = "not-applied"
    case partiallyApplied = "partially-applied"
    case fullyApplied = "fully-applied"
    case unknown
  }

  public var verdict: Verdict
  /// `up` when the attempt was an upgrade; its down SQL is analysed for a revert.
  public var direction: String
  public var statements: [AnalyzedStatement]
  /// The statement that ends the migration's transaction itself (`COMMIT;` mid-file), if any:
  /// the migration is not atomic, so what precedes it may be committed though the attempt failed.
  public var transactionEnding: TransactionControl.Ending?

  public struct AnalyzedStatement: Sendable, Equatable, Codable {
    public var index: Int
    public var line: Int
    public var summary: String
    public var state: StatementState.State
    public var reason: String
    public var weak: Bool
  }

  /// Whether the attempt ran in one transaction (all or nothing): every migration but a
  /// concurrent-index one and SQL that ends its own transaction.
  public var atomic: Bool
  /// How many statements the attempt ran, when the catalog proves it (the one fitting hypothesis).
  public var ran: Int?
  /// The catalog cannot tell whether it ran, and running it again is right either way.
  public var rerunSafe: Bool
  /// How the verdict was reached: the hypotheses ruled out and the ones that fit.
  public var evidence: [String]
  /// For an upgrade: what the attempt changed that the down SQL does not undo (so `repair
  /// revert` cannot bring back the schema it never ran on), each as its statement's evidence.
  public var revertLeaves: [String]

  /// The attempt stopped at a proven point: `repair complete` knows what to run.
  public var stoppedAtOnePoint: Bool { ran != nil }

  /// The statements after the proven stopping point (1-based): what `repair complete` runs.
  public var afterLastApplied: [Int] {
    guard let ran else { return [] }
    return statements.dropFirst(ran).map(\.index)
  }

  /// Counts for messages such as "2 of 3 statements".
  public var appliedCount: Int { statements.filter { $0.state == .applied }.count }

  /// Analyses the SQL the attempt ran (`up.sql` for an up attempt, `down.sql` for a down attempt):
  /// each statement's facts are checked against the catalog, and the hypotheses "the first k
  /// statements ran" tested against them (`HypothesisTest`).
  /// - Parameter atomic: whether the tool ran the SQL in one transaction, when it decides that
  ///   itself (dbmate commits each `-- migrate:up` section on its own); otherwise derived from
  ///   the SQL (concurrent index builds and transaction control are not atomic).
  public init(definition: Definition, up: Bool, catalog: CatalogSnapshot, atomic toolAtomic: Bool? = nil) {
    let sql = up ? definition.upQuery : definition.downQuery
    let split = SQLSplitter.split(sql)
    let extractor = FactExtractor(catalog: catalog)
    let intents = split.map { StatementParser.parse($0.text) }
    let observed = intents.map(extractor.probe.state(of:))
    let test = HypothesisTest(intents.map(extractor.facts(of:)))
    if up {
      revertLeaves = test.left(by: extractor.test(SQLSplitter.split(definition.downQuery))).map { $0.located(in: "up.sql", split) }
    } else {
      revertLeaves = []
    }
    direction = up ? "up" : "down"
    transactionEnding = TransactionControl.endings(in: sql).first
    atomic = (toolAtomic ?? true) && !definition.isCreateIndexConcurrently && transactionEnding == nil
    let unexplained = Self.combine(observed.map(\.state))
    let decision = HypothesisDecision.decide(test, atomic: atomic, unexplained: unexplained)
    verdict = decision.verdict
    ran = decision.ran
    rerunSafe = decision.rerunSafe
    evidence = decision.evidence
    statements = split.enumerated().map { offset, statement in
      let seen = observed[offset]
      var state = seen.state
      var reason = seen.reason
      if let ran = decision.ran {
        let didRun = offset < ran
        state = didRun ? .applied : .notApplied
        reason = Self.explain(seen, didRun: didRun)
      }
      return AnalyzedStatement(
        index: offset + 1, line: statement.line, summary: Self.summary(statement.text), state: state,
        reason: reason, weak: seen.weak)
    }
  }

  /// A statement's own evidence, said in the light of the hypothesis that fits.
  static func explain(_ seen: StatementState, didRun: Bool) -> String {
    switch (seen.state, didRun) {
    case (.unknown, true): "\(seen.reason); it ran with the statements around it"
    case (.unknown, false): "\(seen.reason); it did not run"
    case (.notApplied, true): "\(seen.reason): a later statement changed it again"
    case (.applied, false): "\(seen.reason): it was so before the migration"
    default: seen.reason
    }
  }

  /// The verdict from the statements' own states, when no stopping point explains them: some in
  /// and some out → partially applied; otherwise unknown, not applied or fully applied.
  static func combine(_ states: [StatementState.State]) -> Verdict {
    let applied = states.contains(.applied)
    let missing = states.contains(.notApplied)
    if applied && missing { return .partiallyApplied }
    if states.contains(.unknown) { return .unknown }
    if missing { return .notApplied }
    return .fullyApplied
  }

  /// The first line of a statement, shortened: enough to recognise it.
  static func summary(_ text: String) -> String {
    let first = text.split(separator: "\n").first.map(String.init) ?? text
    return first.count > 80 ? String(first.prefix(77)) + "..." : first
  }
}
