import Migrations
import Testing

@testable import RBShellCore

/// The rules over fake inputs: no server needed.
@Suite struct DiagnoserTests {
  let graph = try! MigrationGraph([
    Definition(id: 10, upQuery: "CREATE TABLE a (id int);"),
    Definition(
      id: 11, parents: [10], upQuery: "CREATE TABLE b (id int); ALTER TABLE a ADD COLUMN x int;", downQuery: "DROP TABLE b; ALTER TABLE a DROP COLUMN x;"),
    Definition(
      id: 12, parents: [11], upQuery: "CREATE INDEX CONCURRENTLY b_idx ON b (id);",
      concurrentIndex: IndexMetadata(tableName: "b", indexName: "b_idx")),
  ])

  func input(_ entries: [LedgerEntry], catalog: CatalogSnapshot = CatalogSnapshot(), definitions: DiagnosisInput.Definitions? = nil) -> DiagnosisInput {
    DiagnosisInput(
      schema: .frontend, database: "sg", ledger: LedgerSnapshot(hasMigrationLogs: true, entries: entries),
      catalog: catalog, definitions: definitions ?? .graph(graph), now: 1000)
  }

  let tablesAAndB = CatalogSnapshot(relations: [
    QualifiedName("public", "a"): Relation(kind: .table, columns: ["id": Column(type: "integer"), "x": Column(type: "integer")]),
    QualifiedName("public", "b"): Relation(kind: .table),
  ])

  @Test func failedMigrationGetsAVerdictAndMatchingRepairs() {
    let diagnosis = Diagnoser.diagnose(
      input(
        [
          LedgerEntry(version: 10, up: true, success: true, startedAt: 1),
          LedgerEntry(version: 11, up: true, success: false, startedAt: 2, errorMessage: "x\n: ERROR: boom"),
        ], catalog: CatalogSnapshot(relations: [QualifiedName("public", "a"): Relation(kind: .table, columns: ["id": Column(type: "integer")])])))
    let failed = diagnosis.findings[0]
    #expect(failed.code == .failedMigration)
    #expect(failed.analysis?.verdict == .notApplied)
    #expect(failed.remedies == [Remedy(.repairRetry, schema: .frontend, [.version(11)]), Remedy(.repairMarkReverted, schema: .frontend, [.version(11)])])
    #expect(failed.evidence.contains("error: ERROR: boom"))
    #expect(diagnosis.headline == "frontend: DIRTY — migration 11 failed, not applied (none of its 2 statements took effect)")
  }

  @Test func pendingWithTheSQLInIsFullyApplied() {
    let diagnosis = Diagnoser.diagnose(
      input(
        [
          LedgerEntry(version: 10, up: true, success: true, startedAt: 1),
          LedgerEntry(version: 11, up: true, success: nil, startedAt: 2),
        ], catalog: tablesAAndB))
    let finding = diagnosis.findings[0]
    #expect(finding.code == .deadPendingMigration)
    #expect(finding.analysis?.verdict == .fullyApplied)
    #expect(finding.remedies == [Remedy(.repairMarkApplied, schema: .frontend, [.version(11)]), Remedy(.repairRevert, schema: .frontend, [.version(11)])])
    #expect(diagnosis.hasErrors && !diagnosis.isBusy)
  }

  @Test func aLiveLockHolderMeansInProgress() {
    var catalog = tablesAAndB
    catalog.advisoryLocks = [
      AdvisoryLockHolder(
        classID: Int64(Schema.frontend.lockKey), objID: 0, objSubID: 2, pid: 4242,
        application: "migrator", state: "active", query: "CREATE TABLE b (id int)", backendStart: 900)
    ]
    let diagnosis = Diagnoser.diagnose(input([LedgerEntry(version: 11, up: true, success: nil, startedAt: 2)], catalog: catalog))
    #expect(diagnosis.findings.map(\.code).first == .migrationInProgress)
    #expect(diagnosis.isBusy)
    #expect(diagnosis.findings[0].evidence.contains { $0.contains("pid 4242") && $0.contains("application \"migrator\"") && $0.contains("connected 100s ago") })
  }

  @Test func aRunningIndexBuildMeansInProgressAndItsIndexIsNotInvalid() {
    var catalog = tablesAAndB
    catalog.indexes[QualifiedName("public", "b_idx")] = Index(table: QualifiedName("public", "b"), valid: false)
    catalog.indexBuilds = [IndexBuild(pid: 77, index: "b_idx", table: "b", phase: "building index", blocksDone: 5, blocksTotal: 10)]
    let diagnosis = Diagnoser.diagnose(
      input(
        [
          LedgerEntry(version: 10, up: true, success: true, startedAt: 1),
          LedgerEntry(version: 11, up: true, success: true, startedAt: 2),
          LedgerEntry(version: 12, up: true, success: nil, startedAt: 3),
        ], catalog: catalog))
    #expect(diagnosis.findings.map(\.code) == [.migrationInProgress])
    #expect(diagnosis.findings[0].message.contains("phase") == false)
    #expect(diagnosis.findings[0].evidence.contains { $0.contains("5 of 10 blocks") })
  }

  @Test func invalidIndexIsMappedToItsMigration() {
    var catalog = tablesAAndB
    catalog.indexes[QualifiedName("public", "b_idx")] = Index(table: QualifiedName("public", "b"), valid: false)
    let diagnosis = Diagnoser.diagnose(
      input(
        [
          LedgerEntry(version: 11, up: true, success: true, startedAt: 2),
          LedgerEntry(version: 12, up: true, success: false, startedAt: 3),
        ], catalog: catalog))
    let invalid = diagnosis.findings.first { $0.code == .invalidIndex }
    #expect(invalid?.migration == 12)
    #expect(invalid?.remedies.map(\.words) == [["repair", "drop-invalid-index", "--db", "frontend", "--index", "b_idx", "--retry"]])
  }

  @Test func historyBelowTheRootIsNotUnknown() {
    let diagnosis = Diagnoser.diagnose(
      input(
        [
          LedgerEntry(version: 3, up: true, success: true, startedAt: 1),
          LedgerEntry(version: 10, up: true, success: true, startedAt: 1),
          LedgerEntry(version: 11, up: true, success: true, startedAt: 1),
          LedgerEntry(version: 12, up: true, success: true, startedAt: 1),
          LedgerEntry(version: 99, up: true, success: true, startedAt: 1),
        ], catalog: tablesAAndB))
    #expect(diagnosis.findings.map(\.code) == [.unknownAppliedMigration])
    #expect(diagnosis.findings[0].evidence == ["applied but not defined: 99"])
    #expect(diagnosis.headline == "frontend: OK (1 warning)")
  }

  @Test func withoutDefinitionsTheLedgerRulesStillRunAndSaySoWhatWasSkipped() {
    let diagnosis = Diagnoser.diagnose(
      input(
        [LedgerEntry(version: 11, up: true, success: false, startedAt: 2)],
        definitions: .none("no --migrations given")))
    #expect(diagnosis.findings.map(\.code) == [.failedMigration])
    #expect(diagnosis.findings[0].analysis == nil)
    #expect(diagnosis.findings[0].remedies.isEmpty)
    #expect(diagnosis.limitations.count == 1)
  }

  @Test func otherToolsLocksAreNamed() {
    var catalog = CatalogSnapshot()
    catalog.advisoryLocks = [AdvisoryLockHolder(classID: 0, objID: 72_707_369, objSubID: 1, pid: 9, application: "prisma")]
    let diagnosis = Diagnoser.diagnose(input([], catalog: catalog, definitions: .none("none")))
    #expect(diagnosis.findings.map(\.message) == ["pid 9 holds Prisma Migrate's migration lock (key 72707369)"])
  }

  @Test func upSuggestionsWaitForTheRepairOfAFailedMigrationInTheirPlan() throws {
    let applied10 = LedgerEntry(version: 10, up: true, success: true, startedAt: 1)
    let failed11 = LedgerEntry(version: 11, up: true, success: false, startedAt: 2)
    let dirty = Diagnoser.diagnose(input([applied10, failed11], catalog: tablesAAndB))
    let blocked = try #require(dirty.findings.first { $0.code == .unappliedMigrations })
    #expect(blocked.remedies.allSatisfy { $0.note == "after repairing 11 (see above)" })
    let clean = Diagnoser.diagnose(input([applied10], catalog: tablesAAndB))
    let open = try #require(clean.findings.first { $0.code == .unappliedMigrations })
    #expect(open.remedies.map(\.words) == [["up", "--db", "frontend"], ["upto", "--db", "frontend", "--target", "12"]])
  }

  /// golang-migrate's own test vectors (`database/util_test.go`).
  @Test func golangMigrateKeysWrapIn32BitsAsGoComputesThem() {
    #expect(KnownLocks.golangMigrateKey(database: "database_name", names: []) == 1_764_327_054)
    #expect(KnownLocks.golangMigrateKey(database: "database_name", names: ["schema_name_1"]) == 2_453_313_553)
    #expect(KnownLocks.golangMigrateKey(database: "database_name", names: ["schema_name_1", "schema_name_2"]) == 3_743_845_847)
    // goose's current key does not fit 32 bits: pg_locks splits it into classid and objid.
    let goose: Int64 = 5_887_940_537_704_921_958
    let holder = AdvisoryLockHolder(classID: goose >> 32, objID: goose & 0xFFFF_FFFF, objSubID: 1, pid: 7, application: nil)
    #expect(KnownLocks.owner(of: holder, database: "sg") == .tool("goose"))
    let keys = KnownLocks.fixedKeys(database: "sg")
    #expect(keys[KnownLocks.golangMigrateKey(database: "sg", names: ["public", "schema_migrations"])] == "golang-migrate")
    #expect(keys[KnownLocks.golangMigrateKey(database: "sg", names: ["public", "codeintel_schema_migrations"])] == "golang-migrate")
  }

  @Test func verdictCombination() {
    func verdict(_ sql: String, _ catalog: CatalogSnapshot) -> MigrationAnalysis.Verdict {
      MigrationAnalysis(definition: Definition(id: 1, upQuery: sql), up: true, catalog: catalog).verdict
    }
    #expect(verdict("CREATE TABLE a (id int); CREATE TABLE z (id int);", tablesAAndB) == .partiallyApplied)
    #expect(verdict("CREATE TABLE a (id int); INSERT INTO a VALUES (1); CREATE TABLE z (id int);", tablesAAndB) == .partiallyApplied)
    // One transaction: the INSERT ran exactly when the CREATE beside it did.
    #expect(verdict("CREATE TABLE a (id int); INSERT INTO a VALUES (1);", tablesAAndB) == .fullyApplied)
    #expect(verdict("INSERT INTO a VALUES (1);", tablesAAndB) == .unknown)
    #expect(verdict("", tablesAAndB) == .fullyApplied)
    #expect(verdict("CREATE TABLE y (id int); CREATE TABLE z (id int);", tablesAAndB) == .notApplied)
  }
}

@Suite struct PrivilegedHashTests {
  @Test func matchesTheMigratorsDocumentedVector() {
    #expect(PrivilegedMode.hash([1_657_908_958, 1_657_908_965]) == "vp6EzmVmJfHgfchaShhJPUCq5v4=")
    #expect(PrivilegedMode.hash([1_657_908_965, 1_657_908_958]) == "33C4tcFKndhbILUfiJnPxC4gXwY=")
  }
}
