import ArgumentParser

#if canImport(Glibc)
  import Glibc
#endif

/// Asks before writing: `--yes`, or `Proceed? [y/N]` on a terminal. Without a terminal and without
/// `--yes`, nothing is ever confirmed implicitly.
enum Confirmation {
  enum Answer { case proceed, declined }

  /// In the interactive shell, answers come through its line reader (readline, or a test's).
  nonisolated(unsafe) static var reader: LineReader?

  static func ask(yes: Bool, prompt: String = "Proceed? [y/N] ") throws -> Answer {
    if yes { return .proceed }
    if let reader, reader.isInteractive {
      Terminal.flushStdout()
      guard case .line(let typed) = reader.read(prompt: prompt) else { return .declined }
      return answer(typed)
    }
    guard isatty(0) == 1 else {
      Terminal.error("stdin is not a terminal and --yes was not given: nothing was written (use --dry-run to preview, --yes to run)")
      throw ExitStatus.usage.exitCode
    }
    Terminal.writeStderr(prompt)
    guard let line = readLine(strippingNewline: true) else { return .declined }
    return answer(line)
  }

  private static func answer(_ typed: String) -> Answer {
    ["y", "yes"].contains(typed.lowercased().filter { !$0.isWhitespace }) ? .proceed : .declined
  }

  /// The last gate before a write: `--dry-run` stops here, otherwise it must be confirmed.
  ///
  /// - Returns: whether to write; false after saying why not (on stderr under `--json`).
  static func approve(dryRun: Bool, yes: Bool, json: Bool = false) throws -> Bool {
    Terminal.flushStdout()
    if dryRun {
      Terminal.say("--dry-run: nothing was written.", json: json)
      return false
    }
    guard try ask(yes: yes) == .proceed else {
      Terminal.say("Not confirmed: nothing was written.", json: json)
      return false
    }
    return true
  }
}
