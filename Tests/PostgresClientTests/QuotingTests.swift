import PostgresClient
import TestSupport
import Testing

@Suite struct QuotingTests {
  @Test func quotesIdentifiersAndLiterals() {
    #expect(Quoting.identifier(#"we"ird"#) == #""we""ird""#)
    #expect(Quoting.qualified("public", "migration_logs") == #""public"."migration_logs""#)
    #expect(Quoting.literal("it's") == "'it''s'")
    #expect(Quoting.literal(#"a\b'"#) == #"E'a\\b'''"#)
  }

  @Test(.enabled(if: TestEnvironment.databaseTestsEnabled, "needs PostgreSQL: run scripts/test"))
  func serverReadsQuotedTextBackUnchanged() throws {
    let db = try TestDatabase()
    defer { db.drop() }
    let connection = try db.connect()
    let awkward = #"O'Reilly \n "quoted" ; -- not a comment $$"#
    let result = try connection.query("SELECT \(Quoting.literal(awkward)) AS \(Quoting.identifier(awkward))")
    #expect(result.columns == [awkward])
    #expect(result.scalar == awkward)
  }
}
