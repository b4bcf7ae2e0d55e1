import Migrations
import RBShellCore

/// The `MigrationStore` contract, checked the same way against every implementation (the
/// in-memory fake and PostgreSQL), as golang-migrate's driver conformance tests check drivers.
/// Each check gets a function that opens a new session on one fresh, empty database.
public enum StoreConformance {
  public typealias Open = () throws -> MigrationStore
  public typealias Check = @Sendable (Open) throws -> Void

  public struct Failure: Error, CustomStringConvertible {
    public var description: String
  }

  static func require(_ condition: Bool, _ message: @autoclosure () -> String) throws {
    if !condition { throw Failure(description: message()) }
  }

  static let schema = Schema.frontend
  static func step(_ id: Int, up: Bool = true, sql: String? = nil, concurrent: Bool = false) -> PlanStep {
    let index = concurrent ? IndexMetadata(tableName: "conformance", indexName: "conformance_\(id)") : nil
    let create = concurrent ? "CREATE INDEX CONCURRENTLY conformance_\(id) ON conformance (id);" : "CREATE TABLE conformance_\(id) (id int);"
    let definition = Definition(
      id: id, name: "m\(id)", upQuery: up ? (sql ?? create) : create,
      downQuery: up ? "DROP TABLE conformance_\(id);" : (sql ?? "DROP TABLE conformance_\(id);"),
      concurrentIndex: index)
    return PlanStep(definition: definition, up: up)
  }

  static func state(_ store: MigrationStore, _ version: Int) throws -> VersionState? {
    try store.readLedger(schema).entries.first { $0.version == version }?.state
  }

  /// Every check, by name.
  public static let checks: [(String, Check)] = [
    (
      "an empty database has no ledger",
      { open in
        let snapshot = try open().readLedger(schema)
        try require(!snapshot.hasMigrationLogs && snapshot.entries.isEmpty, "expected no ledger, read \(snapshot)")
      }
    ),
    (
      "ensureLedger creates the ledger once",
      { open in
        let store = try open()
        try require(try store.ensureLedger(schema), "the first ensureLedger did not create the ledger")
        try require(try !store.ensureLedger(schema), "the second ensureLedger created it again")
        try require(try store.readLedger(schema).hasMigrationLogs, "the ledger is not visible after ensureLedger")
      }
    ),
    (
      "a step and its ledger row land together, up then down",
      { open in
        let store = try open()
        _ = try store.ensureLedger(schema)
        _ = try store.apply(step(1), schema: schema, mode: StepMode())
        let afterUp = try state(store, 1)
        try require(afterUp == .applied, "after up: \(String(describing: afterUp))")
        _ = try store.apply(step(1, up: false), schema: schema, mode: StepMode())
        let afterDown = try state(store, 1)
        try require(afterDown == .reverted, "after down: \(String(describing: afterDown))")
      }
    ),
    (
      "a failing step is recorded as failed and thrown",
      { open in
        let store = try open()
        _ = try store.ensureLedger(schema)
        do {
          _ = try store.apply(step(2, sql: "SELECT * FROM no_such_table;"), schema: schema, mode: StepMode())
          throw Failure(description: "the failing step did not throw")
        } catch let failure as StepFailure {
          try require(failure.recorded && failure.error.sqlState == "42P01", "unexpected failure \(failure)")
        }
        let recorded = try state(store, 2)
        try require(recorded == .failed, "the failure is not recorded: \(String(describing: recorded))")
      }
    ),
    (
      "the lock excludes a second session until it is released",
      { open in
        let first = try open()
        let second = try open()
        try require(try first.tryLock(schema), "the first session did not get the free lock")
        try require(try !second.tryLock(schema), "the second session got a held lock")
        try require(!(try second.lockHolder(schema)).isEmpty, "no holder named")
        first.unlock(schema)
        try require(try second.tryLock(schema), "the lock was not free after unlock")
        second.unlock(schema)
      }
    ),
    (
      "a concurrent index step releases the lock and records the build",
      { open in
        let store = try open()
        let other = try open()
        _ = try store.ensureLedger(schema)
        _ = try store.apply(step(3, sql: "CREATE TABLE conformance (id int);"), schema: schema, mode: StepMode())
        try require(try store.tryLock(schema), "no lock")
        let result = try store.apply(step(4, concurrent: true), schema: schema, mode: StepMode())
        try require(result.releasedLock, "the step did not say it released the lock")
        try require(try other.tryLock(schema), "the lock is still held after the build")
        other.unlock(schema)
        try require(try state(store, 4) == .applied, "the build is not recorded applied")
      }
    ),
    (
      "an atomic plan is all or nothing",
      { open in
        let store = try open()
        _ = try store.ensureLedger(schema)
        do {
          _ = try store.applyAtomically([step(5), step(6, sql: "SELECT * FROM no_such_table;")], schema: schema, mode: StepMode()) { _ in }
          throw Failure(description: "the failing plan did not throw")
        } catch let failure as StepFailure {
          try require(failure.rolledBackPlan && failure.step.definition.id == 6, "unexpected failure \(failure)")
        }
        try require(try state(store, 5) == nil, "step 5 stayed applied after the plan failed")
        try require(try state(store, 6) == .failed, "the failure of 6 is not recorded")
      }
    ),
    (
      "a noop privileged step is recorded without running",
      { open in
        let store = try open()
        _ = try store.ensureLedger(schema)
        var privileged = step(7, sql: "SELECT * FROM no_such_table;")
        privileged.definition.privileged = true
        _ = try store.apply(privileged, schema: schema, mode: StepMode(noopPrivileged: true))
        try require(try state(store, 7) == .applied, "the noop step is not recorded applied")
      }
    ),
    (
      "a record-only step writes its row, runs nothing and returns the row's id",
      { open in
        let store = try open()
        _ = try store.ensureLedger(schema)
        var record = step(8, sql: "SELECT * FROM no_such_table;")
        record.kind = .recordOnly
        let result = try store.apply(record, schema: schema, mode: StepMode())
        try require(try state(store, 8) == .applied && result.insertedRowID != nil, "not recorded applied with a row id: \(result)")
      }
    ),
    (
      "taking back rows removes them only while they are the newest of their migration",
      { open in
        let store = try open()
        _ = try store.ensureLedger(schema)
        var record = step(9)
        record.kind = .recordOnly
        let first = try store.apply(record, schema: schema, mode: StepMode()).insertedRowID ?? -1
        _ = try store.apply(step(9, up: false, sql: "SELECT 1;"), schema: schema, mode: StepMode())
        var takeBack = step(9)
        takeBack.kind = .takeBack(rowIDs: [first])
        do {
          _ = try store.apply(takeBack, schema: schema, mode: StepMode())
          throw Failure(description: "rows under a newer attempt were taken back")
        } catch is DirectWriteRefusal {}
        try require(try state(store, 9) == .reverted, "the refused take-back changed the ledger")
        let newest = try store.apply(record, schema: schema, mode: StepMode()).insertedRowID ?? -1
        try require(try state(store, 9) == .applied, "the second record is not applied")
        takeBack.kind = .takeBack(rowIDs: [newest])
        _ = try store.apply(takeBack, schema: schema, mode: StepMode())
        try require(try state(store, 9) == .reverted, "after the take-back the attempt before it must decide again")
        do {
          _ = try store.apply(takeBack, schema: schema, mode: StepMode())
          throw Failure(description: "rows already gone were taken back again")
        } catch is DirectWriteRefusal {}
      }
    ),
  ]
}
