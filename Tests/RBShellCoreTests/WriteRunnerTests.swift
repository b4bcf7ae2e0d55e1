import Migrations
import RBShellCore
import Synchronization
import TestSupport
import Testing

/// The runner's decisions against the in-memory store: no server.
struct WriteRunnerTests {
  final class Audit: AuditSink {
    var outcomes: [String] = []
    func record(_ record: AuditRecord) { outcomes.append(record.outcome) }
    func record(_ record: LedgerEditRecord) { outcomes.append(record.outcome) }
  }

  /// A clock that advances only when the runner sleeps.
  static func fakeClock() -> RunnerClock {
    let now = Mutex(0.0)
    return RunnerClock(now: { now.withLock { $0 } }, sleep: { seconds in now.withLock { $0 += seconds } })
  }

  let database = InMemoryDatabase()
  let audit = Audit()
  var events: [RunnerEvent] = []

  /// 1 → 2 → 3; 2 builds an index concurrently when `concurrent`.
  func graph(concurrent: Bool = false, privileged: Int? = nil, privilegedSQL: String = "CREATE EXTENSION x;") throws -> MigrationGraph {
    try MigrationGraph(
      (1...3).map { id in
        Definition(
          id: id, name: "m\(id)", parents: id == 1 ? [] : [id - 1],
          upQuery: id == privileged ? privilegedSQL : concurrent && id == 2 ? "CREATE INDEX CONCURRENTLY i ON t (id);" : "CREATE TABLE t\(id) (id int);",
          downQuery: "DROP TABLE t\(id);", privileged: id == privileged,
          concurrentIndex: concurrent && id == 2 ? IndexMetadata(tableName: "t", indexName: "i") : nil)
      }, schema: "frontend")
  }

  func request(_ store: InMemoryMigrationStore, graph: MigrationGraph) -> PlanRequest {
    PlanRequest(store: store, schema: .frontend, graph: graph) { ledger, _ in
      try PlanBuilder(graph: graph, schema: .frontend, state: LedgerState(entries: ledger.entries)).up()
    }
  }

  func runner(_ options: RunnerOptions = RunnerOptions(clock: fakeClock()), cancellation: Cancellation = Cancellation()) -> WriteRunner {
    WriteRunner(options: options, cancellation: cancellation, audit: audit) { _ in }
  }

  func versions() -> [String] {
    database.rows.map { "\($0.version) \($0.up ? "up" : "down") \($0.success.map(String.init) ?? "pending")" }
  }

  @Test func aFailureRecordedWhileWaitingForTheLockIsSeenUnderIt() throws {
    let store = database.session()
    let other = database.session()
    let request = request(store, graph: try graph())
    let prepared = try runner().prepare(request)
    #expect(prepared.plan.steps.map(\.definition.id) == [1, 2, 3])
    #expect(try other.tryLock(.frontend))
    store.beforeTryLock = { [database] in
      database.record(.frontend, version: 2, success: false, error: "boom")
      other.unlock(.frontend)
    }
    #expect(throws: WriteRefusal.dirty(schema: .frontend, failed: [2], pending: [], next: 1)) { try runner().execute(prepared) }
    #expect(versions() == ["2 up false"])
    #expect(audit.outcomes.isEmpty)
  }

  @Test func aPlanThatChangedUnderTheLockWritesNothing() throws {
    let store = database.session()
    let prepared = try runner().prepare(request(store, graph: try graph()))
    database.record(.frontend, version: 1)
    #expect(throws: WriteRefusal.planChanged(schema: .frontend, previewed: ["1 up", "2 up", "3 up"], now: ["2 up", "3 up"])) {
      try runner().execute(prepared)
    }
    #expect(versions() == ["1 up true"])
  }

  @Test func afterTheLockWasReleasedAStepAnotherWriterAppliedIsSkipped() throws {
    let store = database.session()
    store.whileUnlocked = { [database] in database.record(.frontend, version: 3) }
    let outcome = try runner().execute(try runner().prepare(request(store, graph: try graph(concurrent: true))))
    #expect(outcome.skipped.map(\.definition.id) == [3])
    #expect(store.applied.map(\.definition.id) == [1, 2])
    #expect(versions() == ["1 up true", "2 up true", "3 up true"])
    #expect(audit.outcomes == ["started", "completed"])
    #expect(database.lockHolders.isEmpty)
  }

  @Test func afterTheLockWasReleasedANewFailureStopsThePlan() throws {
    let store = database.session()
    store.whileUnlocked = { [database] in database.record(.frontend, version: 3, success: false) }
    #expect(throws: WriteRefusal.self) { try runner().execute(try runner().prepare(request(store, graph: try graph(concurrent: true)))) }
    #expect(store.applied.map(\.definition.id) == [1, 2])
    #expect(audit.outcomes.first == "started" && audit.outcomes.last?.hasPrefix("refused") == true)
    #expect(database.lockHolders.isEmpty)
  }

  @Test func theLockWaitEndsAtTheTimeoutNamingTheHolder() throws {
    let store = database.session()
    let other = database.session()
    #expect(try other.tryLock(.frontend))
    let prepared = try runner().prepare(request(store, graph: try graph()))
    let error = #expect(throws: LockBusy.self) { try runner(RunnerOptions(lockTimeout: 3, clock: Self.fakeClock())).execute(prepared) }
    #expect(error?.holder == "session \(2)")
    #expect(versions().isEmpty)
  }

  @Test func aCancellationEndsTheLockWait() throws {
    let store = database.session()
    let other = database.session()
    #expect(try other.tryLock(.frontend))
    let cancellation = Cancellation()
    var tries = 0
    store.beforeTryLock = {
      tries += 1
      if tries == 3 { cancellation.cancel(signal: 2) }
    }
    let prepared = try runner().prepare(request(store, graph: try graph()))
    let error = #expect(throws: WriteInterrupted.self) { try runner(cancellation: cancellation).execute(prepared) }
    #expect(error?.signal == 2 && error?.completed.isEmpty == true)
    #expect(tries == 3)
    #expect(versions().isEmpty)
  }

  @Test func privilegedStepsRunForASuperuserAndAreRefusedOtherwise() throws {
    let store = database.session()
    let prepared = try runner().prepare(request(store, graph: try graph(privileged: 2)))
    database.superuser = false
    #expect(throws: WriteRefusal.privileged(schema: .frontend, ids: [2], asked: false)) {
      try runner().check(prepared.plan, state: prepared.before, request: prepared.request)
    }
    #expect(throws: WriteRefusal.privileged(schema: .frontend, ids: [2], asked: true)) {
      try runner(RunnerOptions(privileged: .refuse)).check(prepared.plan, state: prepared.before, request: prepared.request)
    }
    database.superuser = true
    _ = try runner().execute(prepared)
    #expect(versions() == ["1 up true", "2 up true", "3 up true"])
  }

  @Test func aPrivilegedStepWithoutStatementsIsNeverRefused() throws {
    let store = database.session()
    database.superuser = false
    let prepared = try runner(RunnerOptions(privileged: .refuse)).prepare(
      request(store, graph: try graph(privileged: 2, privilegedSQL: "-- Nothing to do, actually.\n")))
    try runner(RunnerOptions(privileged: .refuse)).check(prepared.plan, state: prepared.before, request: prepared.request)
  }

  @Test func aFailingStepNamesWhatCompletedAndAuditsTheFailure() throws {
    let store = database.session()
    var definitions = try graph().definitions
    definitions[1].upQuery = "SELECT * FROM no_such_table;"
    let graph = try MigrationGraph(definitions, schema: "frontend")
    let error = #expect(throws: StepFailure.self) { try runner().execute(try runner().prepare(request(store, graph: graph))) }
    #expect(error?.completed.map(\.definition.id) == [1])
    #expect(versions() == ["1 up true", "2 up false"])
    #expect(audit.outcomes.count == 2 && audit.outcomes[1].hasPrefix("failed"))
    #expect(database.lockHolders.isEmpty)
  }
}
