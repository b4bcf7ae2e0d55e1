#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// With `RBSHELL_LOG_SQL=FILE`, every statement rbshell sends is appended to FILE as runnable
/// SQL (parameters inlined as literals, password literals masked): operators can see exactly
/// what ran, and benchmarks replay the same statements through psql as their baseline.
enum StatementLog {
  nonisolated(unsafe) private static let file: UnsafeMutablePointer<FILE>? = {
    guard let path = getenv("RBSHELL_LOG_SQL").map({ String(cString: $0) }), !path.isEmpty else { return nil }
    return fopen(path, "a")
  }()

  static func record(_ sql: String, _ parameters: [String?] = []) {
    guard let file else { return }
    var text = sql
    for (index, value) in parameters.enumerated().reversed() {
      text = text.replacing("$\(index + 1)", with: value.map(Quoting.literal) ?? "NULL")
    }
    text = PasswordLiterals.mask(text)
    let line = text.hasSuffix(";") ? text + "\n" : text + ";\n"
    fputs(line, file)
    fflush(file)
  }
}
