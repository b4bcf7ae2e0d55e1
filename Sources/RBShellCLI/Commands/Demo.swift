import ArgumentParser
import Foundation
import Migrations

#if canImport(Glibc)
  import Glibc
#endif

extension RBShell {
  /// `rbshell demo`: a throwaway PostgreSQL with a dirty database built from the sample
  /// migrations, and the shell on it. The server and its files go away on exit.
  struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Try rbshell on a throwaway PostgreSQL holding a dirty database (needs the rbshell source tree).",
      discussion: "In a terminal it opens the shell (try: diagnose); without one it runs diagnose and exits with its code (4: the demo database needs repair).")

    @Flag(help: .hidden) var inside = false

    func run() throws {
      let root = try DemoFiles.root()
      if inside { return try runInside(root) }
      // The project's own harness starts the server, runs us again inside it, and removes it.
      // exec, not a child: the shell inside must own the terminal (a spawned child would sit
      // in another process group, where reading the terminal fails).
      let harness = root.appending(path: "scripts/with-postgres").path
      let arguments = [harness, DemoFiles.executable.path, "demo", "--inside"]
      guard chdir(root.path) == 0 else { throw ValidationError("cannot enter \(root.path)") }
      let argv = arguments.map { strdup($0) } + [nil]
      execv(harness, argv)
      throw ValidationError("cannot run \(harness): \(String(cString: strerror(errno)))")
    }

    private func runInside(_ root: URL) throws {
      let load = Process()
      load.executableURL = URL(fileURLWithPath: "/usr/bin/env")
      load.arguments = [
        "bash", "-c",
        """
        psql -q -v ON_ERROR_STOP=1 -c 'CREATE DATABASE sg' >/dev/null && \
        psql -X -q -v ON_ERROR_STOP=1 -d sg -f sql/ledger/migration_logs.sql -f sql/scenarios/demo.sql >/dev/null
        """,
      ]
      load.currentDirectoryURL = root
      try load.run()
      load.waitUntilExit()
      guard load.terminationStatus == 0 else { throw ExitCode(load.terminationStatus) }
      setenv("PGDATABASE", "sg", 1)
      setenv("RBSHELL_AUDIT_LOG", (ProcessInfo.processInfo.environment["PGHOST"] ?? "/tmp") + "/demo-audit.jsonl", 1)
      let migrations = root.appending(path: "sql/migrations").path
      let interactive = isatty(0) == 1 && isatty(1) == 1
      print(interactive ? DemoFiles.banner : "No terminal: running `rbshell diagnose` on the demo database.\n")
      let shell = try Shell.parse(["--db", "codeintel", "--migrations", migrations] + (interactive ? [] : ["-c", "diagnose --db all"]))
      guard !interactive else { return try shell.run() }
      // Without a terminal the demo is diagnose: its exit code (4, the demo is dirty) is the
      // demo's. The commands it printed need the server, which goes away as the demo ends.
      defer { print("\nThe demo's server is gone when this ends: run `rbshell demo` in a terminal to try the commands above.") }
      try shell.run()
    }
  }
}

/// Where the demo's files are: the source tree the binary was built from, found upwards from
/// the executable, or from the working directory.
enum DemoFiles {
  static var executable: URL { URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath() }

  static func root() throws -> URL {
    for start in [executable.deletingLastPathComponent(), URL(fileURLWithPath: FileManager.default.currentDirectoryPath)] {
      var dir = start
      while dir.path != "/" {
        if FileManager.default.isExecutableFile(atPath: dir.appending(path: "scripts/with-postgres").path),
          FileManager.default.fileExists(atPath: dir.appending(path: "sql/scenarios/demo.sql").path)
        {
          return dir
        }
        dir = dir.deletingLastPathComponent()
      }
    }
    throw ValidationError("rbshell demo needs the rbshell source tree (scripts/with-postgres and sql/); run it from a checkout")
  }

  static let banner = """
    A throwaway PostgreSQL holds database "sg", left dirty the way incidents leave databases:
      frontend     a failed CREATE INDEX CONCURRENTLY left an INVALID index; a migration committed its SQL
                   but its ledger row stayed pending
      codeintel    a migration crashed after two of its three statements
      codeinsights healthy
    Try: diagnose · status · show 1700001100 · rehearse repair complete --version 1700001100 · help
    The server and its files are removed when you leave (\\q or Ctrl-D).

    """
}
