import Testing

@testable import RBShellCore

@Suite struct ToolLedgerRulesTests {
  @Test func aFailedVersionIsAnErrorInTheToolsTerms() {
    let ledger = ToolLedger(
      tool: .prisma, table: "public._prisma_migrations",
      entries: [
        ToolLedgerEntry(version: "1_init", state: .applied, words: "finished_at set"),
        ToolLedgerEntry(version: "2_index", state: .failed, words: "finished_at and rolled_back_at NULL"),
      ])
    let findings = ToolLedgerRules.findings(ledger)
    #expect(findings.map(\.code) == [.failedMigration])
    #expect(findings.first?.severity == .error)
    #expect(findings.first?.version == "2_index")
    #expect(findings.first?.message == "Prisma Migrate recorded 2_index as not finished: finished_at and rolled_back_at NULL")
  }

  @Test func atlasStoppedPartWayHasItsOwnCode() {
    let ledger = ToolLedger(tool: .atlas, table: "a", entries: [ToolLedgerEntry(version: "2", state: .failed, words: "applied 1 of 3")])
    #expect(ToolLedgerRules.findings(ledger).map(\.code) == [.atlasPartialRevision])
  }

  @Test func alembicWithTwoHeadsIsAWarningAndOneHeadIsNothing() {
    let heads = ["a1", "b2"].map { ToolLedgerEntry(version: $0, state: .applied, words: "a current head") }
    #expect(ToolLedgerRules.findings(ToolLedger(tool: .alembic, table: "t", entries: heads)).map(\.severity) == [.warning])
    #expect(ToolLedgerRules.findings(ToolLedger(tool: .alembic, table: "t", entries: Array(heads.prefix(1)))).isEmpty)
    #expect(ToolLedgerRules.findings(ToolLedger(tool: .rails, table: "t", entries: heads)).isEmpty)
  }
}
