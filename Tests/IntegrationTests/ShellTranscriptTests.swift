import Foundation
import PostgresClient
import TestSupport
import Testing

@testable import RBShellCLI

/// The shell driven through its line-reader protocol, as a person would type: use, status,
/// diagnose, show, a write declined with `n` and one confirmed with `y`, and Ctrl-C during a
/// slow statement.
///
/// Serialized: each test redirects this process's stdout and stderr to capture them.
@Suite(.serialized, .enabled(if: TestEnvironment.databaseTestsEnabled, "needs PostgreSQL: run scripts/test"))
struct ShellTranscriptTests {
  @Test func aSessionFromDiagnosisToRepair() throws {
    let db = try TestDatabase()
    defer { db.drop() }
    try ScenarioFile.load("demo").build(in: db)
    setenv("RBSHELL_AUDIT_LOG", FileManager.default.temporaryDirectory.appending(path: "audit-\(UUID().uuidString)").path, 1)
    let reader = ScriptLineReader(
      lines: [
        "use codeinsights", "downto --target 1700002000", "n", "downto --target 1700002100", "y",
        "use codeintel", "status", "diagnose", "show 1700001100",
        "repair complete --version 1700001100", "y",
        "select pg_sleep(20)", ";",
        "log 1",
      ], interactive: true)
    let session = ShellSession(reader: reader, schema: .frontend, dsn: db.dsn, migrations: WriteTest.samples, scriptName: nil)

    let dsn = db.dsn
    let interrupter = Thread {
      // Ctrl-C once the slow statement runs: the shell's SIGINT handler must cancel it.
      guard let watcher = try? Connection(dsn: dsn) else { return }
      for _ in 0..<400 {
        let running =
          (try? watcher.query("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'select pg_sleep%' AND state = 'active'")
            .scalar) ?? "0"
        if running != "0" {
          kill(getpid(), SIGINT)
          return
        }
        Thread.sleep(forTimeInterval: 0.05)
      }
    }
    interrupter.start()
    let started = Date()
    let (status, output) = try OutputCapture.run { session.run() }

    #expect(status == .ok)
    #expect(Date().timeIntervalSince(started) < 15, "the slow statement was not cancelled")
    // The prompt names every dirty schema, whichever is current.
    #expect(reader.prompts.first == "rbshell frontend@\(db.name) [DIRTY: frontend, codeintel]> ")
    #expect(reader.prompts.contains("rbshell codeinsights@\(db.name) [DIRTY: frontend, codeintel]> "))
    #expect(reader.prompts.contains("rbshell codeintel@\(db.name) [DIRTY: frontend, codeintel]> "))
    #expect(reader.prompts.filter { $0 == "Proceed? [y/N] " }.count == 3)
    #expect(output.contains("Plan for codeinsights: downto 1700002000 — 2 steps"))
    #expect(try WriteTest.applied(db, schema: "codeinsights") == [1_700_002_000, 1_700_002_100])
    #expect(reader.prompts.last == "rbshell codeintel@\(db.name) [DIRTY: frontend]> ")
    #expect(reader.prompts.contains("rbshell codeintel@\(db.name) [DIRTY: frontend]-> "), "a statement without its ; goes on")
    #expect(output.contains("codeintel: DIRTY  (database \(db.name)"))
    #expect(output.contains("codeintel: DIRTY — migration 1700001100 failed, partially applied (2 of 3 statements)"))
    #expect(output.contains("migration 1700001100: upload state"))
    #expect(output.contains("Not confirmed: nothing was written."))
    #expect(output.contains("diagnose: migration 1700001100 has no finding left (codeintel: OK"))
    #expect(output.contains("ERROR 57014: canceling statement due to user request"))
    #expect(output.contains("1700001100 up ok"))
    #expect(try WriteTest.applied(db, schema: "codeintel") == [1_700_001_000, 1_700_001_100])
  }

  /// SQL is read-only until `\unlock`; then each writing statement asks, and only a "y" runs it.
  @Test func unlockedSQLWritesOnlyWhenConfirmed() throws {
    let db = try TestDatabase()
    defer { db.drop() }
    let reader = ScriptLineReader(
      lines: [
        "create table before_unlock (id int);", "\\unlock", "create table declined (id int);", "n",
        "create table confirmed (id int);", "y", "select 1 as still_reads;", "\\lock", "create table after_lock (id int);",
      ], interactive: true)
    let session = ShellSession(reader: reader, schema: .frontend, dsn: db.dsn, migrations: WriteTest.samples, scriptName: nil)
    let (status, output) = try OutputCapture.run { session.run() }
    #expect(status == .ok)
    #expect(reader.prompts.filter { $0 == "This statement writes. Proceed? [y/N] " }.count == 2)
    #expect(output.components(separatedBy: "cannot execute CREATE TABLE in a read-only transaction").count == 3, "\(output)")
    #expect(output.contains(" still_reads"))
    let tables = try db.connect().query(
      """
      SELECT string_agg(relname, ',' ORDER BY relname) FROM pg_class
      WHERE relname IN ('before_unlock', 'declined', 'confirmed', 'after_lock')
      """
    ).scalar
    #expect(tables == "confirmed")
  }

  /// A repair declined at the prompt changes nothing and is not reported as a failed repair.
  @Test func aRepairAnsweredNoWritesNothingAndIsNoError() throws {
    let db = try TestDatabase()
    defer { db.drop() }
    try ScenarioFile.load("demo").build(in: db)
    let before = try WriteTest.fingerprint(db)
    let reader = ScriptLineReader(
      lines: [
        "use codeintel", "repair complete --version 1700001100", "n", "use frontend", "repair mark-applied --version 1700000700", "n",
      ], interactive: true)
    let session = ShellSession(reader: reader, schema: .frontend, dsn: db.dsn, migrations: WriteTest.samples, scriptName: nil)
    let (status, output) = try OutputCapture.run { session.run() }
    #expect(status == .ok)
    #expect(output.components(separatedBy: "Not confirmed: nothing was written.").count == 3, "\(output)")
    #expect(!output.contains("after the repair, diagnose still reports"), "\(output)")
    #expect(try WriteTest.fingerprint(db) == before)
  }
}

/// Captures what this process writes to stdout and stderr while `body` runs.
enum OutputCapture {
  static func run<T>(_ body: () -> T) throws -> (T, String) {
    let file = FileManager.default.temporaryDirectory.appending(path: "capture-\(UUID().uuidString)")
    _ = FileManager.default.createFile(atPath: file.path, contents: nil)
    defer { try? FileManager.default.removeItem(at: file) }
    let handle = try FileHandle(forWritingTo: file)
    fflush(nil)
    let savedOut = dup(1)
    let savedErr = dup(2)
    dup2(handle.fileDescriptor, 1)
    dup2(handle.fileDescriptor, 2)
    let value = body()
    fflush(nil)
    dup2(savedOut, 1)
    dup2(savedErr, 2)
    close(savedOut)
    close(savedErr)
    try handle.close()
    return (value, try String(contentsOf: file, encoding: .utf8))
  }
}
