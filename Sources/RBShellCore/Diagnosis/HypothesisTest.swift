import Migrations

/// Tests "the first k statements took effect" (H0 … Hn) against the catalog.
///
/// Each hypothesis is simulated over the facts the migration's statements set, in statement
/// order: a later statement overrides an earlier one (a CREATE after a DROP), dropping a table
/// takes its columns, indexes and triggers with it, and before the migration each fact is what
/// its first statement needs (absent for a CREATE, present for a DROP) unless that statement is
/// guarded (`IF [NOT] EXISTS`, `OR REPLACE`), in which case it is unknown. A hypothesis fits when
/// no checked fact contradicts its prediction.
struct HypothesisTest {
  /// What a hypothesis predicts a fact to be, as far as it can tell.
  enum Prediction: Equatable {
    case exactly(FactValue)
    case not(FactValue)
    case unknown
  }

  struct Contradiction: Equatable {
    var statement: Int
    var reason: String
    var key: FactKey
    var parent: String?

    /// `up.sql statement 2 (line 3): table orgs does not exist`.
    func located(in file: String, _ statements: [SQLStatement]) -> String {
      "\(file) statement \(statement) (line \(statements[statement - 1].line)): \(reason)"
    }
  }

  struct Outcome {
    var ran: Int
    var contradictions: [Contradiction]
    /// Facts the hypothesis predicted and the catalog confirmed.
    var support: Int
    var fits: Bool { contradictions.isEmpty }
  }

  private struct Event {
    var statement: Int
    var value: FactValue
    /// Set by the statement itself (not by dropping the relation it belongs to).
    var explicit: Bool
    var guarded: Bool
  }

  let statements: [StatementFacts]
  private let events: [FactKey: [Event]]

  init(_ statements: [StatementFacts]) {
    self.statements = statements
    var events: [FactKey: [Event]] = [:]
    // Which relation each fact hangs on (any statement may say: `CREATE INDEX i ON t`).
    var parents: [FactKey: String] = [:]
    for effect in statements.flatMap(\.effects) { if let parent = effect.parent { parents[effect.key] = parent } }
    for (offset, facts) in statements.enumerated() {
      let number = offset + 1
      for effect in facts.effects {
        events[effect.key, default: []].append(Event(statement: number, value: effect.value, explicit: true, guarded: effect.guarded))
      }
      for removed in facts.removes {
        for (key, parent) in parents where parent == removed {
          events[key, default: []].append(Event(statement: number, value: .absent, explicit: false, guarded: false))
        }
      }
    }
    self.events = events
  }

  /// The fact's value after the first `ran` statements.
  func prediction(_ key: FactKey, ran: Int) -> Prediction {
    let timeline = events[key] ?? []
    if let last = timeline.last(where: { $0.statement <= ran }) { return .exactly(last.value) }
    guard let first = timeline.first, first.explicit, !first.guarded else { return .unknown }
    return .not(first.value)
  }

  func evaluate(ran: Int) -> Outcome {
    var outcome = Outcome(ran: ran, contradictions: [], support: 0)
    for (offset, facts) in statements.enumerated() {
      for effect in facts.effects where effect.observed.state != .unknown {
        guard let expected = Self.holds(prediction(effect.key, ran: ran), effect.value) else { continue }
        if expected == (effect.observed.state == .applied) {
          outcome.support += 1
        } else {
          outcome.contradictions.append(Contradiction(statement: offset + 1, reason: effect.observed.reason, key: effect.key, parent: effect.parent))
        }
      }
    }
    return outcome
  }

  /// Whether a fact predicted so is at `value` (nil: cannot say).
  static func holds(_ prediction: Prediction, _ value: FactValue) -> Bool? {
    switch prediction {
    case .unknown: return nil
    case .exactly(let actual): return matches(actual, value)
    case .not(let excluded):
      if excluded == value { return false }
      switch excluded {
      case .present: return value == .absent ? true : false
      case .absent: return value == .present ? true : nil
      case .value: return nil
      }
    }
  }

  private static func matches(_ actual: FactValue, _ value: FactValue) -> Bool? {
    if actual == value { return true }
    switch (actual, value) {
    case (.value, .present): return true
    case (.present, .value): return nil
    default: return false
    }
  }

  /// The facts the attempt changed (they contradict "none ran") that `other` — the down SQL —
  /// neither sets nor removes with their relation: a revert would leave them in place.
  func left(by other: HypothesisTest) -> [Contradiction] {
    let touched = Set(other.statements.flatMap { $0.effects.map(\.key) })
    let removed = Set(other.statements.flatMap(\.removes))
    return evaluate(ran: 0).contradictions.filter { change in
      !touched.contains(change.key) && !(change.parent.map(removed.contains) ?? false) && !removed.contains(change.key.name)
    }
  }

  /// Whether running the whole migration again over the state where it fully ran succeeds and
  /// changes nothing: every statement checkable, every unguarded CREATE preceded by a DROP of the
  /// same object (and every unguarded DROP by a CREATE), no renames.
  var rerunsCleanly: Bool {
    for (offset, facts) in statements.enumerated() {
      guard !facts.unprovable, facts.rerunnable else { return false }
      for effect in facts.effects where !effect.guarded {
        guard case .exactly(let before) = stateOnRerun(effect.key, before: offset + 1) else { return false }
        switch effect.value {
        case .present: if before != .absent { return false }
        case .absent: if before == .absent { return false }
        case .value: continue
        }
      }
    }
    return true
  }

  /// A fact's value just before `statement` when the migration runs again after it fully ran.
  private func stateOnRerun(_ key: FactKey, before statement: Int) -> Prediction {
    let timeline = events[key] ?? []
    if let earlier = timeline.last(where: { $0.statement < statement }) { return .exactly(earlier.value) }
    return timeline.last.map { .exactly($0.value) } ?? .unknown
  }
}
