import Migrations
import RBShellCore
import Synchronization
import Testing

/// The runner's decisions for writes to other tools' ledgers, against an in-memory golang-migrate
/// table: no server.
struct LedgerEditRunnerTests {
  /// golang-migrate's one-row table and its lock, in memory.
  final class FakeStore: ToolLedgerStore {
    var row: (version: Int, dirty: Bool)? = (2, true)
    var catalog = CatalogSnapshot()
    var lockedElsewhere = false
    var beforeTryLock: (() -> Void)?
    var applied: [LedgerEdit] = []
    let database = DatabaseLabel(host: "memory", port: "", name: "app", user: "")
    let lockName = "golang-migrate's lock on public.schema_migrations"

    func tryLock() throws -> Bool {
      beforeTryLock?()
      beforeTryLock = nil
      return !lockedElsewhere
    }
    func lockHolder() throws -> String { "pid 42" }
    func unlock() {}

    func read() throws -> ToolLedgerEvidence {
      let entries = row.map { [ToolLedgerEntry(version: String($0.version), state: $0.dirty ? .failed : .applied, words: "")] } ?? []
      return ToolLedgerEvidence(
        ledger: ToolLedger(tool: .golangMigrate, table: "public.schema_migrations", entries: entries),
        rows: row.map { [GolangMigrateForce.words(version: $0.version, dirty: $0.dirty)] } ?? [], catalog: catalog)
    }

    func statements(for edit: LedgerEdit) -> [String] { [] }

    func apply(_ edit: LedgerEdit, progress: (String) -> Void) throws {
      guard try read().rows == edit.before else { throw DirectWriteRefusal("changed") }
      applied.append(edit)
      if case .golangMigrateForce(let version) = edit.change { row = version == -1 ? nil : (version, false) }
    }
  }

  final class Audit: AuditSink {
    var outcomes: [String] = []
    func record(_ record: AuditRecord) { outcomes.append(record.outcome) }
    func record(_ record: LedgerEditRecord) { outcomes.append(record.outcome) }
  }

  static let definitions = [
    Definition(id: 1, name: "users", parents: [], upQuery: "CREATE TABLE users (id int);", downQuery: "DROP TABLE users;"),
    Definition(id: 2, name: "posts", parents: [1], upQuery: "CREATE TABLE posts (id int);", downQuery: "DROP TABLE posts;"),
  ]

  let audit = Audit()

  func runner() -> WriteRunner {
    let now = Mutex(0.0)
    let clock = RunnerClock(now: { now.withLock { $0 } }, sleep: { seconds in now.withLock { $0 += seconds } })
    return WriteRunner(options: RunnerOptions(lockTimeout: 5, clock: clock), cancellation: Cancellation(), audit: audit) { _ in }
  }

  func request(_ store: FakeStore, requested: Int? = nil) -> LedgerEditRequest {
    LedgerEditRequest(store: store) { try GolangMigrateForce.decide($0, definitions: Self.definitions, requested: requested, force: false) }
  }

  @Test func theProvenVersionIsWrittenAndAudited() throws {
    let store = FakeStore()
    let prepared = try runner().prepare(request(store))
    #expect(prepared.edit.operation == "force 1")
    #expect(prepared.edit.after == ["version 1, clean"])
    let record = try runner().execute(prepared)
    #expect(record.rowsAfter == ["version 1, clean"])
    #expect(audit.outcomes == ["started", "completed"])
  }

  @Test func aTableChangedWhileWaitingIsDecidedAgainAndNotWritten() throws {
    let store = FakeStore()
    let prepared = try runner().prepare(request(store))
    store.beforeTryLock = { store.row = (2, false) }
    #expect(throws: LedgerEditChanged.self) { try runner().execute(prepared) }
    #expect(store.applied.isEmpty)
    #expect(audit.outcomes.isEmpty)
  }

  @Test func aCatalogThatChangedUnderTheLockChangesTheDecision() throws {
    let store = FakeStore()
    let prepared = try runner().prepare(request(store))
    store.beforeTryLock = { store.catalog = CatalogSnapshot(relations: [QualifiedName("public", "posts"): Relation(kind: .table)]) }
    #expect(throws: LedgerEditChanged.self) { try runner().execute(prepared) }
    #expect(store.applied.isEmpty)
  }

  @Test func aHeldLockGivesUpAfterTheTimeoutWritingNothing() throws {
    let store = FakeStore()
    store.lockedElsewhere = true
    let prepared = try runner().prepare(request(store))
    #expect(throws: ToolLockBusy.self) { try runner().execute(prepared) }
    #expect(store.applied.isEmpty)
  }

  @Test func theVersionIsDecidedByTheCatalog() throws {
    let store = FakeStore()
    #expect(throws: ToolRepairRefusal.self) { try runner().prepare(request(store, requested: 2)) }
    store.catalog = CatalogSnapshot(relations: [QualifiedName("public", "posts"): Relation(kind: .table)])
    #expect(try runner().prepare(request(store, requested: 2)).edit.operation == "force 2")
    store.row = nil
    store.catalog = CatalogSnapshot()
    #expect(throws: ToolRepairRefusal.notDirty(table: "public.schema_migrations", rows: [])) { try runner().prepare(request(store)) }
  }
}
