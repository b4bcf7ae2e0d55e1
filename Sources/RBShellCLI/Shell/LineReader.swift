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
  let isInteractive = false

  init(lines: [String]) { self.lines = lines }

  convenience init(text: String) {
    self.init(lines: text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
  }

  func read(prompt: String) -> LineInput {
    guard !lines.isEmpty else { return .end }
    lineNumber += 1
    return .line(lines.removeFirst())
  }

  func remember(_ line: String) {}
}
