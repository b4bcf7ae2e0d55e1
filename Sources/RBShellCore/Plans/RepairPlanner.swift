import Migrations

/// The targeted repairs diagnose suggests, each allowed only when the catalog's verdict says it
/// fits (or with `force`): what to run, and what the ledger must say afterwards.
public enum RepairAction: String, Sendable, CaseIterable {
  case retry, complete, revert
  case markApplied = "mark-applied"
  case markReverted = "mark-reverted"

  /// The verdicts this repair is right for. The verdict judges the failed attempt's own SQL: the
  /// up SQL for an upgrade, the down SQL for a revert — so for a revert "fully applied" means the
  /// migration is gone, and "not applied" that it is still in.
  public func fits(attemptWasUp up: Bool) -> Set<MigrationAnalysis.Verdict> {
    switch self {
    case .retry: [.notApplied]
    case .complete: [.partiallyApplied]
    case .revert: up ? [.partiallyApplied, .fullyApplied] : []
    case .markApplied: up ? [.fullyApplied] : [.notApplied]
    case .markReverted: up ? [.notApplied] : [.fullyApplied]
    }
  }
}

extension RepairAction {
  /// Whether the repair fits this analysis: its verdict, for `complete` an attempt that stopped
  /// at a proven point (`MigrationAnalysis.stoppedAtOnePoint`), and `retry` also when the catalog
  /// cannot tell but running the migration again is right either way (`rerunSafe`).
  public func fits(_ analysis: MigrationAnalysis, attemptWasUp up: Bool) -> Bool {
    if self == .retry, analysis.verdict == .unknown, analysis.rerunSafe { return true }
    if self == .revert, !analysis.revertLeaves.isEmpty { return false }
    return fits(attemptWasUp: up).contains(analysis.verdict) && (self != .complete || analysis.stoppedAtOnePoint)
  }

  /// Whether the repair runs the migration's SQL (and so meets the privileged check).
  public var runsMigrationSQL: Bool { [.retry, .complete, .revert].contains(self) }
}

public struct RepairPlan: Equatable, Sendable {
  public var action: RepairAction
  public var schema: Schema
  public var version: Int
  /// What the repair does: a migration step (a retry, the missing statements, a tolerant
  /// revert) or a record-only step (mark-applied: up, mark-reverted: down).
  public var step: PlanStep
  public var warnings: [String]
}

public enum RepairPlanner {
  /// - Throws: `RepairRefusal` when the verdict contradicts the repair (unless `force`) or the
  ///   repair does not apply to this attempt.
  public static func plan(
    _ action: RepairAction, schema: Schema, definition: Definition, attempt: LedgerEntry, analysis: MigrationAnalysis, force: Bool
  ) throws(RepairRefusal) -> RepairPlan {
    var warnings: [String] = []
    if action == .revert, !attempt.up { throw .notForDown(action: action, version: definition.id) }
    if action.fits(analysis, attemptWasUp: attempt.up) {
      // fits as it stands
    } else if !action.fits(attemptWasUp: attempt.up).contains(analysis.verdict) {
      guard force else { throw .contradicts(action: action, verdict: analysis.verdict, version: definition.id) }
      warnings.append("--force: \(action.rawValue) although the catalog says \(analysis.verdict.rawValue)")
    } else if action == .revert {
      guard force else { throw .revertLeaves(version: definition.id, facts: analysis.revertLeaves) }
      warnings.append("--force: revert although its down SQL leaves: " + analysis.revertLeaves.joined(separator: "; "))
    } else {
      let out = analysis.statements.filter { $0.state == .notApplied }.map { String($0.line) }
      guard force else { throw .scattered(version: definition.id, lines: out) }
      warnings.append("--force: complete although where the attempt stopped is not proven")
    }
    let step: PlanStep
    switch action {
    case .retry:
      step = PlanStep(definition: definition, up: attempt.up)
    case .complete:
      // The statements after the prefix that ran; with --force over a scattered attempt, every
      // statement not proven in.
      let missing = analysis.stoppedAtOnePoint ? analysis.afterLastApplied : analysis.statements.filter { $0.state != .applied }.map(\.index)
      var remaining = definition
      let statements = SQLSplitter.split(attempt.up ? definition.upQuery : definition.downQuery)
      let sql = missing.map { statements[$0 - 1].text + ";" }.joined(separator: "\n")
      if attempt.up { remaining.upQuery = sql } else { remaining.downQuery = sql }
      step = PlanStep(definition: remaining, up: attempt.up)
    case .revert:
      var revert = PlanStep(definition: definition, up: false)
      revert.toleratesMissingObjects = true
      step = revert
    case .markApplied:
      step = PlanStep(definition: definition, up: true, kind: .recordOnly)
    case .markReverted:
      step = PlanStep(definition: definition, up: false, kind: .recordOnly)
    }
    return RepairPlan(action: action, schema: schema, version: definition.id, step: step, warnings: warnings)
  }
}

public enum RepairRefusal: Error, Equatable, CustomStringConvertible {
  case contradicts(action: RepairAction, verdict: MigrationAnalysis.Verdict, version: Int)
  case notForDown(action: RepairAction, version: Int)
  case nothingToRepair(version: Int)
  case legacyNotDirty(table: String, version: Int)
  case legacyIgnored(table: String)
  case legacyUndecided(verdict: MigrationAnalysis.Verdict, version: Int)
  case scattered(version: Int, lines: [String])
  case revertLeaves(version: Int, facts: [String])

  public var description: String {
    switch self {
    case .contradicts(let action, let verdict, let version):
      "repair \(action.rawValue) does not fit migration \(version): the catalog says it is \(verdict.rawValue) (see `rbshell diagnose`); nothing was written (--force overrides)"
    case .notForDown(let action, let version):
      "repair \(action.rawValue) undoes an upgrade, but migration \(version)'s last attempt was a revert; nothing was written"
    case .nothingToRepair(let version):
      "migration \(version) is neither failed nor pending: nothing to repair"
    case .legacyNotDirty(let table, let version):
      "\(table) is not marked dirty at version \(version): nothing to repair"
    case .legacyIgnored(let table):
      "\(table) is no longer read since 3.37 (migration_logs exists): clearing its flag changes nothing; nothing was written"
    case .scattered(let version, let lines):
      "repair complete does not fit migration \(version): where its attempt stopped is not proven (statements at line \(lines.joined(separator: ", ")) are not in, and no single stopping point explains the catalog; see `rbshell diagnose --verbose`); nothing was written (revert it, or finish it by hand; --force runs every statement not in)"
    case .revertLeaves(let version, let facts):
      "repair revert does not fit migration \(version): its down SQL does not undo what the attempt left (\(facts.joined(separator: "; "))), so the schema would be in neither state; nothing was written (finish it, or undo those by hand; --force reverts anyway)"
    case .legacyUndecided(let verdict, let version):
      "migration \(version) is \(verdict.rawValue): finish or undo its statements by hand first (rbshell diagnose --verbose lists them), then clear the flag with --force; nothing was written"
    }
  }
}
