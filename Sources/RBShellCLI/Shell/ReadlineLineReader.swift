@preconcurrency import CReadline
import Dispatch
import PostgresClient
import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// GNU readline: line editing, history in a file (0600), Ctrl-C clears the line, Ctrl-D ends.
///
/// SIGINT belongs to a Dispatch source, not to readline (`rl_catch_signals = 0`): the source only
/// sets a flag, and readline's event hook — on readline's own thread — abandons the line. No
/// readline call ever happens from the signal's queue.
final class ReadlineLineReader: LineReader {
  let isInteractive = true
  private let historyPath: String?

  init(historyPath: String?, completer: Completer?) {
    self.historyPath = historyPath
    rl_readline_name = UnsafePointer(strdup("rbshell"))
    rl_catch_signals = 0
    Self.completer = completer
    rl_attempted_completion_function = readlineCompletion
    rl_basic_word_break_characters = UnsafePointer(strdup(" \t\n\"'=,;"))
    rl_event_hook = readlineEventHook
    using_history()
    if let historyPath {
      read_history(historyPath)
      Self.rewriteHistory(Self.newlineInFile, as: "\n")
    }
    Interrupts.shared.routeToPrompt()
  }

  deinit {
    if let historyPath {
      Self.rewriteHistory("\n", as: Self.newlineInFile)
      PrivateFile.create(historyPath)  // 0600 from the start; readline keeps the mode
      write_history(historyPath)
      history_truncate_file(historyPath, 1000)
      chmod(historyPath, 0o600)
    }
  }

  nonisolated(unsafe) static var completer: Completer?
  nonisolated(unsafe) static var abandoned = false

  func read(prompt: String) -> LineInput {
    Interrupts.shared.promptInterrupted.store(false, ordering: .relaxed)
    Interrupts.shared.promptActive.store(true, ordering: .relaxed)
    defer { Interrupts.shared.promptActive.store(false, ordering: .relaxed) }
    Self.abandoned = false
    guard let raw = readline(prompt) else { return .end }
    defer { free(raw) }
    if Self.abandoned {
      print("^C")
      return .interrupt
    }
    return .line(String(cString: raw))
  }

  func remember(_ line: String) { add_history(line) }

  /// The history file holds one entry per line, so a multi-line statement's newlines are saved
  /// as this character (as psql does) and restored when the file is read.
  static let newlineInFile = "\u{01}"

  /// Replaces `old` with `new` in every history entry that holds it.
  private static func rewriteHistory(_ old: String, as new: String) {
    for offset in 0..<Int(history_length) {
      guard let entry = history_get(history_base + Int32(offset)), let line = entry.pointee.line else { continue }
      let text = String(cString: line)
      guard text.contains(old) else { continue }
      if let replaced = replace_history_entry(Int32(offset), text.replacing(old, with: new), entry.pointee.data) {
        free_history_entry(replaced)
      }
    }
  }
}

/// Called by readline about ten times a second while it waits for input.
private let readlineEventHook: @convention(c) () -> Int32 = {
  if Interrupts.shared.promptInterrupted.exchange(false, ordering: .relaxed) {
    ReadlineLineReader.abandoned = true
    rl_replace_line("", 0)
    rl_done = 1
  }
  return 0
}

private let readlineCompletion: @convention(c) (UnsafePointer<CChar>?, Int32, Int32) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = {
  text, start, _ in
  rl_attempted_completion_over = 1
  let line = String(cString: rl_line_buffer)
  let prefix = String(line.utf8.prefix(Int(start))) ?? ""
  CompletionState.candidates = ReadlineLineReader.completer?.complete(word: text.map { String(cString: $0) } ?? "", before: prefix) ?? []
  CompletionState.cursor = 0
  return rl_completion_matches(text, completionGenerator)
}

private let completionGenerator: @convention(c) (UnsafePointer<CChar>?, Int32) -> UnsafeMutablePointer<CChar>? = { _, _ in
  guard CompletionState.cursor < CompletionState.candidates.count else { return nil }
  defer { CompletionState.cursor += 1 }
  return strdup(CompletionState.candidates[CompletionState.cursor])
}

/// readline's C callbacks cannot capture context; these are touched only on readline's thread.
enum CompletionState {
  nonisolated(unsafe) static var candidates: [String] = []
  nonisolated(unsafe) static var cursor = 0
}

/// Offers completions for the word being typed, given the text before it.
protocol Completer {
  func complete(word: String, before: String) -> [String]
}
