import ArgumentParser
import Foundation
import MigrationSources
import Migrations
import PostgresClient
import RBShellCore
import RBShellPostgres

/// The shell's own commands; everything else is an rbshell command or SQL.
enum ShellCommands {
  static let summaries: [(String, String)] = [
    ("help [COMMAND], \\?", "list commands, or show one command's help"),
    ("use SCHEMA", "make frontend, codeintel or codeinsights the current schema (the default --db)"),
    ("connect DSN", "switch database (a connection string or postgres:// URL)"),
    ("show ID", "a migration: metadata, up and down SQL with line numbers, its ledger rows, its verdict"),
    ("log [N]", "the newest N ledger rows of the current schema (default 10)"),
    ("\\set [NAME VALUE]", "show or change ON_ERROR_STOP, VERBOSE, FORMAT (human|json)"),
    ("\\timing", "toggle timing of each command"),
    ("\\unlock, \\lock", "allow SQL that writes (each such statement asks first), or forbid it again"),
    ("\\sql STATEMENT", "run one SQL statement at once; read-only unless \\unlock"),
    ("SQL …;", "a line starting with a SQL keyword collects SQL until a ; ends it, as in psql"),
    ("\\g, \\r", "send the SQL collected so far without a ;, or forget it (Ctrl-C too)"),
    ("version", "rbshell's version and the git revision it was built from"),
    ("\\q", "quit (Ctrl-D too)"),
  ]

  /// Runs a shell command, or returns nil when the words are not one.
  static func run(_ words: [String], in session: ShellSession) -> ShellSession.Outcome? {
    guard let name = words.first else { return .ok }
    let arguments = Array(words.dropFirst())
    switch name {
    case "\\q", "quit", "exit": return .quit
    case "help", "\\?", "\\h": return help(arguments)
    case "use": return use(arguments, session)
    case "connect", "\\c":
      guard arguments.count == 1 else { return usage("connect DSN") }
      session.dsn = arguments[0]
      session.resetConnection()
      print("Connected to \(Redaction.redactOrWithhold(arguments[0])) (checked at the next command).")
      return .ok
    case "show": return ShowMigration.run(arguments, session)
    case "version":
      print(Version.description)
      return .ok
    case "log": return LedgerLog.run(arguments, session)
    case "\\set": return set(arguments, session)
    case "\\timing":
      session.settings.timing.toggle()
      print("Timing is \(session.settings.timing ? "on" : "off").")
      return .ok
    case "\\unlock", "\\lock":
      session.unlocked = name == "\\unlock"
      session.resetConnection()
      print(session.unlocked ? "SQL may write now; each writing statement asks first. \\lock to go back." : "SQL is read-only.")
      return .ok
    default:
      if name.hasPrefix("\\") {
        Terminal.error("invalid command \(name)" + (session.reader.isInteractive ? ". Try \\? for help." : ""))
        return .failed(.usage)
      }
      return nil
    }
  }

  static func usage(_ syntax: String) -> ShellSession.Outcome {
    Terminal.error("usage: \(syntax)")
    return .failed(.usage)
  }

  private static func help(_ arguments: [String]) -> ShellSession.Outcome {
    if let command = arguments.first {
      if let (syntax, summary) = summaries.first(where: { $0.0.split(whereSeparator: { " ,".contains($0) }).contains { $0 == command } }) {
        print("\(syntax) — \(summary)")
        return .ok
      }
      // `help clear-dirty` means `help repair clear-dirty`.
      let path = RBShell.Repair.names.contains(command) ? ["repair"] + arguments : arguments
      guard let type = commandType(path) else {
        Terminal.error("no rbshell command \"\(arguments.joined(separator: " "))\" (help lists them)")
        return .failed(.usage)
      }
      print(RBShell.helpMessage(for: type))
      return .ok
    }
    print("Shell commands:")
    for (syntax, summary) in summaries { print("  \(syntax.padding(toLength: 22, withPad: " ", startingAt: 0)) \(summary)") }
    print("\nrbshell commands (same syntax as on the command line; --db, --dsn and --migrations default to the session's):")
    for command in RBShell.configuration.subcommands {
      print("  \(command._commandName.padding(toLength: 22, withPad: " ", startingAt: 0)) \(command.configuration.abstract)")
    }
    return .ok
  }

  /// The command a path of names leads to (`["repair", "retry"]`), or nil.
  private static func commandType(_ path: [String]) -> ParsableCommand.Type? {
    var current: ParsableCommand.Type = RBShell.self
    for name in path {
      guard let next = current.configuration.subcommands.first(where: { $0._commandName == name }) else { return nil }
      current = next
    }
    return current
  }

  private static func use(_ arguments: [String], _ session: ShellSession) -> ShellSession.Outcome {
    guard arguments.count == 1, let schema = Schema(name: arguments[0]) else {
      return usage("use frontend|codeintel|codeinsights")
    }
    session.schema = schema
    session.schemaChosen = true
    session.resetConnection()
    return .ok
  }

  private static func set(_ arguments: [String], _ session: ShellSession) -> ShellSession.Outcome {
    if arguments.isEmpty {
      session.settings.listing.forEach { print($0) }
      return .ok
    }
    guard arguments.count == 2 else { return usage("\\set NAME VALUE") }
    do {
      try session.settings.set(arguments[0], to: arguments[1])
      return .ok
    } catch {
      Terminal.error("\(error)")
      return .failed(.usage)
    }
  }
}
