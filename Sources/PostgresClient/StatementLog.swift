#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// With `RBSHELL_LOG_SQL=FILE`, every statement rbshell sends is appended to FILE (created 0600)
/// as runnable SQL (parameters inlined as literals, credentials masked by `Redaction`; a
/// statement it cannot make safe is withheld): operators can see exactly what ran, and
/// benchmarks replay the same statements through psql as their baseline.
enum StatementLog {
  nonisolated(unsafe) private static let file: UnsafeMutablePointer<FILE>? = {
    guard let path = getenv("RBSHELL_LOG_SQL").map({ String(cString: $0) }), !path.isEmpty else { return nil }
    guard let fd = PrivateFile.openForAppending(path) else { return nil }
    return fdopen(fd, "a")
  }()

  /// A multi-statement script sent as one query is framed by `-- one query:` and `-- end of
  /// query`, so a replay can send it the same way (bench/downto does).
  static func recordScript(_ script: String) {
    guard let file else { return }
    fputs("-- one query:\n", file)
    record(script)
    fputs("-- end of query\n", file)
    fflush(file)
  }

  static func record(_ sql: String, _ parameters: [String?] = []) {
    guard let file else { return }
    var text = sql
    for (index, value) in parameters.enumerated().reversed() {
      text = text.replacing("$\(index + 1)", with: value.map(Quoting.literal) ?? "NULL")
    }
    guard let safe = Redaction.redact(text) else {
      fputs("-- statement withheld: it may carry a password rbshell could not mask\n", file)
      fflush(file)
      return
    }
    let line = safe.hasSuffix(";") ? safe + "\n" : safe + ";\n"
    fputs(line, file)
    fflush(file)
  }
}
