import Foundation
import TestSupport
import Testing

/// The shell driven by scripts (`-f`, `-c`, piped stdin): the same commands as at the prompt.
@Suite(.enabled(if: TestEnvironment.databaseTestsEnabled, "needs PostgreSQL: run scripts/test"))
struct ShellScriptTests {
  func database() throws -> TestDatabase {
    let db = try TestDatabase()
    try ScenarioFile.load("demo").build(in: db)
    return db
  }

  func script(_ text: String) throws -> URL {
    let url = FileManager.default.temporaryDirectory.appending(path: "rbshell-\(UUID().uuidString).rbs")
    try text.write(to: url, atomically: true, encoding: .utf8)
    return url
  }

  func shell(_ arguments: [String], db: TestDatabase, stdin: String? = nil) throws -> RBShellRun {
    try WriteTest.rbshell(arguments + ["--dsn", db.dsn, "--migrations", WriteTest.samples], stdin: stdin)
  }

  /// A newcomer never misses a dirty schema: without --db, status and diagnose cover all three;
  /// with --db (or after `use`), the chosen one. A pasted suggestion's leading `rbshell` is
  /// accepted; a word that names no command says so and points to `help`.
  @Test func statusAndDiagnoseCoverEverySchemaUnlessOneIsChosen() throws {
    let db = try database()
    defer { db.drop() }
    let all = try shell(["-c", "\\set ON_ERROR_STOP off", "-c", "diagnose"], db: db)
    #expect(all.stdout.contains("frontend: DIRTY") && all.stdout.contains("codeintel: DIRTY") && all.stdout.contains("codeinsights: OK"), "\(all.stdout)")
    let chosen = try shell(["--db", "codeintel", "-c", "\\set ON_ERROR_STOP off", "-c", "status"], db: db)
    #expect(chosen.stdout.contains("codeintel: DIRTY") && !chosen.stdout.contains("frontend:"), "\(chosen.stdout)")
    let used = try shell(["-c", "\\set ON_ERROR_STOP off", "-c", "use codeinsights", "-c", "rbshell status"], db: db)
    #expect(used.stdout.contains("codeinsights: CLEAN") && !used.stdout.contains("frontend:"), "\(used.stdout) \(used.stderr)")
    let unknown = try shell(["-c", "frobnicate"], db: db)
    #expect(unknown.status == 64)
    #expect(unknown.stderr.contains("no command \"frobnicate\""))
    #expect(!unknown.stderr.contains("rbshell --help"))
  }

  @Test func aScriptStopsAtItsFirstFailingLine() throws {
    let db = try database()
    defer { db.drop() }
    let file = try script("# a comment\nuse codeintel\nupto --target 42\nstatus\n")
    let run = try shell(["-f", file.path], db: db)
    #expect(run.status == 3)
    #expect(run.stderr.contains("unknown migration 42"))
    #expect(run.stderr.contains("\(file.path):3: error:"))
    #expect(!run.stdout.contains("codeintel: DIRTY"))
  }

  @Test func withoutOnErrorStopItGoesOn() throws {
    let db = try database()
    defer { db.drop() }
    let file = try script("\\set ON_ERROR_STOP off\nuse codeintel\nupto --target 42\nstatus\nselect 40 + 2 as answer\n")
    let run = try shell(["-f", file.path], db: db)
    #expect(run.status == 0, "stderr: \(run.stderr)")
    #expect(run.stderr.contains("unknown migration 42"))
    #expect(run.stdout.contains("codeintel: DIRTY"))
    #expect(run.stdout.contains(" 42"))
  }

  @Test func writesWithoutYesAreRefusedInScripts() throws {
    let db = try database()
    defer { db.drop() }
    let before = try WriteTest.fingerprint(db)
    let run = try shell(["-f", "-"], db: db, stdin: "use codeintel\nrepair complete --version 1700001100\n")
    #expect(run.status == 3)
    #expect(run.stderr.contains("stdin is not a terminal and --yes was not given"))
    #expect(run.stderr.contains("<stdin>:2: error:"))
    #expect(try WriteTest.fingerprint(db) == before)
  }

  @Test func pipedStdinActsLikeAScriptAndStatusResultsAreNotErrors() throws {
    let db = try database()
    defer { db.drop() }
    let run = try shell([], db: db, stdin: "use codeintel\ndiagnose\nlog 2\nshow 1700001100\n")
    #expect(run.status == 0, "stderr: \(run.stderr)")
    #expect(run.stdout.contains("codeintel: DIRTY — migration 1700001100 failed, partially applied (2 of 3 statements)"))
    #expect(run.stdout.contains("1700001100 up FAILED"))
    #expect(run.stdout.contains("migration 1700001100: upload state"))
    #expect(run.stdout.contains("verdict: partially-applied"))
  }

  /// `log` and `show` say pending as `status` does (they once called every unfinished row FAILED).
  @Test func logAndShowCallAnUnfinishedAttemptPending() throws {
    let db = try TestDatabase()
    defer { db.drop() }
    try ScenarioFile.load("diagnose-pending-dead").build(in: db)
    let run = try shell(["-c", "use codeinsights", "-c", "log 1", "-c", "show 1700002100"], db: db)
    #expect(run.status == 0, "stderr: \(run.stderr)")
    #expect(run.stdout.contains("1700002100 up pending"), "\(run.stdout)")
    #expect(run.stdout.contains("up pending"), "\(run.stdout)")
    #expect(!run.stdout.contains("FAILED"), "\(run.stdout)")
  }

  @Test func dashCRunsCommandsAndExitsWithTheLastStatus() throws {
    let db = try database()
    defer { db.drop() }
    let run = try shell(["-c", "use codeinsights", "-c", "diagnose"], db: db)
    #expect(run.status == 0, "stderr: \(run.stderr)")
    #expect(run.stdout.contains("codeinsights: OK"))
    let dirty = try shell(["-c", "diagnose --db codeintel"], db: db)
    #expect(dirty.status == 4)
  }

  @Test func sqlSpansLinesUntilASemicolonAsInPsql() throws {
    let db = try database()
    defer { db.drop() }
    let text = """
      select 'a;b' as text,
        $q$ still; open $q$ as dollar
      ;
      select 1 as forgotten
      \\r
      select count(*) as rows
      \\set FORMAT human
        from migration_logs
      \\g
      \\sql select 7 * 6 as product
      select 'x' as last_without_semicolon
      """
    let run = try shell(["-f", "-"], db: db, stdin: text)
    #expect(run.status == 0, "stderr: \(run.stderr)")
    #expect(run.stdout.contains(" a;b  |  still; open "))
    #expect(!run.stdout.contains("forgotten"))
    #expect(run.stdout.contains(" rows\n------\n"))
    #expect(run.stdout.contains(" 42"))
    #expect(run.stdout.contains(" last_without_semicolon\n"))
    #expect(run.stderr.isEmpty, "stderr: \(run.stderr)")
  }

  @Test func helpForOneCommandIncludingARepair() throws {
    let run = try RBShellRun.run([
      "-c", "help downto", "-c", "help clear-dirty", "-c", "help repair retry", "-c", "help use", "-c", "\\timing", "-c", "help \\g",
    ])
    #expect(run.status == 0, "stderr: \(run.stderr)")
    #expect(run.stdout.contains("use SCHEMA — make frontend, codeintel or codeinsights the current schema"))
    #expect(run.stdout.contains("\\g, \\r — send the SQL collected so far"))
    #expect(run.stdout.components(separatedBy: "Time: ").count == 2, "only the command after \\timing is timed")
    #expect(run.stdout.contains("OVERVIEW: Roll a schema back"))
    #expect(run.stdout.contains("OVERVIEW: Pre-3.37 ledger: clear the golang-migrate dirty flag"))
    #expect(run.stdout.contains("OVERVIEW: Run the migration again"))
    let unknown = try RBShellRun.run(["-c", "help frobnicate"])
    #expect(unknown.status == 64)
    #expect(unknown.stderr.contains("no rbshell command \"frobnicate\""))
  }

  @Test func sqlIsReadOnlyAndSettingsAreStrict() throws {
    let db = try database()
    defer { db.drop() }
    let run = try shell(
      ["-f", "-"], db: db,
      stdin: "\\set ON_ERROR_STOP off\ncreate table x (id int);\n\\set VERBOSE maybe\n\\frobnicate\nselect count(*) as n\n  from migration_logs;\n")
    #expect(run.stderr.contains("ERROR 25006: cannot execute CREATE TABLE in a read-only transaction"))
    #expect(run.stderr.contains("invalid value \"maybe\" for VERBOSE: on or off expected"))
    #expect(run.stderr.contains("invalid command \\frobnicate"))
    #expect(run.stdout.contains(" n "))
    #expect(try db.connect().query("SELECT to_regclass('x') IS NULL").scalar == "t")
  }
}

/// `rbshell demo` without a terminal, from a copy of the binary alone in an empty folder: its
/// own throwaway server (its SQL is part of the binary), diagnose, diagnose's exit code (4), and
/// nothing left behind in TMPDIR or among the processes.
@Suite(.enabled(if: TestEnvironment.databaseTestsEnabled, "needs PostgreSQL: run scripts/test"))
struct DemoTests {
  @Test func theInstalledBinaryAloneDiagnosesItsDirtyDatabaseAndCleansUp() throws {
    let sandbox = try DemoSandbox()
    defer { sandbox.remove() }
    let run = try RBShellRun.run(
      ["demo"], environment: ["TMPDIR": sandbox.temporary.path], removing: ["PGHOST", "PGPORT", "PGDATABASE", "RBSHELL_MIGRATIONS"],
      executable: sandbox.binary, directory: sandbox.empty)
    #expect(run.status == 4, "stderr: \(run.stderr)")
    #expect(run.stdout.contains("The demo's server is gone when this ends"))
    #expect(run.stdout.contains("No terminal: running `rbshell diagnose` on the demo database."))
    #expect(run.stdout.contains("frontend: DIRTY — migration 1700000400 failed"))
    #expect(run.stdout.contains("codeintel: DIRTY — migration 1700001100 failed, partially applied (2 of 3 statements)"))
    #expect(run.stdout.contains("codeinsights: OK"))
    #expect(run.stderr.contains("demo: PostgreSQL "))
    #expect(try sandbox.leftovers().isEmpty)
  }
}
