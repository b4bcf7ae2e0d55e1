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
    Case(
      name: "unterminated comment", up: Array("CREATE TABLE a (id int);\n/* never closed\nCREATE TABLE b (id int);\n".utf8),
      message: "ends inside a /* comment opened at line 2"),
    Case(
      name: "unterminated quote", up: Array("CREATE TABLE a (id int);\nCREATE TABLE b (t text DEFAULT 'x);\n".utf8),
      message: "ends inside a quoted string opened at line 2"),
    Case(
      name: "NUL byte", up: Array("CREATE TABLE a (id int);\n".utf8) + [0] + Array("CREATE TABLE b (id int);\n".utf8),
      message: "line 2 contains a NUL byte"),
    Case(
      name: "invalid UTF-8", up: Array("CREATE TABLE a (id int);\n-- caf".utf8) + [0xE9] + Array("\nCREATE TABLE b (id int);\n".utf8),
      message: "up.sql' line 2 is not valid UTF-8 (byte 31)"),
    Case(
      name: "COPY FROM stdin", up: Array("CREATE TABLE a (id int);\nCOPY a FROM stdin;\n1\n\\.\n".utf8),
      message: "line 2: COPY … FROM STDIN / TO STDOUT"),
    Case(
      name: "COPY TO STDOUT", up: Array("CREATE TABLE a (id int);\nCOPY a TO STDOUT;\n".utf8),
      message: "line 2: COPY … FROM STDIN / TO STDOUT"),
    // psql strips a byte-order mark; the server (and so the migrator) reads it into the first word.
    Case(
      name: "byte-order mark", up: [0xEF, 0xBB, 0xBF] + Array("CREATE TABLE a (id int);\n".utf8),
      message: "starts with a UTF-8 byte-order mark"),
    // The server parses the whole file with the old setting; psql reads the rest with the new one.
    Case(
      name: "standard_conforming_strings changed", up: Array("SET standard_conforming_strings = off;\nCREATE TABLE a (t text DEFAULT 'x\\');\n".utf8),
      message: "line 1 changes standard_conforming_strings"),
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
    Case(
      name: "BEGIN ATOMIC body",
      up: Array(
        """
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

  /// `--rehearse` and `--single-transaction` run rbshell's own split: it must be the server's.
  @Test(arguments: runAsPsqlDoes)
  func rehearsalAndSingleTransactionSplitAsTheServerDoes(_ file: Case) throws {
    let db = try TestDatabase()
    let oracle = try TestDatabase()
    defer {
      db.drop()
      oracle.drop()
    }
    let folder = try folder(file.up)
    let common = ["up", "--db", "frontend", "--dsn", db.dsn, "--migrations", folder.migrations.path]
    let rehearsal = try WriteTest.rbshell(common + ["--rehearse"])
    #expect(rehearsal.status == 0, "stdout: \(rehearsal.stdout) stderr: \(rehearsal.stderr)")
    #expect(try WriteTest.fingerprint(db)[0] == "no ledger")
    let run = try WriteTest.rbshell(common + ["--single-transaction", "--yes"])
    #expect(run.status == 0, "stderr: \(run.stderr)")
    try Psql.run(
      database: oracle.name, paths: ["1_base", "2_tricky"].map { folder.migrations.appending(path: "frontend/\($0)/up.sql").path }, singleTransaction: true)
    #expect(try WriteTest.schemaDump(db) == WriteTest.schemaDump(oracle))
  }

  @Test(arguments: runAsPsqlDoes)
  func runsWhatPsqlRunsWithTheSameSchema(_ file: Case) throws {
    let db = try TestDatabase()
    let oracle = try TestDatabase()
    defer {
      db.drop()
      oracle.drop()
    }
    let folder = try folder(file.up)
    let run = try WriteTest.rbshell(["up", "--db", "frontend", "--yes", "--dsn", db.dsn, "--migrations", folder.migrations.path])
    #expect(run.status == 0, "stderr: \(run.stderr)")
    try Psql.run(
      database: oracle.name, paths: ["1_base", "2_tricky"].map { folder.migrations.appending(path: "frontend/\($0)/up.sql").path }, singleTransaction: true)
    #expect(try WriteTest.schemaDump(db) == WriteTest.schemaDump(oracle))
    #expect(try WriteTest.rows(db) == ["1 up true", "2 up true"])
  }

  /// A migration that commits its own transaction (two real Sourcegraph migrations do): the
  /// plan says it is not atomic, a rehearsal does not run it (its COMMIT would commit the
  /// rehearsal), `--single-transaction` refuses it, and a plain `up` runs it as the migrator does.
  @Test func aMigrationThatCommitsItselfIsNeverRunInsideAnotherTransaction() throws {
    let db = try TestDatabase()
    defer { db.drop() }
    let folder = try folder(Array("CREATE TABLE early (id int);\nCOMMIT;\nCREATE TABLE late (id int);\n".utf8))
    let common = ["up", "--db", "frontend", "--dsn", db.dsn, "--migrations", folder.migrations.path]
    let tables = "SELECT string_agg(relname, ',' ORDER BY relname) FROM pg_class WHERE relname IN ('base', 'early', 'late')"

    let validate = try WriteTest.rbshell(["validate-definitions", "--migrations", folder.migrations.path])
    #expect(validate.status == 0, "stdout: \(validate.stdout) stderr: \(validate.stderr)")
    #expect(validate.stdout.contains("warning: 2: transaction-control: up SQL line 2: COMMIT ends the transaction"), "\(validate.stdout)")

    let rehearsal = try WriteTest.rbshell(common + ["--rehearse"])
    #expect(
      rehearsal.stdout.contains("not rehearsed (its COMMIT at line 2 would commit the rehearsal)"), "stdout: \(rehearsal.stdout) stderr: \(rehearsal.stderr)")
    #expect(try db.connect().query(tables).scalar == nil)
    #expect(try WriteTest.fingerprint(db)[0] == "no ledger")

    let single = try WriteTest.rbshell(common + ["--single-transaction", "--yes"])
    #expect(single.status == 64, "stderr: \(single.stderr)")
    #expect(single.stderr.contains("migration 2 ends its own transaction (COMMIT at line 2)"), "stderr: \(single.stderr)")
    #expect(single.stdout.contains("NOT ATOMIC: its COMMIT at line 2"), "stdout: \(single.stdout)")
    #expect(try db.connect().query(tables).scalar == nil)

    let run = try WriteTest.rbshell(common + ["--yes"])
    #expect(run.status == 0, "stderr: \(run.stderr)")
    #expect(try db.connect().query(tables).scalar == "base,early,late")
    #expect(try WriteTest.rows(db) == ["1 up true", "2 up true"])
  }

  /// On a server with `standard_conforming_strings = off` a backslash escapes a quote in a plain
  /// string; rbshell's split (here: `--single-transaction`) reads it as that server does.
  @Test func splitsAsAServerWithoutStandardConformingStrings() throws {
    let db = try TestDatabase()
    defer { db.drop() }
    // Read with standard strings this is two statements, the first ending inside a string.
    let folder = try folder(Array("CREATE TABLE a AS SELECT '\\';\\'' AS t;\nCREATE TABLE b (id int);\n".utf8))
    let run = try RBShellRun.run(
      ["up", "--db", "frontend", "--dsn", db.dsn, "--migrations", folder.migrations.path, "--single-transaction", "--yes"],
      environment: ["PGOPTIONS": "-c standard_conforming_strings=off", "RBSHELL_AUDIT_LOG": "/dev/null"], removing: ["RBSHELL_MIGRATIONS"])
    #expect(run.status == 0, "stderr: \(run.stderr)")
    #expect(try db.connect().query("SELECT t FROM a").scalar == "';'")
    #expect(try WriteTest.rows(db) == ["1 up true", "2 up true"])
  }
}
