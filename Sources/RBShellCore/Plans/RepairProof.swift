import Migrations

/// What the catalog must show after a repair: every fact the migration's SQL implies for the
/// state the ledger now records — its up SQL all in when it is applied; when it is reverted, its
/// up SQL never run (an upgrade taken back: the migration's absence) or its down SQL all in (a
/// revert finished). A quiet diagnose is not enough: a repair that recorded the right ledger row
/// over the wrong schema is a failed repair.
public enum RepairProof {
  /// The facts that contradict the recorded state, each naming its statement and object.
  public static func mismatches(definition: Definition, applied: Bool, attemptWasUp: Bool, catalog: CatalogSnapshot) -> [String] {
    let upSQL = applied || attemptWasUp
    let statements = SQLSplitter.split(upSQL ? definition.upQuery : definition.downQuery)
    let ran = applied || !attemptWasUp ? statements.count : 0
    return FactExtractor(catalog: catalog).test(statements).evaluate(ran: ran).contradictions.map { contradiction in
      contradiction.located(in: upSQL ? "up.sql" : "down.sql", statements) + (ran == 0 ? " (it should not have run)" : "")
    }
  }
}

extension RepairPlan {
  /// Whether the migration is applied once the repair is done (its up SQL in), or reverted.
  public var leavesApplied: Bool { step.up }
}

/// The repair was written, but the catalog is not what the migration's recorded state implies.
public struct RepairProofFailure: Error, CustomStringConvertible {
  public var operation: String
  public var mismatches: [String]

  public var description: String {
    "\(operation) was written, but the catalog is not what it should leave: " + mismatches.joined(separator: "; ")
      + " (run `rbshell diagnose --verbose`, and fix these objects by hand)"
  }
}
