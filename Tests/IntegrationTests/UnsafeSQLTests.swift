import Foundation
import TestSupport
import Testing

/// Migration files whose statements cannot be known for certain the way the server and psql
/// read them are refused when the definitions load (exit 65, nothing written, the file and line
/// named); a file psql runs, rbshell runs the same way.
@Suite(.enabled(if: TestEnvironment.databaseTestsEnabled, "needs PostgreSQL: run scripts/test"))
struct UnsafeSQLTests {
  struct Case: CustomStringConvertible, Sendable {
    var name: String
    var up: [UInt8]
    var message: String
    var description: String { name }
  }

  static let refused: [Case] = [
    Case(name: "unterminated comment", up: Array("CREATE TABLE a (id int);\n/* never closed\nCREATE TABLE b (id int);\n".utf8),
      message: "ends inside a /* comment opened at line 2"),
    Case(name: "unterminated quote", up: Array("CREATE TABLE a (id int);\nCREATE TABLE b (t text DEFAULT 'x);\n".utf8),
      message: "ends inside a quoted string opened at line 2"),
    Case(name: "NUL byte", up: Array("CREATE TABLE a (id int);\n".utf8) + [0] + Array("CREATE TABLE b (id int);\n".utf8),
      message: "line 2 contains a NUL byte"),
    Case(name: "invalid UTF-8", up: Array("CREATE TABLE a (id int);\n-- caf".utf8) + [0xE9] + Array("\nCREATE TABLE b (id int);\n".utf8),
      message: "up.sql' line 2 is not valid UTF-8 (byte 31)"),
    Case(name: "COPY FROM stdin", up: Array("CREATE TABLE a (id int);\nCOPY a FROM stdin;\n1\n\\.\n".utf8),
      message: "line 2: COPY … FROM STDIN / TO STDOUT"),
    Case(name: "COPY TO STDOUT", up: Array("CREATE TABLE a (id int);\nCOPY a TO STDOUT;\n".utf8),
      message: "line 2: COPY … FROM STDIN / TO STDOUT"),
  ]

  func folder(_ up: [UInt8]) throws -> MigrationFolder {
    let folder = try MigrationFolder()
    try folder.add("frontend", 1, name: "base", up: "CREATE TABLE base (id int);", down: "DROP TABLE base;")
    try folder.add("frontend", 2, name: "tricky", parents: [1], down: "SELECT 1;")
    try folder.writeUp("frontend", 2, name: "tricky", bytes: up)
    return folder
  }

  @Test(arguments: refused)
  func refusedWhenTheDefinitionsLoadAndNothingIsWritten(_ tricky: Case) throws {
    let db = try TestDatabase()
    defer { db.drop() }
    let folder = try folder(tricky.up)
    let validate = try WriteTest.rbshell(["validate-definitions", "--migrations", folder.migrations.path])
    #expect(validate.status == 65, "stdout: \(validate.stdout) stderr: \(validate.stderr)")
    #expect((validate.stdout + validate.stderr).contains(tricky.message), "stdout: \(validate.stdout) stderr: \(validate.stderr)")
    let up = try WriteTest.rbshell(["up", "--db", "frontend", "--yes", "--dsn", db.dsn, "--migrations", folder.migrations.path])
    #expect(up.status == 65, "stderr: \(up.stderr)")
    #expect(up.stderr.contains("up.sql"), "stderr: \(up.stderr)")
    #expect(try WriteTest.fingerprint(db)[0] == "no ledger")
    #expect(try db.connect().query("SELECT count(*) FROM pg_class WHERE relname IN ('base', 'a', 'b')").scalar == "0")
  }

  /// Files psql runs whole where a home-made split goes wrong: rbshell sends the file whole, so
  /// the server's parser decides, and the schema equals psql's.
  static let runAsPsqlDoes: [Case] = [
    Case(name: "BEGIN ATOMIC body", up: Array("""
      CREATE FUNCTION add_one(i int) RETURNS int LANGUAGE sql
      BEGIN ATOMIC
        SELECT i + 1;
      END;
      CREATE TABLE after_function (id int);

      """.utf8), message: ""),
    Case(name: "$ inside identifiers", up: Array("CREATE TABLE a$b$ (id int);\nCREATE TABLE c (d$e$ int);\n".utf8), message: ""),
    // psql and the server end a `--` comment at a lone \r; rbshell's split once dropped the next
    // statement and recorded the migration applied.
    Case(name: "comment ended by a carriage return", up: Array("CREATE TABLE a (id int); -- a note\rCREATE TABLE b (id int);\n".utf8), message: ""),
  ]

  @Test(arguments: runAsPsqlDoes)
  func runsWhatPsqlRunsWithTheSameSchema(_ file: Case) throws {
    let db = try TestDatabase(), oracle = try TestDatabase()
    defer { db.drop(); oracle.drop() }
    let folder = try folder(file.up)
    let run = try WriteTest.rbshell(["up", "--db", "frontend", "--yes", "--dsn", db.dsn, "--migrations", folder.migrations.path])
    #expect(run.status == 0, "stderr: \(run.stderr)")
    try Psql.run(database: oracle.name, paths: ["1_base", "2_tricky"].map { folder.migrations.appending(path: "frontend/\($0)/up.sql").path }, singleTransaction: true)
    #expect(try WriteTest.schemaDump(db) == WriteTest.schemaDump(oracle))
    #expect(try WriteTest.rows(db) == ["1 up true", "2 up true"])
  }
}
