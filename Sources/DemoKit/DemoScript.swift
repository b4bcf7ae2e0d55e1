import Migrations

/// The demo's SQL as psql runs it: each `\ir FILE` line replaced by that file (found relative to
/// the file that includes it), then split into statements, which run one at a time.
public enum DemoScript {
  /// A file the script names is not among the embedded ones, or a psql command other than `\ir`.
  public struct Problem: Error, Equatable, CustomStringConvertible {
    public var description: String
  }

  /// The statements of `path` with its includes expanded, in order.
  public static func statements(of path: String, files: [String: String]) throws(Problem) -> [String] {
    SQLSplitter.split(try expand(path, files: files, depth: 0)).map(\.text)
  }

  static func expand(_ path: String, files: [String: String], depth: Int) throws(Problem) -> String {
    guard depth < 16 else { throw Problem(description: "\(path): includes nest more than 16 deep") }
    guard let text = files[path] else { throw Problem(description: "\(path): not among the demo's files") }
    var lines: [Substring] = []
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      let trimmed = line.drop { $0 == " " || $0 == "\t" }
      guard trimmed.hasPrefix("\\") else {
        lines.append(line)
        continue
      }
      let words = trimmed.split(separator: " ", omittingEmptySubsequences: true)
      guard words.count == 2, words[0] == "\\ir" || words[0] == "\\include_relative" else {
        throw Problem(description: "\(path): only \\ir is supported, not \(trimmed)")
      }
      let included = resolve(String(words[1]), against: path)
      lines.append(Substring(try expand(included, files: files, depth: depth + 1)))
    }
    return lines.joined(separator: "\n")
  }

  /// `relative` from the folder of `including`, with `.` and `..` folded away.
  static func resolve(_ relative: String, against including: String) -> String {
    var parts = including.split(separator: "/").dropLast().map(String.init)
    for part in relative.split(separator: "/") {
      switch part {
      case ".": continue
      case "..": if !parts.isEmpty { parts.removeLast() }
      default: parts.append(String(part))
      }
    }
    return parts.joined(separator: "/")
  }
}
