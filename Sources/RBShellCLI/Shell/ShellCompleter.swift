import Foundation
import Migrations
import MigrationSources

/// TAB completion: commands, flags, schema names, migration ids (with names) from the
/// definitions, git tags and branches after `--rev`, releases after `--version`, paths after
/// `--migrations`.
final class ShellCompleter: Completer {
  private let migrations: () -> String?
  private var graphs: [Schema: MigrationGraph] = [:]

  init(migrations: @escaping () -> String?) { self.migrations = migrations }

  static let commands: [String] = RBShell.configuration.subcommands.map { $0._commandName }
    + ["help", "use", "connect", "show", "log", "\\set", "\\timing", "\\unlock", "\\lock", "\\sql", "\\g", "\\r", "\\q", "\\?"]
    + RBShell.Repair.names

  static let flags = [
    "--db", "--dsn", "--migrations", "--rev", "--version", "--target", "--json", "--verbose", "--dry-run", "--yes",
    "--lock-timeout", "--include-side-branches", "--privileged", "--exact", "--single-transaction", "--force", "--index", "--retry",
  ]

  func complete(word: String, before: String) -> [String] {
    let previous = before.split(whereSeparator: \.isWhitespace).last.map(String.init) ?? ""
    let isFirst = before.allSatisfy(\.isWhitespace)
    let candidates: [String]
    switch previous {
    case _ where isFirst: candidates = Self.commands
    case "--db", "--schema", "use": candidates = Schema.allCases.map(\.rawValue)
    case "--version" where word.hasPrefix("v"), "--to" where word.hasPrefix("v"): candidates = releases()
    case "--target", "--version", "show": candidates = migrationIDs()
    case "--rev", "--to": candidates = gitRefs()
    case "--migrations": candidates = paths(word)
    default: candidates = word.hasPrefix("-") ? Self.flags : Self.commands.filter { !$0.hasPrefix("\\") }
    }
    return candidates.filter { $0.hasPrefix(word) }.sorted()
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
