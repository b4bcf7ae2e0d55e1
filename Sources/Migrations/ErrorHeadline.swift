/// The line of a ledger `error_message` that says what went wrong.
///
/// The migrator stores `failed to apply migration N:` followed by the SQL in a fenced block and
/// then the server's error, so the first line alone tells an operator nothing. This picks the
/// server's `ERROR:` line when there is one, else the first non-empty line.
public enum ErrorHeadline {
  public static func of(_ message: String) -> String {
    let lines = message.split(separator: "\n").map { $0.trimmingSpaces() }.filter { !$0.isEmpty }
    let serverLine = lines.last { $0.contains("ERROR:") || $0.contains("FATAL:") }
    guard var line = serverLine ?? lines.first else { return "" }
    for marker in ["ERROR:", "FATAL:"] where serverLine != nil {
      if let range = line.firstRange(of: marker) {
        line = String(line[range.lowerBound...])
        break
      }
    }
    while line.hasPrefix(":") { line = String(line.dropFirst()).trimmingSpaces() }
    return line
  }
}

extension Substring {
  func trimmingSpaces() -> String { String(self).trimmingSpaces() }
}
