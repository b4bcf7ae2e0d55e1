import PostgresClient

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Where output goes: data on stdout, diagnostics on stderr.
enum Terminal {
  static func error(_ message: String) { writeStderr("rbshell: error: \(message)\n") }
  static func warning(_ message: String) { writeStderr("rbshell: warning: \(message)\n") }

  /// Diagnostics pass through `Redaction`: a message quoting a DSN never shows its password.
  static func writeStderr(_ text: String) {
    fflush(nil)  // what was printed before comes first
    var text = Redaction.masked(text)
    text.withUTF8 { buffer in
      var offset = 0
      while offset < buffer.count {
        let written = write(2, buffer.baseAddress! + offset, buffer.count - offset)
        if written <= 0 { return }
        offset += written
      }
    }
  }

  /// A line for the operator about a write: on stdout, unless `--json` keeps stdout for the one
  /// JSON document, in which case it goes to stderr with the progress.
  static func say(_ line: String, json: Bool) {
    if json { writeStderr(line + "\n") } else { print(line) }
  }

  /// Pushes buffered stdout out before progress goes to stderr, so the two read in order.
  static func flushStdout() { fflush(nil) }
}
