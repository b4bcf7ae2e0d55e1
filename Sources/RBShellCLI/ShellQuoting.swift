/// Quotes words for a POSIX shell, so suggested commands can be pasted as they are.
enum ShellQuoting {
  static func quote(_ word: String) -> String {
    let safe = word.allSatisfy { $0.isLetter || $0.isNumber || "-_./=:,@%+".contains($0) }
    return safe && !word.isEmpty ? word : "'" + word.replacing("'", with: #"'\''"#) + "'"
  }
}
