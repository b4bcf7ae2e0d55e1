import Foundation
import Migrations
import PostgresClient
import RBShellCore

/// One JSON line per write, appended to `$RBSHELL_AUDIT_LOG` (default
/// `$XDG_STATE_HOME/rbshell/audit.jsonl`, else `~/.local/state/rbshell/audit.jsonl`), mode 0600.
/// Never holds a password: DSNs in the command line are redacted.
struct AuditEntry: Codable {
  /// Shared by a write's "started" line and its outcome line.
  var id: String? = nil
  var time: String
  var user: String
  var host: String
  var database: DatabaseLabel
  var schema: String
  var command: [String]
  /// What was done, e.g. `downto 1700000200`, `repair mark-applied 1700000500`.
  var operation: String?
  var plan: [Step]
  var warnings: [String]
  var before: LedgerState
  var after: LedgerState?
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
  static var path: URL {
    let env = ProcessInfo.processInfo.environment
    if let explicit = env["RBSHELL_AUDIT_LOG"], !explicit.isEmpty { return URL(fileURLWithPath: explicit) }
    let state = env["XDG_STATE_HOME"].flatMap { $0.isEmpty ? nil : URL(fileURLWithPath: $0) }
      ?? FileManager.default.homeDirectoryForCurrentUser.appending(path: ".local/state")
    return state.appending(path: "rbshell/audit.jsonl")
  }

  /// Appends an entry; a log that cannot be written is reported but never loses the outcome on stdout.
  static func append(_ entry: AuditEntry) {
    do {
      let url = path
      try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      if !FileManager.default.fileExists(atPath: url.path) {
        _ = FileManager.default.createFile(atPath: url.path, contents: nil, attributes: [.posixPermissions: 0o600])
      }
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
      let handle = try FileHandle(forWritingTo: url)
      defer { try? handle.close() }
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

  /// The command line with every DSN's password removed.
  static func redactedCommand() -> [String] {
    CommandLine.arguments.map { argument in
      argument.contains("password") || argument.contains("://") ? ConnectionString.redact(argument) : argument
    }
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
