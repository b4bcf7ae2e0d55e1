/// Chooses what a migration's attempt did from the hypotheses the catalog leaves standing.
///
/// An atomic migration (one transaction) either took effect whole or not at all, so only "none
/// ran" and "all ran" are candidates. When neither fits, its statements were run another way (by
/// hand, one by one) and every prefix is tried. The verdict is the one the fitting hypotheses
/// agree on; when they disagree it is unknown.
struct HypothesisDecision: Equatable {
  var verdict: MigrationAnalysis.Verdict
  /// How many statements ran, when exactly one hypothesis fits.
  var ran: Int?
  /// Neither outcome can be told apart, but running the migration again is right for both.
  var rerunSafe: Bool
  var evidence: [String]

  /// - Parameter unexplained: the verdict when no stopping point fits (from the statements'
  ///   own states).
  static func decide(_ test: HypothesisTest, atomic: Bool, unexplained: MigrationAnalysis.Verdict) -> HypothesisDecision {
    let n = test.statements.count
    var evidence: [String] = []
    if atomic, n > 1 { evidence.append("it runs in one transaction: either none or all of its \(n) statements took effect") }
    let candidates = atomic ? Array(Set([0, n])).sorted() : Array(0...n)
    var outcomes = candidates.map(test.evaluate(ran:))
    var fitting = outcomes.filter(\.fits)
    if fitting.isEmpty, atomic, n > 1 {
      evidence += outcomes.map(ruledOut(n))
      outcomes = (0...n).map(test.evaluate(ran:))
      fitting = outcomes.filter(\.fits)
      if !fitting.isEmpty {
        evidence.append("neither fits: its statements were run another way (one by one, by hand?), so every stopping point is tried")
      }
    } else {
      evidence += outcomes.filter { !$0.fits && ($0.ran == 0 || $0.ran == n) }.map(ruledOut(n))
    }
    let ks = fitting.map(\.ran)
    guard let first = ks.first, let last = ks.last else {
      evidence.append("no stopping point fits: statements are in and out in no order a run could leave (the catalog changed since)")
      return HypothesisDecision(verdict: unexplained, ran: nil, rerunSafe: false, evidence: evidence)
    }
    evidence.append("fits: " + ks.map { label($0, n) }.joined(separator: "; "))
    if ks.count == 1 { return HypothesisDecision(verdict: verdict(first, n), ran: first, rerunSafe: false, evidence: evidence) }
    if first > 0, last < n {
      evidence.append("where it stopped is not proven: statements \(first + 1)…\(last) may or may not have run")
      return HypothesisDecision(verdict: .partiallyApplied, ran: nil, rerunSafe: false, evidence: evidence)
    }
    let rerunSafe = ks == [0, n] && test.rerunsCleanly
    if rerunSafe { evidence.append("running it again is safe: every statement can run a second time and leaves the same catalog") }
    return HypothesisDecision(verdict: .unknown, ran: nil, rerunSafe: rerunSafe, evidence: evidence)
  }

  private static func verdict(_ ran: Int, _ n: Int) -> MigrationAnalysis.Verdict {
    ran == n ? .fullyApplied : ran == 0 ? .notApplied : .partiallyApplied
  }

  private static func label(_ ran: Int, _ n: Int) -> String {
    ran == n ? (n == 1 ? "it ran" : "all \(n) ran") : ran == 0 ? "none ran" : "the first \(ran) ran"
  }

  private static func ruledOut(_ n: Int) -> (HypothesisTest.Outcome) -> String {
    { outcome in
      let first = outcome.contradictions[0]
      let more = outcome.contradictions.count > 1 ? " (and \(outcome.contradictions.count - 1) more fact(s) against it)" : ""
      return "ruled out: \(label(outcome.ran, n)): statement \(first.statement): \(first.reason)\(more)"
    }
  }
}
