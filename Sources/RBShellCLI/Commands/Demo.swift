import ArgumentParser
import DemoKit
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

extension RBShell {
  /// `rbshell demo`: a throwaway PostgreSQL with a dirty database built from the sample
  /// migrations (both part of the binary), and the shell on it. The server and its files go
  /// away on exit, also on Ctrl-C, SIGTERM or a closed terminal.
  struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "demo",
      abstract: "Try rbshell on a throwaway PostgreSQL holding a dirty database.",
      discussion: """
        Needs PostgreSQL's server programs (initdb, pg_ctl: found on PATH, by pg_config --bindir or in \
        /usr/lib/postgresql/*/bin); started as root, the server runs as the user postgres (or nobody). \
        In a terminal it opens the shell (try: diagnose); without one it runs diagnose and exits with its code \
        (4: the demo database needs repair).
        """)

    func run() throws {
      try ErrorReporting.run(runDemo)
    }

    private func runDemo() throws {
      // Before anything can start a thread: no signal may end rbshell between starting the
      // server and removing it; they are checked between steps and passed on to the shell.
      TerminationSignals.block()
      let installation = try PostgresInstallation.locate()
      let cluster = try ThrowawayCluster.start(installation, under: ThrowawayCluster.parent(preferring: FileManager.default.temporaryDirectory))
      defer { cluster.remove() }
      try stopIfSignalled()
      Terminal.writeStderr("demo: PostgreSQL \(cluster.serverVersion) in \(cluster.folder.path) (removed on exit)\n")
      try DemoDatabase.build(on: cluster)
      let migrations = try DemoAssets.writeMigrations(under: cluster.folder)
      try stopIfSignalled()
      let interactive = isatty(0) == 1 && isatty(1) == 1
      print(interactive ? Self.banner : "No terminal: running `rbshell diagnose` on the demo database.\n")
      Terminal.flushStdout()
      let shell = ["shell", "--migrations", migrations.path] + (interactive ? [] : ["-c", "diagnose --db all"])
      let status = try ChildProcess.runInForeground([Self.executable] + shell, environment: environment(for: cluster))
      if !interactive {
        // Without a terminal the demo is diagnose: its exit code (4, the demo is dirty) is the
        // demo's. The commands it printed need the server, which goes away as the demo ends.
        print("\nThe demo's server is gone when this ends: run `rbshell demo` in a terminal to try the commands above.")
      }
      if status != 0 { throw ExitCode(status) }
    }

    /// Ends the demo (after its cleanup) with 128 + the signal when one arrived during set-up.
    private func stopIfSignalled() throws {
      if let signal = TerminationSignals.takePending() { throw ExitCode(128 + signal) }
    }

    /// The caller's environment with every libpq variable replaced by the demo server's.
    private func environment(for cluster: ThrowawayCluster) -> [String: String] {
      var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("PG") }
      environment.merge(cluster.environment) { _, demo in demo }
      environment["PGDATABASE"] = DemoDatabase.name
      environment["RBSHELL_MIGRATIONS"] = nil
      environment["RBSHELL_AUDIT_LOG"] = cluster.folder.appending(path: "demo-audit.jsonl").path
      return environment
    }

    static var executable: String { URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path }

    static let banner = """
      A throwaway PostgreSQL holds database "sg", left dirty the way incidents leave databases:
        frontend     a failed CREATE INDEX CONCURRENTLY left an INVALID index; a migration committed its SQL
                     but its ledger row stayed pending
        codeintel    a migration crashed after two of its three statements
        codeinsights healthy
      Try: diagnose · status · show 1700001100 · rehearse repair complete --db codeintel --version 1700001100 · help
      The server and its files are removed when you leave (\\q or Ctrl-D).

      """
  }
}
