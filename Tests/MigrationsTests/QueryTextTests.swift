import Testing

@testable import Migrations

/// The concurrent-index rules' text operations, including crafted input that once took minutes.
@Suite struct QueryTextTests {
  @Test(arguments: [
    ("CREATE INDEX CONCURRENTLY IF NOT EXISTS a ON b (c);", ""),
    ("-- why\nCREATE UNIQUE INDEX CONCURRENTLY a ON b USING btree (c);\n-- done", ""),
    ("CREATE INDEX CONCURRENTLY a ON b (c);\nSELECT 1;", "SELECT 1;"),
    ("CREATE INDEX CONCURRENTLY a ON b (c) -- no semicolon", "CREATE INDEX CONCURRENTLY a ON b (c)"),
  ])
  func removesTheFirstConcurrentIndexStatementAndComments(sql: String, rest: String) {
    #expect(QueryText.withoutConcurrentIndexCreation(sql) == rest)
  }

  /// 400 kB of index statements without a `;`: nothing to remove (the answer, not the time, is
  /// asserted; bench/graph-style timing lives in benchmarks).
  @Test func aLongTextWithoutASemicolonKeepsEverything() {
    let text = String(repeating: "CREATE INDEX CONCURRENTLY a ON b ", count: 12_000)
    #expect(QueryText.concurrentIndexStatement(in: text) == nil)
  }
}
