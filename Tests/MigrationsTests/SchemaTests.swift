import Migrations
import Testing

@Suite struct SchemaTests {
  @Test func ledgerNamesFollowTheMigratorsRule() {
    #expect(
      Schema.allCases.map(\.ledgerName) == [
        "schema_migrations", "codeintel_schema_migrations", "codeinsights_schema_migrations",
      ])
  }

  @Test func lockKeysMatchSourcegraphs() {
    #expect(Schema.frontend.lockKey == 1_308_612_253)
    #expect(Schema.codeintel.lockKey == 1_731_304_153)
    #expect(Schema.codeinsights.lockKey == 1_054_047_648)
  }

  @Test(arguments: [
    ("frontend", [Schema.frontend]), ("pgsql", [.frontend]), ("codeintel-db", [.codeintel]),
    ("codeinsights-db", [.codeinsights]), ("codeintel_schema_migrations", [.codeintel]),
    ("all", Schema.allCases), ("codeinsights, frontend", [.frontend, .codeinsights]),
    ("frontend,pgsql", [.frontend]), ("FRONTEND", [.frontend]),
  ])
  func parsesSchemaLists(text: String, expected: [Schema]) throws {
    #expect(try Schema.parseList(text) == expected)
  }

  @Test func rejectsUnknownAndEmptyLists() {
    #expect(throws: SchemaListError.unknown("frontnd")) { try Schema.parseList("frontend,frontnd") }
    #expect(throws: SchemaListError.empty) { try Schema.parseList(" , ") }
  }
}

@Suite struct LedgerStateTests {
  @Test func classifiesDecidingRowsAndSortsVersions() {
    let entries = [
      LedgerEntry(version: 5, up: true, success: true, startedAt: 1),
      LedgerEntry(version: -3, up: true, success: true, startedAt: 1, backfilled: true),
      LedgerEntry(version: 4, up: false, success: true, startedAt: 1),
      LedgerEntry(version: 3, up: false, success: nil, startedAt: 1),
      LedgerEntry(version: 2, up: true, success: nil, startedAt: 1),
      LedgerEntry(version: 1, up: true, success: false, startedAt: 1),
    ]
    let state = LedgerState(entries: entries)
    #expect(state == LedgerState(applied: [-3, 5], pending: [2, 3], failed: [1]))
    #expect(state.isDirty)
    #expect(!LedgerState(applied: [1]).isDirty)
  }

  @Test func errorHeadlinePrefersTheServersLine() {
    let migratorText = """
      failed to apply migration 1669645608:
      ```
      ALTER TABLE repo ADD COLUMN blocked jsonb;
      ```
      : ERROR: column "blocked" of relation "repo" already exists (SQLSTATE 42701)
      """
    #expect(ErrorHeadline.of(migratorText) == #"ERROR: column "blocked" of relation "repo" already exists (SQLSTATE 42701)"#)
    #expect(ErrorHeadline.of("\n  context deadline exceeded\nmore") == "context deadline exceeded")
    #expect(ErrorHeadline.of("") == "")
    #expect(ErrorHeadline.of("failed to apply migration 5: ERROR: boom (SQLSTATE 42P07)") == "ERROR: boom (SQLSTATE 42P07)")
  }
}
