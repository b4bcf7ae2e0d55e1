/// Where the shell's lines come from: GNU readline on a terminal, a script or a test otherwise.
protocol LineReader: AnyObject {
  /// The next line, `.interrupt` when Ctrl-C abandoned it, `.end` at end of input (Ctrl-D).
  func read(prompt: String) -> LineInput
  /// Remembers a line for history (a no-op for scripts).
  func remember(_ line: String)
  /// Whether a person is typing (prompts, confirmations, banners).
  var isInteractive: Bool { get }
}

enum LineInput: Equatable {
  case line(String)
  case interrupt
  case end
}

/// Lines given up front: `-c` commands, a `-f` file, piped stdin, or a test transcript.
final class ScriptLineReader: LineReader {
  private var lines: [String]
  /// The 1-based number of the line read last, for `FILE:LINE:` messages.
  private(set) var lineNumber = 0
  /// A test transcript plays a person typing (prompts and confirmations go through it).
  let isInteractive: Bool
  /// What was prompted, in order, for transcript tests.
  private(set) var prompts: [String] = []
  /// What a person's session would keep in its history (transcript tests).
  private(set) var remembered: [String] = []

  init(lines: [String], interactive: Bool = false) {
    self.lines = lines
    self.isInteractive = interactive
  }

  convenience init(text: String) {
    self.init(lines: text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
  }

  func read(prompt: String) -> LineInput {
    prompts.append(prompt)
    guard !lines.isEmpty else { return .end }
    lineNumber += 1
    return .line(lines.removeFirst())
  }

  func remember(_ line: String) { if isInteractive { remembered.append(line) } }
}
