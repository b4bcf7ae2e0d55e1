import RBShellCore
import Testing

@testable import RBShellPostgres

/// Which tool a table belongs to, from the catalog's description alone (no server).
@Suite struct ToolLedgerClassifyTests {
  func table(_ schema: String, _ name: String, version: String? = nil, dirty: Bool = false) -> DetectedTable {
    DetectedTable(schema: schema, name: name, versionType: version, hasDirty: dirty)
  }

  @Test func schemaMigrationsIsToldApartByItsColumns() {
    let found = ToolLedgerReader.classify([
      table("gm", "schema_migrations", version: "bigint", dirty: true),
      table("app", "ar_internal_metadata"),
      table("app", "schema_migrations", version: "character varying"),
      table("other", "schema_migrations", version: "character varying(128)"),
      table("odd", "schema_migrations", version: "integer"),
    ])
    #expect(
      found.map { "\($0.tool.rawValue) \($0.shown)" } == [
        "golang-migrate gm.schema_migrations", "rails app.schema_migrations", "dbmate other.schema_migrations",
      ])
  }

  @Test func aTableNamedWithTableIsGolangMigratesWhenItHasItsLayout() {
    let custom = [table("public", "app_migrations", version: "bigint", dirty: true), table("public", "app_other", version: "bigint")]
    #expect(ToolLedgerReader.classify(custom).isEmpty)
    let named = ToolLedgerReader.classify(custom, golangMigrateNames: ["app_migrations", "app_other"])
    #expect(named.map { "\($0.tool.rawValue) \($0.shown)" } == ["golang-migrate public.app_migrations"])
  }

  @Test func sqitchNeedsBothTablesInItsSchemaAndAnEventsTableElsewhereIsNothing() {
    #expect(ToolLedgerReader.classify([table("public", "events"), table("public", "changes")]).isEmpty)
    #expect(ToolLedgerReader.classify([table("sqitch", "events")]).isEmpty)
    #expect(ToolLedgerReader.classify([table("sqitch", "changes"), table("sqitch", "events")]).map(\.tool) == [.sqitch])
  }
}

@Suite struct ToolLedgerNewestTests {
  @Test func theLastRowOfAVersionDecidesInFirstSeenOrder() {
    let rows = [("2", ToolLedgerEntry.State.failed), ("1", .applied), ("2", .applied)].map {
      ToolLedgerEntry(version: $0.0, state: $0.1, words: "")
    }
    #expect(ToolLedgerReader.newestPerVersion(rows).map { "\($0.version) \($0.state.rawValue)" } == ["2 applied", "1 applied"])
  }
}
