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

  /// A file runs in order, so an attempt that stopped left a prefix in: every statement up to
  /// the last one proven in ran. False when a statement before that one is proven out
  /// (something else changed the catalog since, or a later statement re-made what an earlier
  /// one dropped): completing it could not know what to run.
  public var stoppedAtOnePoint: Bool {
    guard let last = statements.lastIndex(where: { $0.state == .applied }) else { return true }
    return !statements[..<last].contains { $0.state == .notApplied }
  }

  /// The statements after the last one proven in (1-based): what `repair complete` runs. An
  /// unknown statement before it (a data change) ran already and is not run twice.
  public var afterLastApplied: [Int] {
    let last = statements.lastIndex(where: { $0.state == .applied }) ?? -1
    return statements[(last + 1)...].map(\.index)
  }

  /// Counts for messages such as "2 of 3 statements".
  public var appliedCount: Int { statements.filter { $0.state == .applied }.count }

  /// Analyses the SQL the attempt ran (`up.sql` for an up attempt, `down.sql` for a down attempt).
  public init(definition: Definition, up: Bool, catalog: CatalogSnapshot) {
    let probe = EffectProbe(catalog: catalog)
    let sql = up ? definition.upQuery : definition.downQuery
    statements = SQLSplitter.split(sql).enumerated().map { index, statement in
      let state = probe.state(of: statement.text)
      return AnalyzedStatement(
        index: index + 1, line: statement.line, summary: Self.summary(statement.text), state: state.state,
        reason: state.reason, weak: state.weak)
    }
    direction = up ? "up" : "down"
    transactionEnding = TransactionControl.endings(in: sql).first
    verdict = Self.combine(statements)
  }

  /// all in → fully applied; none in → not applied; provably some in and some out → partially
  /// applied, even when other statements are unknown; otherwise unknown. A migration without
  /// statements (a squashed no-op) counts as fully applied.
  static func combine(_ statements: [AnalyzedStatement]) -> Verdict {
    let states = statements.map(\.state)
    let applied = states.contains(.applied), missing = states.contains(.notApplied)
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
