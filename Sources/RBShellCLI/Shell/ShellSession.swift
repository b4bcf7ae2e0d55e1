import ArgumentParser
import Foundation
import Migrations
import PostgresClient
import RBShellCore
import RBShellPostgres

/// The incident shell: reads lines, runs rbshell commands with the same parser as the command
/// line, shell commands (`use`, `show`, `log`, `\set` …) and read-only SQL; keeps the prompt's
/// state fresh. Errors end the command, not the session (unless ON_ERROR_STOP in a script).
final class ShellSession {
  var schema: Schema
  /// A schema was chosen (`--db`, `use`): status and diagnose look at it alone; otherwise they
  /// cover every schema, so no dirty schema goes unseen.
  var schemaChosen: Bool
  var dsn: String?
  var migrations: String?
  var settings: ShellSettings
  var unlocked = false
  let reader: LineReader
  /// How scripts name their lines in errors (`FILE`, `-c`); nil when interactive.
  let scriptName: String?
  private var sqlConnection: Connection?
  /// SQL typed so far that no `;` has ended yet.
  private var sqlBuffer = SQLBuffer()
  private var promptState = ""
  /// The last command's exit status: what `rbshell -c …` exits with.
  private(set) var lastStatus = ExitStatus.ok

  init(reader: LineReader, schema: Schema, schemaChosen: Bool = true, dsn: String?, migrations: String?, scriptName: String?) {
    self.reader = reader
    self.schema = schema
    self.schemaChosen = schemaChosen
    self.dsn = dsn
    self.migrations = migrations
    self.scriptName = scriptName
    self.settings = ShellSettings(onErrorStop: scriptName != nil)
  }

  /// Runs until `\q`, end of input, or (scripts with ON_ERROR_STOP) the first failure.
  func run() -> ExitStatus {
    Confirmation.reader = reader
    defer { Confirmation.reader = nil }
    // A person at the prompt: Ctrl-C never ends the session, only a line or a statement.
    if reader.isInteractive { Interrupts.shared.routeToPrompt() }
    if reader.isInteractive { refreshPrompt() }
    // bench/shell measures start-up to the first prompt with this (nothing else uses it).
    if ProcessInfo.processInfo.environment["RBSHELL_EXIT_AT_FIRST_PROMPT"] == "1" {
      print(prompt)
      return .ok
    }
    while true {
      let input = reader.read(prompt: sqlBuffer.isEmpty ? prompt : continuationPrompt)
      switch input {
      case .end:
        // A script's last statement may lack its `;` (psql sends it too); a person's Ctrl-D quits.
        if scriptName != nil, !sqlBuffer.isEmpty, let stop = perform(.sql(sqlBuffer.take())) { return stop }
        return scriptName == "-c" ? lastStatus : .ok
      case .interrupt:
        sqlBuffer.reset()
      case .line(let raw):
        guard let request = collect(raw) else { continue }
        if let stop = perform(request) { return stop }
      }
    }
  }

  /// What one typed line asks for once it is complete.
  enum Request: Equatable {
    case command(String)
    case sql(String)
  }

  /// Sorts a line: SQL goes to the buffer until a `;` ends it (a `-c` or a `\sql` line is whole
  /// by itself); backslash commands run even while SQL is collected (`\r` empties the buffer,
  /// `\g` sends it); anything else is a command. Nil while there is nothing to run yet.
  private func collect(_ raw: String) -> Request? {
    let line = raw.trimmingCharacters(in: .whitespaces)
    if sqlBuffer.isEmpty, line.isEmpty || line.hasPrefix("#") || line.hasPrefix("--") { return nil }
    switch line {
    case "\\r":
      sqlBuffer.reset()
      return nil
    case "\\g":
      guard !sqlBuffer.isEmpty else { return nil }
      let sql = sqlBuffer.take()
      return remembered(.sql(sql), as: sql)
    default: break
    }
    if sqlBuffer.isEmpty, line.hasPrefix("\\sql ") { return remembered(.sql(SQLLine.strip(line)), as: raw) }
    if line.hasPrefix("\\") { return remembered(.command(line), as: raw) }
    guard !sqlBuffer.isEmpty || SQLLine.isSQL(line) else { return remembered(.command(line), as: raw) }
    sqlBuffer.append(sqlBuffer.isEmpty ? line : raw)
    guard sqlBuffer.isComplete || scriptName == "-c" else { return nil }
    let sql = sqlBuffer.take()
    return remembered(.sql(sql), as: sql)
  }

  /// Keeps what a person typed in the history — a multi-line statement as one entry, so Up
  /// recalls it whole — with every credential masked (`Redaction`); a line that cannot be made
  /// safe is not kept.
  private func remembered(_ request: Request, as typed: String) -> Request {
    if reader.isInteractive, let safe = Redaction.redact(typed) { reader.remember(safe) }
    return request
  }

  /// Runs one request; returns the session's exit status when it must end here.
  private func perform(_ request: Request) -> ExitStatus? {
    let started = Date()
    let timed = settings.timing  // `\timing` itself is not timed, either way it toggles
    let outcome: Outcome
    switch request {
    case .command(let line): outcome = execute(line)
    case .sql(let sql): outcome = runSQL(sql)
    }
    switch outcome {
    case .failed(let status), .reported(let status): lastStatus = status
    default: lastStatus = .ok
    }
    if timed, settings.timing { print(String(format: "Time: %.3f ms", Date().timeIntervalSince(started) * 1000)) }
    switch outcome {
    case .quit: return .ok
    case .ok, .reported: break
    case .failed(let status):
      if let scriptName, settings.onErrorStop {
        if scriptName == "-c" { return status }
        Terminal.writeStderr("\(scriptName):\(lineNumber): error: command failed (exit \(status.rawValue)); stopping (ON_ERROR_STOP)\n")
        return .scriptStopped
      }
    }
    if reader.isInteractive { refreshPrompt() }
    return nil
  }

  private var lineNumber: Int { (reader as? ScriptLineReader)?.lineNumber ?? 0 }

  var prompt: String {
    reader.isInteractive ? "rbshell \(schema)@\(databaseName)\(promptState)> " : ""
  }

  /// psql's `->`: the SQL typed so far goes on.
  var continuationPrompt: String {
    reader.isInteractive ? "rbshell \(schema)@\(databaseName)\(promptState)-> " : ""
  }

  private var databaseName: String {
    if let dsn, let name = ConnectionString.value(of: "dbname", in: dsn) { return name }
    return ProcessInfo.processInfo.environment["PGDATABASE"] ?? "postgres"
  }

  /// The current schema's ` [CLEAN]`, ` [NO LEDGER]` or ` [?]` (cannot be read), or every dirty
  /// schema of the database: ` [DIRTY: frontend, codeintel]`.
  func refreshPrompt() {
    let router = ConnectionRouter(dsn: dsn, environment: ProcessInfo.processInfo.environment, options: ConnectOptions(readOnly: true, connectTimeoutSeconds: 3))
    guard let report = try? StatusService(router: router).report(for: Schema.allCases),
      let current = report.schemas.first(where: { $0.status.schema == schema })?.status
    else {
      promptState = " [?]"
      return
    }
    let dirty = report.schemas.filter { $0.status.health == .dirty }.map(\.status.schema.rawValue)
    if !dirty.isEmpty {
      promptState = " [DIRTY: \(dirty.joined(separator: ", "))]"
      return
    }
    promptState = current.health == .noLedger ? " [NO LEDGER]" : " [\(current.health.rawValue.uppercased())]"
  }

  enum Outcome: Equatable {
    case ok
    /// A read command's result code (4 needs repair, 5 busy): not an error for scripts.
    case reported(ExitStatus)
    case failed(ExitStatus)
    case quit
  }

  /// One line: a shell command or an rbshell command.
  func execute(_ line: String) -> Outcome {
    let words: [String]
    do {
      words = try ShellWords.split(line)
    } catch {
      Terminal.error("\(error)")
      return .failed(.usage)
    }
    // A suggestion pasted from diagnose starts with `rbshell`.
    let command = words.first == "rbshell" ? Array(words.dropFirst()) : words
    if let outcome = ShellCommands.run(command, in: self) { return outcome }
    if let name = command.first, !name.hasPrefix("-"), !RBShell.commandNames.contains(name) {
      Terminal.error(
        "no command \"\(name)\"" + (reader.isInteractive ? ": help lists the commands (a SQL statement starts with its keyword and ends with ;)" : ""))
      return .failed(.usage)
    }
    return AuditLog.$typedCommand.withValue(line) { runCommand(command) }
  }

  /// An rbshell command through the same parser as the command line, with the session's
  /// schema, connection and definitions filled in where the command takes them and the line
  /// does not say.
  func runCommand(_ words: [String]) -> Outcome {
    let normalized = ArgumentNormalizer.normalize(words)
    var extra = defaults(for: normalized)
    while true {
      do {
        var command = try RBShell.parseAsRoot(normalized + extra.flatMap { $0 })
        try command.run()
        return .ok
      } catch let code as ExitCode {
        let status = ExitStatus(rawValue: code.rawValue) ?? .failed
        // status and diagnose report "needs repair" or "busy" as results, not as failures.
        if ["status", "diagnose"].contains(normalized.first), status == .needsRepair || status == .busy {
          lastStatus = status
          return .reported(status)
        }
        return code.rawValue == 0 ? .ok : .failed(status)
      } catch {
        // A default the command does not take (`--migrations` for status): drop it and parse again.
        let message = RBShell.message(for: error)
        if let index = extra.firstIndex(where: { message.contains("Unknown option '\($0[0])'") }) {
          extra.remove(at: index)
          continue
        }
        let code = RBShell.exitCode(for: error)
        if code == .success { print(RBShell.fullMessage(for: error)) } else { Terminal.writeStderr(RBShell.fullMessage(for: error) + "\n") }
        return code == .success ? .ok : .failed(ExitStatus(rawValue: code.rawValue) ?? .usage)
      }
    }
  }

  /// The session's defaults the line does not give, each as its own option (name first).
  private func defaults(for words: [String]) -> [[String]] {
    var extra: [[String]] = []
    func has(_ names: String...) -> Bool { words.contains { w in names.contains { w == $0 || w.hasPrefix($0 + "=") } } }
    let coversAll = ["status", "diagnose"].contains(words.first) && !schemaChosen
    if !has("--db", "--schema"), !coversAll { extra.append(["--db", schema.rawValue]) }
    if let dsn, !has("--dsn", "-d") { extra.append(["--dsn", dsn]) }
    if let migrations, !has("--migrations") { extra.append(["--migrations", migrations]) }
    if settings.format == .json, !has("--json") { extra.append(["--json"]) }
    if settings.verbose, !has("--verbose") { extra.append(["--verbose"]) }
    return extra
  }

  /// SQL: read-only unless `\unlock`; then anything but a query asks first.
  func runSQL(_ sql: String) -> Outcome {
    do {
      let connection = try sqlSession()
      if unlocked, !SQLLine.isReadOnly(sql) {
        guard reader.isInteractive || scriptName == nil else {
          Terminal.error("a writing statement needs confirmation, which a script cannot give; nothing was run")
          return .failed(.usage)
        }
        guard try Confirmation.ask(yes: false, prompt: "This statement writes. Proceed? [y/N] ") == .proceed else {
          print("Not confirmed: nothing was run.")
          return .ok
        }
      }
      let interrupt = InterruptHandler(cancelling: connection.makeCanceller())
      defer { withExtendedLifetime(interrupt) {} }
      let results = unlocked ? try connection.execute(sql) : try LockedSQL(connection: connection).run(sql)
      for notice in connection.takeNotices() { Terminal.writeStderr("\(notice)\n") }
      for result in results { print(SQLTable.render(result), terminator: "") }
      return .ok
    } catch let code as ExitCode {
      return .failed(ExitStatus(rawValue: code.rawValue) ?? .failed)
    } catch {
      if !(sqlConnection?.isAlive ?? false) { sqlConnection = nil }
      let (message, status) = ErrorReporting.classify(error)
      Terminal.writeStderr((error as? PostgresError)?.description ?? message)
      Terminal.writeStderr("\n")
      return .failed(status)
    }
  }

  private func sqlSession() throws -> Connection {
    if let sqlConnection { return sqlConnection }
    let router = ConnectionRouter(dsn: dsn, environment: ProcessInfo.processInfo.environment, options: ConnectOptions(readOnly: !unlocked))
    let connection = try router.connect([schema])[schema]!
    sqlConnection = connection
    return connection
  }

  /// Forgets the SQL connection (after `connect`, `\unlock`, `use`).
  func resetConnection() { sqlConnection = nil }
}
