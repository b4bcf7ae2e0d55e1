import Migrations

/// Builds write plans with the migrator's semantics and checks them against the ledger before
/// anything is written.
public struct PlanBuilder {
  public let graph: MigrationGraph
  public let schema: Schema
  public let state: LedgerState

  public init(graph: MigrationGraph, schema: Schema, state: LedgerState) {
    self.graph = graph
    self.schema = schema
    self.state = state
  }

  /// `downto`: revert every applied descendant of the targets, children first; targets stay.
  /// Applied migrations on side branches (neither ancestors nor descendants of the targets) are
  /// not reverted by the migrator's plan; they are listed as a warning, or reverted too with
  /// `includeSideBranches`.
  public func downTo(_ targets: [Int], includeSideBranches: Bool = false) throws(PlanError) -> WritePlan {
    var steps = try graph.downPlan(applied: state.applied, targets: targets)
    let side = try sideBranches(of: targets)
    var warnings: [String] = []
    if !side.isEmpty {
      if includeSideBranches, let root = graph.root {
        // Everything applied below the root, children first, narrowed to the plan plus the side branches.
        let wanted = Set(steps.map(\.id)).union(side)
        steps = try graph.downPlan(applied: state.applied, targets: [root.id]).filter { wanted.contains($0.id) }
        warnings.append("also reverting side-branch migrations \(Self.list(side)) (--include-side-branches)")
      } else {
        warnings.append(
          "applied migrations \(Self.list(side)) are neither ancestors nor descendants of the targets: this plan leaves them applied, so the schema will not match the older release (--include-side-branches reverts them too)"
        )
      }
    }
    return WritePlan(schema: schema, operation: "downto \(Self.list(targets))", steps: steps.map { PlanStep(definition: $0, up: false) }, warnings: warnings)
  }

  /// `upto`: apply the targets and every unapplied ancestor, parents first.
  public func upTo(_ targets: [Int]) throws(PlanError) -> WritePlan {
    let steps = try graph.upPlan(applied: state.applied, targets: targets)
    return WritePlan(schema: schema, operation: "upto \(Self.list(targets))", steps: steps.map { PlanStep(definition: $0, up: true) })
  }

  /// `up`: everything up to the definitions' leaves.
  public func up() throws(PlanError) -> WritePlan {
    var plan = try upTo(graph.leaves.map(\.id))
    plan.operation = "up"
    return plan
  }

  /// `undo`: revert the single applied migration without applied children.
  public func undo() throws(PlanError) -> WritePlan {
    let steps = try graph.undoPlan(applied: state.applied)
    return WritePlan(schema: schema, operation: "undo", steps: steps.map { PlanStep(definition: $0, up: false) })
  }

  /// Applied migrations that are neither ancestors nor descendants of the targets (nor targets).
  public func sideBranches(of targets: [Int]) throws(PlanError) -> [Int] {
    let related = Set(try graph.ancestors(of: targets)).union(try graph.descendants(of: targets)).union(targets)
    return state.applied.filter { graph.contains($0) && !related.contains($0) }.sorted()
  }

  public static func list(_ ids: [Int]) -> String { ids.map(String.init).joined(separator: ",") }
}
