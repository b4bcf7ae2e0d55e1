import Migrations
import PostgresClient
import RBShellCore

/// The catalog side of a `CREATE INDEX CONCURRENTLY` migration: the index's state, dropping an
/// invalid leftover, and the build itself outside any transaction.
struct ConcurrentIndexBuild {
  let connection: Connection
  let ledger: LedgerWriter

  enum Status { case missing, valid, invalid, building }

  func indexStatus(_ name: String) throws -> Status {
    let rows = try connection.query(
      """
      SELECT i.indisvalid, p.phase IS NOT NULL AS building
      FROM pg_class c JOIN pg_index i ON i.indexrelid = c.oid
      LEFT JOIN pg_stat_progress_create_index p ON p.index_relid = c.oid
      WHERE c.relname = $1 AND c.relkind = 'i' AND pg_table_is_visible(c.oid)
      """, [name]
    ).records
    guard let row = rows.first else { return .missing }
    if try row.requiredBool("building") { return .building }
    return try row.requiredBool("indisvalid") ? .valid : .invalid
  }

  /// Drops an invalid leftover with the migration's down SQL, recorded as a revert: in one
  /// transaction with its row, as the migrator does, unless the down SQL drops the index
  /// `CONCURRENTLY` (four real Sourcegraph down files do), which no transaction can hold — then
  /// the row is started first and finished after.
  func dropLeftover(_ step: PlanStep) throws {
    if Self.dropsConcurrently(step.definition.downQuery) {
      let id = try ledger.start(version: step.definition.id, up: false)
      try connection.execute(step.definition.downQuery)
      try ledger.finish(id: id, success: true)
      return
    }
    try connection.transaction { c in
      let id = try ledger.start(version: step.definition.id, up: false)
      try c.execute(step.definition.downQuery)
      try ledger.finish(id: id, success: true)
    }
  }

  /// Whether some statement of the SQL is `DROP INDEX CONCURRENTLY`.
  static func dropsConcurrently(_ sql: String) -> Bool {
    SQLSplitter.split(sql).contains { statement in
      var lexer = SQLLexer(statement.text)
      var words: [String] = []
      while words.count < 3, let token = lexer.next() {
        guard !token.isTrivia else { continue }
        guard token.kind == .word else { break }
        words.append(lexer.foldedWord(token))
      }
      return words == ["drop", "index", "concurrently"]
    }
  }

  /// Runs the build outside any transaction; returns its error instead of throwing.
  func run(_ sql: String) -> PostgresError? {
    do {
      try connection.execute(sql)
      return nil
    } catch {
      return error
    }
  }
}
