import ArgumentParser
import Foundation

/// A command's options and subcommands as its parser declares them (ArgumentParser's
/// `--experimental-dump-help`), so completion offers exactly what the command accepts.
struct CommandOptions {
  struct Option {
    /// `--db`, `--schema`, `-d`.
    var names: [String]
    /// An option takes a value; a flag does not.
    var takesValue: Bool
    var abstract: String
  }

  var options: [Option]
  var subcommands: [String]

  /// The command at `path` (`["repair", "retry"]`), or nil when the path names none.
  static func of(_ path: [String]) -> CommandOptions? {
    let message: String
    do {
      _ = try RBShell.parseAsRoot(path + ["--experimental-dump-help"])
      return nil
    } catch {
      message = RBShell.fullMessage(for: error)
    }
    guard let json = try? JSONSerialization.jsonObject(with: Data(message.utf8)) as? [String: Any],
      let command = json["command"] as? [String: Any],
      (command["commandName"] as? String) == (path.last ?? "rbshell")
    else { return nil }
    let arguments = command["arguments"] as? [[String: Any]] ?? []
    let options = arguments.compactMap { argument -> Option? in
      guard let kind = argument["kind"] as? String, kind != "positional" else { return nil }
      let names = (argument["names"] as? [[String: Any]] ?? []).compactMap { name -> String? in
        guard let text = name["name"] as? String else { return nil }
        return (name["kind"] as? String == "short" ? "-" : "--") + text
      }
      return Option(names: names, takesValue: kind == "option", abstract: argument["abstract"] as? String ?? "")
    }
    let subcommands = (command["subcommands"] as? [[String: Any]] ?? []).compactMap { $0["commandName"] as? String }.filter { $0 != "help" }
    return CommandOptions(options: options, subcommands: subcommands)
  }

  /// Every spelling of every option and flag, long ones only (`-d` is `--dsn`).
  var flags: [String] { options.flatMap(\.names).filter { $0.hasPrefix("--") && $0 != "--help" } }

  func option(named name: String) -> Option? { options.first { $0.names.contains(name) } }
}
