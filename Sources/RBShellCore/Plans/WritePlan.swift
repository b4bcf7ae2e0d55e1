import Migrations

/// An ordered list of migrations to apply or revert in one schema, ready to preview and run.
public struct WritePlan: Sendable, Equatable {
  public var schema: Schema
  /// What the operator asked for, for the preview (`downto 1700000300`).
  public var operation: String
  public var steps: [PlanStep]
  /// Things to read before confirming (side branches left applied, ignored dirty rows).
  public var warnings: [String]

  public init(schema: Schema, operation: String, steps: [PlanStep], warnings: [String] = []) {
    self.schema = schema
    self.operation = operation
    self.steps = steps
    self.warnings = warnings
  }

  public var isEmpty: Bool { steps.isEmpty }

  /// Whether any step writes `migration_logs`.
  public var writesMigrationLogs: Bool { steps.contains { $0.kind.writesMigrationLogs } }

  /// The ledger state the plan must leave: every up step applied, every down step not applied.
  public func expectedState(from state: LedgerState) -> Set<Int> {
    var applied = Set(state.applied)
    for step in steps {
      if step.up { applied.insert(step.definition.id) } else { applied.remove(step.definition.id) }
    }
    return applied
  }
}

/// One migration of a plan.
public struct PlanStep: Sendable, Equatable {
  public var definition: Definition
  public var up: Bool
  /// A repair's revert: statements failing because their object does not exist are skipped
  /// (each runs under a savepoint), since a partly applied migration left some objects out.
  public var toleratesMissingObjects = false
  public var kind: StepKind

  public init(definition: Definition, up: Bool, kind: StepKind = .migration) {
    self.definition = definition
    self.up = up
    self.kind = kind
  }

  /// The migration SQL this step runs (none unless it is a migration step).
  public var sql: String {
    guard kind == .migration else { return "" }
    return up ? definition.upQuery : definition.downQuery
  }
  public var statementCount: Int { SQLSplitter.split(sql).count }
  /// `CREATE INDEX CONCURRENTLY` and `DROP INDEX CONCURRENTLY` cannot run inside a transaction;
  /// the migrator runs a concurrent-index migration without one in both directions (its down
  /// SQL is often `DROP INDEX CONCURRENTLY`); everything else runs in one.
  public var isTransactional: Bool {
    switch kind {
    case .migration: !definition.isCreateIndexConcurrently
    case .dropIndex: false
    case .recordOnly, .takeBack, .clearLegacyFlag: true
    }
  }
  public var direction: String { up ? "up" : "down" }

  /// The first statement of the step's SQL that ends the transaction it runs in (`COMMIT`,
  /// `END`, …): the migration is not atomic, so it runs alone, as the migrator runs it.
  public var transactionEnding: TransactionControl.Ending? {
    kind == .migration ? TransactionControl.endings(in: sql).first : nil
  }

  /// A migration that runs in one transaction as written (not a concurrent index build, not a
  /// tolerant revert, no `COMMIT` of its own): such steps can be sent together, each still in
  /// its own transaction.
  public var isPlainMigration: Bool {
    kind == .migration && isTransactional && !toleratesMissingObjects && transactionEnding == nil
  }

  /// The step in a progress line: `up 1528395968 add repo stars`, `drop index public.x`.
  public var label: String {
    switch kind {
    case .migration: "\(direction) \(definition.id) \(definition.name)"
    case .recordOnly: "record \(direction) \(definition.id) \(definition.name)"
    case .takeBack(let rowIDs): "remove ledger row(s) \(rowIDs.map(String.init).joined(separator: ", ")) of \(definition.id)"
    case .clearLegacyFlag(let flag): "clear the dirty flag at \(flag.dirtyVersion)"
    case .dropIndex(let target): "drop index \(target)"
    }
  }
}
