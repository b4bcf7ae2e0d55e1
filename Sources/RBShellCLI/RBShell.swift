import ArgumentParser
import Foundation

/// The root command. Subcommands live in `Commands/`, one file each.
public struct RBShell: ParsableCommand {
  public static let configuration = CommandConfiguration(
    commandName: "rbshell",
    abstract: "Troubleshoot and repair dirty PostgreSQL migration ledgers (Sourcegraph's migrator model).",
    discussion: """
      Exit codes: 0 ok · 1 operation failed · 2 cannot connect · 3 script stopped · \
      4 repair needed · 5 busy · 64 bad usage · 65 bad input data. See docs/exit-codes.md.
      """,
    subcommands: [
      Status.self, Diagnose.self, Leaves.self, ValidateDefinitions.self, Graph.self,
      DownTo.self, UpTo.self, Up.self, Undo.self, AddLog.self, Rollback.self, Repair.self, Rehearse.self, Audit.self,
      Ledgers.self, Drift.self, Shell.self, Demo.self,
    ])

  public init() {}

  /// Entry point: accepts the migrator's single-dash spellings (`-db=frontend`) as well.
  /// Errors are printed through `Terminal`, so a usage error quoting an argument that holds a
  /// DSN (`Unexpected argument 'postgres://u:…@h/db'`) never shows its password.
  public static func mainWithMigratorSpellings() {
    // Not ArgumentParser's `version:`: that adds a `--version` flag to every subcommand's help,
    // where `--version` names a migration or a release.
    let arguments = Array(CommandLine.arguments.dropFirst())
    if arguments == ["--version"] {
      print(Version.description)
      return
    }
    // The overview straight from the help generator: parsing first would reflect over the
    // completion-script options, a third of `rbshell --help`'s start-up.
    if arguments == ["--help"] || arguments == ["-h"] || arguments == ["help"] {
      print(helpMessage(columns: nil))
      return
    }
    do {
      var command = try parseAsRoot(try routed(ArgumentNormalizer.normalize(Array(CommandLine.arguments.dropFirst()))))
      // The demo owns its signals (it waits for them while its shell runs, see `Demo`); every
      // other command has them go through `Interrupts`.
      if !(command is Demo) { Interrupts.install() }
      try command.run()
    } catch {
      let code = exitCode(for: error)
      let message = fullMessage(for: error)
      if code == .success {
        if !message.isEmpty { print(message) }
      } else if !message.isEmpty {
        Terminal.writeStderr(message + "\n")
      }
      Terminal.flushStdout()
      Foundation.exit(code.rawValue)
    }
  }

  /// The names of rbshell's commands (`status`, `repair`, …), as the parser knows them.
  static let commandNames = configuration.subcommands.map { $0._commandName }

  /// Arguments that start with an option (`rbshell`, `rbshell -c status`, `rbshell --dsn …`) go
  /// to the shell; a word that names no command is a usage error of rbshell itself.
  static func routed(_ arguments: [String]) throws -> [String] {
    guard let first = arguments.first else { return ["shell"] }
    if commandNames.contains(first) || ["-h", "--help", "help", "--generate-completion-script", "--experimental-dump-help"].contains(first) {
      return arguments
    }
    guard first.hasPrefix("-") else { throw ValidationError("unknown command '\(first)' (rbshell --help lists the commands)") }
    return ["shell"] + arguments
  }
}
