import Migrations

/// SQL typed over several lines, collected as psql collects it: sent once a `;` ends a
/// statement outside quotes, dollar quotes and comments.
struct SQLBuffer {
  private(set) var text = ""

  var isEmpty: Bool { text.isEmpty }

  /// Whether what was typed so far ends a statement.
  var isComplete: Bool { SQLSplitter.isTerminated(text) }

  mutating func append(_ line: String) {
    text = text.isEmpty ? line : text + "\n" + line
  }

  /// The collected SQL, leaving the buffer empty.
  mutating func take() -> String {
    defer { text = "" }
    return text
  }

  mutating func reset() { text = "" }
}
