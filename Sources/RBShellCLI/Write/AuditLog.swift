import Foundation
import Migrations
import PostgresClient
import RBShellCore

/// One JSON line per write, appended to `$RBSHELL_AUDIT_LOG` (default
/// `$XDG_STATE_HOME/rbshell/audit.jsonl`, else `$HOME/.local/state/rbshell/audit.jsonl`),
/// created with mode 0600. Never holds a password: every command is redacted (`Redaction`).
struct AuditEntry: Codable {
  /// Shared by a write's "started" line and its outcome line.
  var id: String? = nil
  var time: String
  var user: String
  var host: String
  var database: DatabaseLabel
  var schema: String
  /// The process's command line, each argument redacted.
  var command: [String]
  /// The rbshell command that wrote, as typed at the shell's prompt or in a script (`-c`, `-f`),
  /// redacted; absent for a write given on the command line itself.
  var typed: String? = nil
  /// What was done, e.g. `downto 1700000200`, `repair mark-applied 1700000500`.
  var operation: String?
  var plan: [Step]
  var warnings: [String]
  /// Sourcegraph's ledger state before and after (absent for another tool's ledger).
  var before: LedgerState?
  var after: LedgerState?
  /// Another tool's ledger table, and its rows before and after (`version 2, dirty`).
  var table: String? = nil
  var tableBefore: [String]? = nil
  var tableAfter: [String]? = nil
  /// The deciding ledger rows of the plan's migrations before and after the write.
  var rowsBefore: [LedgerEntry]?
  var rowsAfter: [LedgerEntry]?
  /// Ledger rows a ledger-only write (add-log, mark-applied, mark-reverted) inserted.
  var insertedRowIDs: [Int]?
  var outcome: String

  struct Step: Codable {
    var version: Int
    var name: String
    var direction: String
  }
}

enum AuditLog {
  /// The shell command being run, as typed; the shell sets it around each command.
  @TaskLocal static var typedCommand: String?

  static var path: URL {
    let env = ProcessInfo.processInfo.environment
    if let explicit = env["RBSHELL_AUDIT_LOG"], !explicit.isEmpty { return URL(fileURLWithPath: explicit) }
    let home = env["HOME"].flatMap { $0.isEmpty ? nil : URL(fileURLWithPath: $0) } ?? FileManager.default.homeDirectoryForCurrentUser
    let state = env["XDG_STATE_HOME"].flatMap { $0.isEmpty ? nil : URL(fileURLWithPath: $0) } ?? home.appending(path: ".local/state")
    return state.appending(path: "rbshell/audit.jsonl")
  }

  /// Appends an entry; a log that cannot be written is reported but never loses the outcome on stdout.
  static func append(_ entry: AuditEntry) {
    do {
      let url = path
      guard let fd = PrivateFile.openForAppending(url.path) else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
      let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
      try handle.seekToEnd()
      try handle.write(contentsOf: try encoder.encode(entry) + Data("\n".utf8))
    } catch {
      Terminal.warning("could not write the audit log \(path.path): \(error)")
    }
  }

  static func read() throws -> [AuditEntry] {
    guard let data = FileManager.default.contents(atPath: path.path) else { return [] }
    return try data.split(separator: UInt8(ascii: "\n")).map { try JSONDecoder().decode(AuditEntry.self, from: Data($0)) }
  }

  /// The command line, each argument redacted (a `-c` script's DSN included).
  static func redactedCommand() -> [String] {
    CommandLine.arguments.map(Redaction.redactOrWithhold)
  }

  /// The shell command that is writing, redacted, when the write was typed.
  static func redactedTypedCommand() -> String? {
    typedCommand.map(Redaction.redactOrWithhold)
  }

  static func user() -> String {
    ProcessInfo.processInfo.environment["USER"] ?? ProcessInfo.processInfo.userName
  }

  /// The machine's own name (`gethostname`), without the DNS lookup `ProcessInfo.hostName` may do.
  static func host() -> String {
    var buffer = [CChar](repeating: 0, count: 256)
    guard gethostname(&buffer, buffer.count) == 0 else { return "unknown" }
    return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }

  static func now() -> String { Date().formatted(.iso8601) }
}
