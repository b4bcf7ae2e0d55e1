import ArgumentParser
import Foundation
import Migrations

#if canImport(Glibc)
  import Glibc
#endif

extension RBShell {
  /// `rbshell` with no command: the incident shell; `-c` and `-f` run shell commands from
  /// the command line or a file.
  struct Shell: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "shell",
      abstract: "The incident shell (the default): rbshell commands, shell commands and read-only SQL at a prompt.",
      discussion: "Scripted: rbshell -c 'diagnose' -c 'status'  |  rbshell -f repair.rbs  |  ... | rbshell. See docs/shell.md.")

    @Option(name: [.customShort("d"), .long], help: ArgumentHelp("Connection string or URL.", valueName: "dsn")) var dsn: String?
    @Option(help: ArgumentHelp("Migration definitions (default $RBSHELL_MIGRATIONS, else ./migrations).", valueName: "path"))
    var migrations: String?
    @Option(help: ArgumentHelp("The current schema (default frontend; status and diagnose then cover one schema, not all).", valueName: "schema"))
    var db: String?
    @Option(name: .customShort("c"), help: ArgumentHelp("Run this shell command (repeatable) and exit.", valueName: "command"))
    var commands: [String] = []
    @Option(name: .customShort("f"), help: ArgumentHelp("Run shell commands from FILE (- for stdin) and exit.", valueName: "file"))
    var file: String?

    func validate() throws {
      if let db, Schema(name: db) == nil { throw ValidationError("unknown schema \"\(db)\"") }
      if file != nil, !commands.isEmpty { throw ValidationError("give either -c or -f, not both") }
    }

    func run() throws {
      let (reader, name) = try source()
      let session = ShellSession(
        reader: reader, schema: db.flatMap(Schema.init(name:)) ?? .frontend, schemaChosen: db != nil, dsn: dsn,
        migrations: migrations ?? DefinitionSource.environmentPath, scriptName: name)
      if reader.isInteractive { print("rbshell — type help for commands, \\q or Ctrl-D to quit.") }
      let status = session.run()
      if status != .ok { throw status.exitCode }
    }

    /// Where lines come from, and how a script is named in error messages.
    private func source() throws -> (LineReader, String?) {
      if !commands.isEmpty { return (ScriptLineReader(lines: commands), "-c") }
      if let file {
        let text = file == "-" ? String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self) : try read(file)
        return (ScriptLineReader(text: text), file == "-" ? "<stdin>" : file)
      }
      if isatty(0) == 0 {
        return (ScriptLineReader(text: String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)), "<stdin>")
      }
      let history =
        ProcessInfo.processInfo.environment["RBSHELL_HISTORY"]
        ?? FileManager.default.homeDirectoryForCurrentUser.appending(path: ".rbshell_history").path
      let completer = ShellCompleter { [migrations] in migrations ?? DefinitionSource.environmentPath }
      return (ReadlineLineReader(historyPath: history, completer: completer), nil)
    }

    private func read(_ path: String) throws -> String {
      guard let data = FileManager.default.contents(atPath: path) else {
        throw ValidationError("cannot read \(path)")
      }
      return String(decoding: data, as: UTF8.self)
    }
  }
}
