import Foundation
import PostgresClient
import TestSupport
import Testing

@Suite(.enabled(if: TestEnvironment.databaseTestsEnabled, "needs PostgreSQL: run scripts/test"))
struct ConnectionTests {
  @Test func bindsParametersIncludingNull() throws {
    let db = try TestDatabase()
    defer { db.drop() }
    let connection = try db.connect()
    let result = try connection.query("SELECT $1::int + $2::int AS sum, $3::text IS NULL AS missing", ["40", "2", nil])
    let row = try #require(result.records.first)
    #expect(try row.requiredInt("sum") == 42)
    #expect(try row.requiredBool("missing"))
    #expect(result.commandTag == "SELECT 1")
    #expect(throws: RowError.noSuchColumn("nope")) { try row.string("nope") }
  }

  /// COPY with the client as source or sink: an error at once, nothing copied, the connection
  /// usable again (it used to spin at full CPU forever, deaf to Ctrl-C).
  @Test(arguments: ["COPY t FROM stdin", "COPY t TO STDOUT", "INSERT INTO t VALUES (2); COPY t FROM stdin; INSERT INTO t VALUES (3)"])
  func copyWithTheClientFailsAtOnceAndLeavesTheConnectionReady(_ sql: String) throws {
    let db = try TestDatabase()
    defer { db.drop() }
    let connection = try db.connect()
    try connection.run("CREATE TABLE t (id int)")
    try connection.run("INSERT INTO t VALUES (1)")
    let started = Date()
    #expect(throws: PostgresError.self) { try connection.execute(sql) }
    #expect(throws: PostgresError.self) { try connection.query(sql.components(separatedBy: "; ").first { $0.hasPrefix("COPY") }!) }
    #expect(throws: Connection.ScriptFailure.self) { try connection.executeScript(sql) }
    #expect(Date().timeIntervalSince(started) < 5)
    #expect(try connection.query("SELECT count(*) FROM t").scalar == "1")
  }

  @Test func runsMultiStatementScriptsWithOneResultEach() throws {
    let db = try TestDatabase()
    defer { db.drop() }
    let connection = try db.connect()
    let results = try connection.execute(
      """
      CREATE TABLE t (id int); -- a comment; with a semicolon
      INSERT INTO t VALUES (1), (2);
      SELECT count(*) FROM t;
      """)
    #expect(results.map(\.commandTag) == ["CREATE TABLE", "INSERT 0 2", "SELECT 1"])
    #expect(results.last?.scalar == "2")
  }

  @Test func reportsServerErrorFields() throws {
    let db = try TestDatabase()
    defer { db.drop() }
    let connection = try db.connect()
    let syntax = try #require(throws: PostgresError.self) { try connection.query("SELEC 1") }
    #expect(syntax.kind == .server)
    #expect(syntax.sqlState == .syntaxError)
    #expect(syntax.severity == "ERROR")
    #expect(syntax.position == 1)
    #expect(syntax.statement == "SELEC 1")

    try connection.execute("CREATE TABLE u (id int PRIMARY KEY); INSERT INTO u VALUES (1)")
    let duplicate = try #require(throws: PostgresError.self) { try connection.query("INSERT INTO u VALUES (1)") }
    #expect(duplicate.sqlState == .uniqueViolation)
    #expect(duplicate.detail == "Key (id)=(1) already exists.")
    #expect(duplicate.description.hasPrefix("ERROR 23505: duplicate key value violates unique constraint"))
  }

  @Test func failedScriptRollsBackAsOneImplicitTransaction() throws {
    let db = try TestDatabase()
    defer { db.drop() }
    let connection = try db.connect()
    #expect(throws: PostgresError.self) {
      try connection.execute("CREATE TABLE a (id int); SELECT 1/0;")
    }
    #expect(try connection.query("SELECT to_regclass('a') IS NULL").scalar == "t")
  }

  @Test func transactionCommitsOrRollsBack() throws {
    let db = try TestDatabase()
    defer { db.drop() }
    let connection = try db.connect()
    try connection.run("CREATE TABLE t (id int)")
    try connection.transaction { try $0.run("INSERT INTO t VALUES (1)") }
    struct Boom: Error {}
    #expect(throws: Boom.self) {
      try connection.transaction { c in
        try c.run("INSERT INTO t VALUES (2)")
        throw Boom()
      }
    }
    #expect(try connection.query("SELECT string_agg(id::text, ',') FROM t").scalar == "1")
    #expect(try connection.query("SELECT pg_current_xact_id_if_assigned() IS NULL").scalar == "t")
  }

  @Test func readOnlySessionsRefuseWrites() throws {
    let db = try TestDatabase()
    defer { db.drop() }
    let connection = try db.connect(options: ConnectOptions(readOnly: true))
    let error = try #require(throws: PostgresError.self) { try connection.run("CREATE TABLE t (id int)") }
    #expect(error.sqlState == .readOnlySQLTransaction)
  }

  @Test func identifiesItselfAsRBShell() throws {
    let db = try TestDatabase()
    defer { db.drop() }
    let connection = try db.connect()
    #expect(try connection.query("SELECT current_setting('application_name')").scalar == "rbshell")
    #expect(try connection.query("SELECT pg_backend_pid()").scalar == String(connection.backendPID))
  }

  @Test func cancelsARunningQueryFromAnotherThread() throws {
    let db = try TestDatabase()
    defer { db.drop() }
    let connection = try db.connect()
    let canceller = connection.makeCanceller()
    DispatchQueue.global().asyncAfter(deadline: .now() + 0.3) { canceller.cancel() }
    let started = Date()
    let error = try #require(throws: PostgresError.self) { try connection.run("SELECT pg_sleep(20)") }
    #expect(error.sqlState == .queryCanceled)
    #expect(Date().timeIntervalSince(started) < 5)
    #expect(try connection.query("SELECT 1").scalar == "1")
  }

  @Test func capturesNoticesInsteadOfPrintingThem() throws {
    let db = try TestDatabase()
    defer { db.drop() }
    let connection = try db.connect()
    try connection.run("DROP TABLE IF EXISTS no_such_table")
    let notices = connection.takeNotices()
    #expect(notices.map(\.message) == [#"table "no_such_table" does not exist, skipping"#])
    #expect(notices.first?.sqlState == SQLState(rawValue: "00000"))
    #expect(connection.takeNotices().isEmpty)
  }

  @Test func reportsALostConnection() throws {
    let db = try TestDatabase()
    defer { db.drop() }
    let victim = try db.connect()
    let killer = try db.connect()
    try killer.query("SELECT pg_terminate_backend($1::int)", [String(victim.backendPID)])
    let error = try #require(throws: PostgresError.self) { try victim.query("SELECT 1") }
    #expect(error.kind == .connectionLost)
    #expect(!victim.isAlive)
  }

  @Test func wrongPasswordFailsWithoutRevealingIt() throws {
    let db = try TestDatabase()
    defer { db.drop() }
    let role = try db.makeRole("pw", password: "right-secret")
    let host = ProcessInfo.processInfo.environment["RBSHELL_TEST_TCP_HOST"] ?? "127.0.0.1"
    let dsn = "host=\(host) dbname=\(db.name) user=\(role) password=wrong-secret-123"
    let error = try #require(throws: PostgresError.self) { try Connection(dsn: dsn) }
    #expect(error.kind == .connectionFailed)
    #expect(error.message.contains("password authentication failed"))
    #expect(error.message.contains("host \(host)"))
    #expect(error.message.contains("database \(db.name)"))
    #expect(!error.description.contains("wrong-secret-123"))
    _ = try Connection(dsn: "host=\(host) dbname=\(db.name) user=\(role) password=right-secret")
  }

  @Test func connectsWithAURL() throws {
    let db = try TestDatabase()
    defer { db.drop() }
    let env = ProcessInfo.processInfo.environment
    let socket = env["PGHOST", default: "/tmp"].addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
    let url = "postgresql://\(env["PGUSER", default: "postgres"])@/\(db.name)?host=\(socket)&port=\(env["PGPORT", default: "5432"])"
    let connection = try Connection(dsn: url)
    #expect(connection.endpoint.database == db.name)
    #expect(try connection.query("SELECT current_database()").scalar == db.name)
  }
}
