import Foundation
import MigrationSources
import Migrations
import RBShellCore

/// TAB completion, per command from its parser (`CommandOptions`): a command's own flags, the
/// subcommands of `repair`, schema names after `--db` (with `all` where the command takes it),
/// migration ids (with names) from the definitions, git tags and branches after `--rev`,
/// releases after `--version v…`/`--release`, paths after `--migrations`. A leading `rbshell` (a
/// pasted suggestion) is skipped.
final class ShellCompleter: Completer {
  private let migrations: () -> String?
  private var graphs: [Schema: MigrationGraph] = [:]
  private var commandOptions: [[String]: CommandOptions] = [:]

  init(migrations: @escaping () -> String?) { self.migrations = migrations }

  static let shellCommands = [
    "help", "use", "connect", "show", "log", "version", "\\set", "\\timing", "\\unlock", "\\lock", "\\sql", "\\g", "\\r", "\\q", "\\?",
  ]
  static let commands: [String] = RBShell.commandNames + shellCommands

  func complete(word: String, before: String) -> [String] {
    var words = before.split(whereSeparator: \.isWhitespace).map(String.init)
    if words.first == "rbshell" { words.removeFirst() }
    return candidates(word: word, words: words).filter { $0.hasPrefix(word) }.sorted()
  }

  private func candidates(word: String, words: [String]) -> [String] {
    guard let first = words.first else { return Self.commands }
    let previous = words.last ?? ""
    switch first {
    case "use": return words.count == 1 ? Schema.allCases.map(\.rawValue) : []
    case "show": return words.count == 1 ? migrationIDs() : []
    case "help": return words.count == 1 ? Self.commands + RBShell.Repair.names : []
    default: break
    }
    // The command path: `repair retry`, `status`; what follows is its options.
    var path = [first]
    if let group = options(path), !group.subcommands.isEmpty {
      guard words.count > 1 else { return group.subcommands }
      path.append(words[1])
    }
    guard let command = options(path) else { return [] }
    if let option = command.option(named: previous), option.takesValue, !(previous == "--version" && word.hasPrefix("-")) {
      return values(for: previous, option: option, word: word)
    }
    return word.hasPrefix("-") || word.isEmpty ? command.flags : []
  }

  private func options(_ path: [String]) -> CommandOptions? {
    if let known = commandOptions[path] { return known }
    let found = CommandOptions.of(path)
    commandOptions[path] = found
    return found
  }

  /// The values an option takes.
  private func values(for name: String, option: CommandOptions.Option, word: String) -> [String] {
    switch name {
    case "--db", "--schema":
      let schemas = Schema.allCases.map(\.rawValue)
      return option.abstract.contains("or all") ? schemas + ["all"] : schemas
    case "--release": return releases()
    case "--version": return word.hasPrefix("v") ? releases() : migrationIDs()
    case "--to": return word.hasPrefix("v") ? releases() : gitRefs()
    case "--target", "--id": return migrationIDs()
    case "--rev": return gitRefs()
    case "--migrations": return paths(word)
    case "--privileged": return PrivilegedMode.allCases.map(\.rawValue)
    default: return []
    }
  }

  private func migrationIDs() -> [String] {
    guard let catalog = try? DefinitionCatalog.open(path: migrations() ?? "migrations", revision: nil, version: nil) else { return [] }
    return Schema.allCases.flatMap { schema -> [String] in
      if graphs[schema] == nil { graphs[schema] = try? catalog.graph(for: schema, hint: schema) }
      return graphs[schema]?.ids.map(String.init) ?? []
    }
  }

  /// Release tags of a stitched graph given as --migrations.
  private func releases() -> [String] {
    guard let path = migrations(), path.hasSuffix(".json"),
      let catalog = try? DefinitionCatalog.open(path: path, revision: nil, version: nil)
    else { return [] }
    return Array(Set(Schema.allCases.flatMap { catalog.releases(of: $0) }))
  }

  private func gitRefs() -> [String] {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["git", "-C", migrations() ?? ".", "for-each-ref", "--format=%(refname:short)", "refs/tags", "refs/heads"]
    let out = Pipe()
    process.standardOutput = out
    process.standardError = FileHandle.nullDevice
    guard (try? process.run()) != nil else { return [] }
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
  }

  private func paths(_ word: String) -> [String] {
    let directory = word.contains("/") ? String(word[..<word.lastIndex(of: "/")!]) + "/" : ""
    let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.isEmpty ? "." : directory)) ?? []
    return names.map { directory + $0 }
  }
}
