import ASCIIText

/// SQL rbshell will not run, found when the definitions load (exit 65, nothing written): text
/// whose statements cannot be known for certain the way the server and psql would read them,
/// or that would wait for data no migration can give.
public enum SQLFileCheck {
  /// One sentence per problem, naming the file and line.
  public static func problems(in sql: String, file: String) -> [String] {
    var found: [String] = []
    if let nul = sql.utf8.firstIndex(of: 0) {
      let line = sql.utf8[..<nul].reduce(1) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 }
      found.append(
        "'\(file)' line \(line) contains a NUL byte: PostgreSQL cannot receive it and psql drops it, so what would run is not what the file says; remove it")
    }
    if sql.utf8.starts(with: byteOrderMark) {
      found.append(
        "'\(file)' starts with a UTF-8 byte-order mark: the server reads it as part of the first word and rejects the file (psql strips it, the migrator does not); remove it"
      )
    }
    let (statements, open) = SQLSplitter.scan(sql)
    if let open {
      found.append("'\(file)' ends inside \(open.what) opened at line \(open.line): PostgreSQL rejects the file; close it")
    }
    for statement in statements where needsClientData(statement.text) {
      found.append(
        "'\(file)' line \(statement.line): COPY … FROM STDIN / TO STDOUT exchanges data with the client, which a migration cannot do; use INSERT or COPY with a server file"
      )
    }
    for statement in statements where changesStringRule(statement.text) {
      found.append(
        "'\(file)' line \(statement.line) changes standard_conforming_strings: the server reads the whole file with the setting it had before, psql reads the rest with the new one, so where a string ends is not certain; change the setting outside the migration"
      )
    }
    return found
  }

  /// `COPY … FROM STDIN` or `COPY … TO STDOUT`.
  static func needsClientData(_ statement: String) -> Bool {
    guard statement.utf8.count >= 4, statement.utf8.prefix(4).map({ $0 | 0x20 }) == Array("copy".utf8) else { return false }
    return statement.firstMatch(of: clientData) != nil
  }

  private static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

  /// `SET`/`RESET standard_conforming_strings`, or `set_config('standard_conforming_strings', …)`:
  /// a change of how backslashes in strings read, in the middle of the file.
  static func changesStringRule(_ statement: String) -> Bool {
    guard statement.containsASCII("standard_conforming_strings", ignoringCase: true) else { return false }
    var lexer = SQLLexer(statement)
    var first: String?
    var namesSetting = false
    var callsSetConfig = false
    while let token = lexer.next() {
      guard !token.isTrivia else { continue }
      let word = token.kind == .word ? lexer.foldedWord(token) : nil
      if first == nil { first = word ?? "" }
      if word == "set_config" { callsSetConfig = true }
      let named = word ?? (token.kind == .string || token.kind == .quotedIdentifier ? lexer.value(of: token).lowercased() : "")
      if named == "standard_conforming_strings" { namesSetting = true }
    }
    return namesSetting && (first == "set" || first == "reset" || callsSetConfig)
  }

  nonisolated(unsafe) private static let clientData = #/\b(FROM\s+STDIN|TO\s+STDOUT)\b/#.ignoresCase()
}
