import ArgumentParser

extension RBShell {
  /// `rbshell rehearse <write command…>`: run a plan for real in a transaction that is always
  /// rolled back.
  struct Rehearse: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "rehearse",
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
      try Self.refuseUnrehearsable(command)
      var inner = try RBShell.parseAsRoot(ArgumentNormalizer.normalize(command) + ["--rehearse", "--yes"])
      try inner.run()
    }

    /// Only plans that run SQL can run in a rolled-back transaction; the ledger-only repairs and
    /// the concurrent index drop would really write, so they are refused (their `--dry-run`
    /// shows them instead).
    static func refuseUnrehearsable(_ command: [String]) throws {
      let plans: Set<String> = ["downto", "upto", "up", "undo", "rollback"]
      let repairs: Set<String> = ["retry", "complete", "revert"]
      guard let first = command.first else { throw usage }
      if plans.contains(first) { return }
      guard first == "repair" else { throw usage }
      guard let repair = command.dropFirst().first(where: { !$0.hasPrefix("-") }) else { throw usage }
      guard repairs.contains(repair) else {
        throw ValidationError("repair \(repair) runs no migration SQL, so there is nothing to rehearse; nothing was written (see it with --dry-run)")
      }
    }

    private static var usage: ValidationError {
      ValidationError("rehearse takes a write command: downto, upto, up, undo, rollback or repair retry|complete|revert …")
    }
  }
}
