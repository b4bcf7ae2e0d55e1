import Foundation
import TestSupport
import Testing

/// The real binary in a real terminal (tmux): completion, history, Ctrl-C, Ctrl-D.
@Suite(.enabled(if: TestEnvironment.databaseTestsEnabled, "needs PostgreSQL and tmux: run scripts/test"))
struct ShellTmuxTests {
  let session = "rbshell-test-\(UInt32.random(in: 0...UInt32.max))"
  /// A private tmux server (its own socket), so the test neither needs nor touches anyone else's.
  var socket: String { "\(session)-socket" }

  /// Runs a tmux command on the test's own server and returns what it printed.
  @discardableResult
  func tmux(_ arguments: String...) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["tmux", "-L", socket] + arguments
    let out = Pipe()
    process.standardOutput = out
    process.standardError = FileHandle.nullDevice
    try process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self)
  }

  /// Starts the private server with a session running `command`, as a person's shell would:
  /// - not through Foundation's `Process`: the server forks from its client and inherits every
  ///   descriptor, including the socket by which `Process` notices a child's exit, so
  ///   `waitUntilExit` waited for the server to end (it hung CI on a machine with no tmux server
  ///   yet) — a shell closes every descriptor above 2 before tmux starts;
  /// - with no signal blocked: the test's threads block most signals and a child keeps that mask,
  ///   and a tmux server that cannot receive SIGCHLD never notices its pane ended.
  func startServer(running command: String) throws {
    let argv = [
      "/bin/bash", "-c", #"for fd in /proc/self/fd/*; do n=${fd##*/}; ((n > 2)) && eval "exec $n>&-"; done 2>/dev/null; exec "$@""#,
      "start-tmux", "tmux", "-L", socket, "new-session", "-d", "-s", session, "-x", "160", "-y", "50", command,
    ]
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    for fd in Int32(0)...2 { posix_spawn_file_actions_addopen(&actions, fd, "/dev/null", fd == 0 ? O_RDONLY : O_WRONLY, 0) }
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var none = sigset_t()
    var all = sigset_t()
    sigemptyset(&none)
    sigfillset(&all)
    posix_spawnattr_setsigmask(&attributes, &none)
    posix_spawnattr_setsigdefault(&attributes, &all)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
    let cArguments = argv.map { strdup($0) } + [nil]
    defer { cArguments.forEach { free($0) } }
    var pid = pid_t()
    let spawned = posix_spawn(&pid, argv[0], &actions, &attributes, cArguments, environ)
    guard spawned == 0 else { throw StartFailure(status: spawned) }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) == -1, errno == EINTR {}
    guard status == 0 else { throw StartFailure(status: status) }
  }

  struct StartFailure: Error { var status: Int32 }

  func screen() throws -> String { try tmux("capture-pane", "-t", session, "-p") }

  /// Waits until the screen shows `text`; returns how long that took.
  @discardableResult
  func waitFor(_ text: String, timeout: Double = 10) throws -> Double {
    let started = Date()
    while Date().timeIntervalSince(started) < timeout {
      if try screen().contains(text) { return Date().timeIntervalSince(started) }
      Thread.sleep(forTimeInterval: 0.05)
    }
    Issue.record("the screen never showed \"\(text)\":\n\(try screen())")
    return timeout
  }

  /// Waits until readline shows a fresh prompt: keys typed before it may be dropped when
  /// readline switches the terminal mode.
  func waitForPrompt() throws {
    for _ in 0..<200 {
      let lines = try screen().split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
      if lines.last?.hasSuffix("]>") == true { return }
      Thread.sleep(forTimeInterval: 0.05)
    }
    Issue.record("no prompt:\n\(try screen())")
  }

  @Test func completionHistoryCancelAndExitInARealTerminal() throws {
    let db = try TestDatabase()
    defer { db.drop() }
    try ScenarioFile.load("demo").build(in: db)
    let history = FileManager.default.temporaryDirectory.appending(path: "rbshell-history-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: history) }
    let env = ProcessInfo.processInfo.environment
    let command = [
      "env", "PGHOST=\(env["PGHOST"] ?? "")", "PGPORT=\(env["PGPORT"] ?? "")", "PGUSER=\(env["PGUSER"] ?? "postgres")",
      "RBSHELL_HISTORY=\(history.path)", "RBSHELL_MIGRATIONS=\(WriteTest.samples)", "TERM=xterm",
      PackagePaths.rbshell.path, "--dsn", db.dsn, "--db", "codeintel", ";", "echo", "EXITED=$?",
    ].joined(separator: " ")
    try startServer(running: command)
    // The pane stays on screen after rbshell exits, with nothing left running in it, so
    // kill-server ends the server at once.
    try tmux("set-option", "-g", "remain-on-exit", "on")
    defer { _ = try? tmux("kill-server") }
    try waitFor("codeintel@\(db.name) [DIRTY: frontend, codeintel]>")

    // Completion per command: diagnose's own flags (no --dry-run), repair's repairs.
    try tmux("send-keys", "-t", session, "diagnose --dr", "Tab")
    Thread.sleep(forTimeInterval: 0.3)
    #expect(try !screen().contains("--dry-run"))
    try tmux("send-keys", "-t", session, "C-u", "repair drop-inv", "Tab")
    try waitFor("]> repair drop-invalid-index")
    try tmux("send-keys", "-t", session, "C-u")
    try tmux("send-keys", "-t", session, "diag", "Tab")
    try waitFor("]> diagnose")
    try tmux("send-keys", "-t", session, "Enter")
    try waitFor("codeintel: DIRTY — migration 1700001100 failed, partially applied (2 of 3 statements)")
    try waitForPrompt()
    // A suggestion pasted as diagnose printed it, `rbshell` and all.
    try tmux("send-keys", "-t", session, "C-l")
    try tmux("send-keys", "-t", session, "rbshell status --db codeinsights", "Enter")
    try waitFor("codeinsights: CLEAN")
    try waitForPrompt()
    try tmux("send-keys", "-t", session, "clear", "Enter")  // `clear` is no command: an error that keeps the session
    try waitForPrompt()
    try tmux("send-keys", "-t", session, "C-l")
    try tmux("send-keys", "-t", session, "Up", "Up", "Up")
    try waitFor("]> diagnose")
    try tmux("send-keys", "-t", session, "C-c")
    try waitForPrompt()
    try tmux("send-keys", "-t", session, "connect host=nowhere password=hunter2-secret", "Enter")
    try waitForPrompt()
    try tmux("send-keys", "-t", session, "connect \(db.dsn)", "Enter")
    try waitForPrompt()
    try tmux("send-keys", "-t", session, "C-l")
    // tmux reads an argument ending in `;` as its own command separator, hence `\;`.
    try tmux("send-keys", "-t", session, #"select pg_sleep(30)\;"#, "Enter")
    Thread.sleep(forTimeInterval: 1)
    try tmux("send-keys", "-t", session, "C-c")
    let cancelled = try waitFor("57014", timeout: 5)
    #expect(cancelled < 2)
    try waitForPrompt()
    // A statement over two lines is one history entry: Up recalls it whole, Enter runs it again.
    try tmux("send-keys", "-t", session, "C-l")
    try tmux("send-keys", "-t", session, "select 40 +", "Enter")
    try waitFor("]->")
    try tmux("send-keys", "-t", session, #"2 as answer\;"#, "Enter")
    try waitFor("(1 row)")
    try waitForPrompt()
    try tmux("send-keys", "-t", session, "C-l")
    try tmux("send-keys", "-t", session, "Up", "Enter")
    try waitFor("(1 row)")
    #expect(try screen().contains("2 as answer;"))
    try waitForPrompt()
    try tmux("send-keys", "-t", session, "C-d")
    try waitFor("EXITED=0")

    let saved = try String(contentsOf: history, encoding: .utf8)
    #expect(saved.contains("diagnose"))
    #expect(saved.contains("select pg_sleep(30);"))
    #expect(saved.contains("select 40 +\u{01}2 as answer;"), "a multi-line statement is one line of the file")
    #expect(!saved.contains("hunter2-secret"))
    let attributes = try FileManager.default.attributesOfItem(atPath: history.path)
    #expect((attributes[.posixPermissions] as? Int) == 0o600)
  }

  /// The demo in a terminal, from a copy of the binary alone: the shell on its own server, every
  /// dirty schema shown; Ctrl-C at the prompt keeps the demo; SIGTERM to rbshell ends it
  /// (143) with its server stopped and its folder gone.
  @Test func theDemoInATerminalCleansUpWhenTerminated() throws {
    let sandbox = try DemoSandbox()
    defer { sandbox.remove() }
    let pidFile = sandbox.root.appending(path: "demo.pid").path
    // Inside the double quotes tmux's own sh sees: `\$` keeps `$$` and `$?` for the inner shells.
    let script = #"cd \#(sandbox.empty.path) && sh -c 'echo \$\$ > \#(pidFile); exec \#(sandbox.binary.path) demo'; echo EXITED=\$?"#
    let command = "env -u PGHOST -u PGPORT -u PGDATABASE TERM=xterm TMPDIR=\(sandbox.temporary.path) bash -c \"\(script)\""
    try startServer(running: command)
    try tmux("set-option", "-g", "remain-on-exit", "on")
    defer { _ = try? tmux("kill-server") }
    try waitFor("frontend@sg [DIRTY: frontend, codeintel]>", timeout: 30)
    try tmux("send-keys", "-t", session, "status", "Enter")
    try waitFor("codeinsights: CLEAN")
    #expect(try screen().contains("frontend: DIRTY"))
    try waitForPrompt()
    try tmux("send-keys", "-t", session, "C-l")
    try tmux("send-keys", "-t", session, "show 1700001100", "Enter")
    try waitFor("verdict: partially-applied")
    #expect(try screen().contains("schema: codeintel"))
    try waitForPrompt()
    // The repair diagnose suggests for the INVALID index, then its migration again: one question.
    try tmux("send-keys", "-t", session, "C-l")
    try tmux("send-keys", "-t", session, "repair drop-invalid-index --db frontend --index repo_name_trgm --retry", "Enter")
    try waitFor("Proceed? [y/N]")
    try tmux("send-keys", "-t", session, "y", "Enter")
    try waitFor("diagnose: migration 1700000400 has no finding left", timeout: 20)
    try waitForPrompt()
    let shown = try screen()
    #expect(shown.components(separatedBy: "Proceed?").count == 2, "asked more than once:\n\(shown)")
    try tmux("send-keys", "-t", session, "C-c")
    try waitForPrompt()
    #expect(try !sandbox.leftovers().isEmpty, "the demo's server runs while its shell does")
    let pid = try #require(Int32(try String(contentsOfFile: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))
    kill(pid, SIGTERM)
    try waitFor("EXITED=143")
    #expect(try sandbox.leftovers().isEmpty)
  }
}
