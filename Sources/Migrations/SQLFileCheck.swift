/// SQL rbshell will not run, found when the definitions load (exit 65, nothing written): text
/// whose statements cannot be known for certain the way the server and psql would read them,
/// or that would wait for data no migration can give.
public enum SQLFileCheck {
  /// One sentence per problem, naming the file and line.
  public static func problems(in sql: String, file: String) -> [String] {
    var found: [String] = []
    if let nul = sql.utf8.firstIndex(of: 0) {
      let line = sql.utf8[..<nul].reduce(1) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 }
      found.append("'\(file)' line \(line) contains a NUL byte: PostgreSQL cannot receive it and psql drops it, so what would run is not what the file says; remove it")
    }
    let (statements, open) = SQLSplitter.scan(sql)
    if let open {
      found.append("'\(file)' ends inside \(open.what) opened at line \(open.line): PostgreSQL rejects the file; close it")
    }
    for statement in statements where needsClientData(statement.text) {
      found.append("'\(file)' line \(statement.line): COPY … FROM STDIN / TO STDOUT exchanges data with the client, which a migration cannot do; use INSERT or COPY with a server file")
    }
    return found
  }

  /// `COPY … FROM STDIN` or `COPY … TO STDOUT`.
  static func needsClientData(_ statement: String) -> Bool {
    guard statement.utf8.count >= 4, statement.utf8.prefix(4).map({ $0 | 0x20 }) == Array("copy".utf8) else { return false }
    return statement.firstMatch(of: clientData) != nil
  }

  nonisolated(unsafe) private static let clientData = #/\b(FROM\s+STDIN|TO\s+STDOUT)\b/#.ignoresCase()
}
