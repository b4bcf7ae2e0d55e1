import ArgumentParser

extension RBShell {
  /// `rbshell rehearse <write command…>`: run a plan for real in a transaction that is always
  /// rolled back.
  struct Rehearse: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Rehearse a write command: run its plan in one transaction that is always rolled back, and report each step.",
      discussion: """
        Example: rbshell rehearse downto --db frontend --target 1528395968 --migrations ./migrations
        Works with downto, upto, up, undo, rollback and repair retry|complete|revert. Table locks wait at most \
        --rehearsal-lock-timeout (default 2s), and a lock timeout names the blocking session. Concurrent index \
        builds are listed as not rehearsed. Nothing is ever committed, also when interrupted. Exit 1 when a step fails.
        """)

    @Argument(parsing: .captureForPassthrough, help: "The write command and its arguments.")
    var command: [String] = []

    func run() throws {
      let allowed: Set<String> = ["downto", "upto", "up", "undo", "rollback", "repair"]
      guard let first = command.first, allowed.contains(first) else {
        throw ValidationError("rehearse takes a write command: downto, upto, up, undo, rollback or repair …")
      }
      var inner = try RBShell.parseAsRoot(ArgumentNormalizer.normalize(command) + ["--rehearse", "--yes"])
      try inner.run()
    }
  }
}
