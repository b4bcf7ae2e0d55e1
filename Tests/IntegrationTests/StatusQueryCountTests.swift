import Migrations
import PostgresClient
import RBShellCore
import RBShellPostgres
import TestSupport
import Testing

/// `status` must cost the same number of statements whatever the ledger's size.
@Suite(.enabled(if: TestEnvironment.databaseTestsEnabled, "needs PostgreSQL: run scripts/test"))
struct StatusQueryCountTests {
  @Test func statementCountDoesNotGrowWithTheLedger() throws {
    let small = try statementsAndState(versions: 10)
    let large = try statementsAndState(versions: 5000)
    #expect(small.statements == large.statements)
    #expect(small.statements <= 4)
    // Every tenth version's latest attempt failed; every other version was applied on its 10th row.
    #expect(large.state.failed.count == 500)
    #expect(large.state.applied.count == 4500)
    #expect(large.state.pending.isEmpty)
    #expect(small.state.failed == [10])
  }

  private func statementsAndState(versions: Int) throws -> (statements: Int, state: LedgerState) {
    let db = try TestDatabase()
    defer { db.drop() }
    try db.load("sql/ledger/migration_logs.sql")
    try db.execute(LedgerFixture.tenAttemptsPerVersion(versions: versions, schema: .frontend))
    let connection = try db.connect(options: ConnectOptions(readOnly: true))
    let before = connection.statementsSent
    let snapshot = try MigrationLogsReader(connection: connection).snapshot(of: .frontend)
    #expect(snapshot.rowCounts.total == versions * 10)
    return (connection.statementsSent - before, LedgerState(entries: snapshot.entries))
  }
}

/// Generates large ledgers server-side.
enum LedgerFixture {
  /// `versions` versions with ten attempts each: nine alternating up/down successes, then a final
  /// up that succeeded — or failed, for every tenth version.
  static func tenAttemptsPerVersion(versions: Int, schema: Schema) -> String {
    """
    INSERT INTO migration_logs (migration_logs_schema_version, schema, version, up, started_at, finished_at, success, error_message)
    SELECT 2, '\(schema.ledgerName)', v,
           CASE WHEN a = 10 THEN true ELSE a % 2 = 1 END,
           timestamptz '2026-01-01' + (v * 10 + a) * interval '1 second',
           timestamptz '2026-01-01' + (v * 10 + a) * interval '1 second' + interval '10 ms',
           NOT (a = 10 AND v % 10 = 0),
           CASE WHEN a = 10 AND v % 10 = 0 THEN 'failed to apply migration ' || v || ': ERROR: boom' END
    FROM generate_series(1, \(versions)) AS v, generate_series(1, 10) AS a;
    ANALYZE migration_logs;
    """
  }
}
