import Migrations
import RBShellCore
import Testing

@Suite struct SchemaStatusTests {
  @Test func migrationLogsDecideAndAStaleLegacyFlagIsIgnored() {
    let snapshot = LedgerSnapshot(
      hasMigrationLogs: true,
      entries: [
        LedgerEntry(version: 10, up: true, success: true, startedAt: 100),
        LedgerEntry(version: 11, up: true, success: true, startedAt: 300),
        LedgerEntry(version: 12, up: true, success: true, startedAt: 200),
      ],
      legacy: LegacyTable(table: "schema_migrations", rows: [LegacyRow(version: 9, dirty: true)]))
    let status = SchemaStatus(schema: .frontend, snapshot: snapshot)
    #expect(status.ledger == .migrationLogs)
    #expect(status.health == .clean)
    #expect(status.legacy?.dirty == true)
    #expect(status.legacy?.consulted == false)
    #expect(status.newestApplied?.version == 11)
  }

  @Test func aDirtyLegacyTableAloneMakesTheSchemaDirty() {
    let snapshot = LedgerSnapshot(
      hasMigrationLogs: false,
      legacy: LegacyTable(table: "codeintel_schema_migrations", rows: [LegacyRow(version: 7, dirty: true)]))
    let status = SchemaStatus(schema: .codeintel, snapshot: snapshot)
    #expect(status.ledger == .legacy)
    #expect(status.health == .dirty)
    #expect(status.legacy?.consulted == true)
    #expect(status.needsRepair)
  }

  @Test func pendingAndFailedRowsAreKeptForTheReport() {
    let failed = LedgerEntry(version: 2, up: true, success: false, startedAt: 5, errorMessage: "boom")
    let pending = LedgerEntry(version: 3, up: false, success: nil, startedAt: 6)
    let status = SchemaStatus(schema: .frontend, snapshot: LedgerSnapshot(hasMigrationLogs: true, entries: [failed, pending]))
    #expect(status.failed == [failed])
    #expect(status.pending == [pending])
    #expect(status.newestApplied == nil)
    #expect(status.health == .dirty)
  }

  @Test func noLedgerIsNotARepairCase() {
    let status = SchemaStatus(schema: .codeinsights, snapshot: LedgerSnapshot(hasMigrationLogs: false))
    #expect(status.health == .noLedger)
    #expect(!status.needsRepair)
    #expect(!StatusReport(schemas: [.init(database: .init(host: "h", port: "1", name: "d", user: "u"), status: status)]).needsRepair)
  }
}
