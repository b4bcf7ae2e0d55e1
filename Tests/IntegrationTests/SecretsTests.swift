import Foundation
import PostgresClient
import TestSupport
import Testing

@testable import RBShellCLI

/// Secrets stay secret (issue 12): a password given any way libpq takes one never appears in
/// rbshell's output, its audit log, its statement log or the shell's history; and SQL at the
/// locked prompt stays read-only whatever it says.
@Suite(.serialized, .enabled(if: TestEnvironment.databaseTestsEnabled, "needs PostgreSQL: run scripts/test"))
struct SecretsTests {
  static let secret = "Lk9-leak-S3cret"
  static var port: String { ProcessInfo.processInfo.environment["PGPORT"] ?? "5432" }

  /// One way of giving the password, and the environment and DSN arguments it needs.
  struct Form: CustomStringConvertible, Sendable {
    var name: String
    var environment: @Sendable (_ role: String, _ db: String, _ home: URL) throws -> [String: String]
    var dsn: @Sendable (_ role: String, _ db: String) -> [String]
    var schema = "frontend"
    var description: String { name }
  }

  static let forms: [Form] = [
    Form(
      name: "keyword/value DSN", environment: { _, _, _ in [:] },
      dsn: { role, db in
        ["--dsn", "host=127.0.0.1 port=\(port) dbname=\(db) user=\(role) password=\(secret)"]
      }),
    Form(
      name: "URL", environment: { _, _, _ in [:] },
      dsn: { role, db in
        ["--dsn", "postgresql://\(role):\(secret)@127.0.0.1:\(port)/\(db)"]
      }),
    Form(
      name: "URL ?password=", environment: { _, _, _ in [:] },
      dsn: { role, db in
        ["--dsn", "postgresql://\(role)@127.0.0.1:\(port)/\(db)?password=\(secret)&sslmode=disable"]
      }),
    Form(
      name: "PGPASSWORD", environment: { _, _, _ in ["PGPASSWORD": secret] },
      dsn: { role, db in
        ["--dsn", "host=127.0.0.1 port=\(port) dbname=\(db) user=\(role)"]
      }),
    Form(
      name: "~/.pgpass",
      environment: { role, db, home in
        let file = home.appending(path: ".pgpass")
        try "127.0.0.1:\(port):\(db):\(role):\(secret)\n".write(to: file, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file.path)
        return ["HOME": home.path]
      }, dsn: { role, db in ["--dsn", "host=127.0.0.1 port=\(port) dbname=\(db) user=\(role)"] }),
    Form(
      name: "service file",
      environment: { role, db, home in
        let file = home.appending(path: "pg_service.conf")
        try "[leak]\nhost=127.0.0.1\nport=\(port)\ndbname=\(db)\nuser=\(role)\npassword=\(secret)\n".write(to: file, atomically: true, encoding: .utf8)
        return ["PGSERVICEFILE": file.path]
      }, dsn: { _, _ in ["--dsn", "service=leak"] }),
    Form(
      name: "per-schema variables",
      environment: { role, db, _ in
        [
          "CODEINTEL_PGHOST": "127.0.0.1", "CODEINTEL_PGPORT": port, "CODEINTEL_PGDATABASE": db, "CODEINTEL_PGUSER": role,
          "CODEINTEL_PGPASSWORD": secret,
        ]
      }, dsn: { _, _ in [] }, schema: "codeintel"),
  ]

  @Test(arguments: forms)
  func noPasswordInAnyOutputOrFile(_ form: Form) throws {
    let db = try TestDatabase()
    defer { db.drop() }
    let role = try db.makeRole("leak", password: Self.secret)
    _ = try db.execute("ALTER ROLE \(Quoting.identifier(role)) SUPERUSER")
    let home = FileManager.default.temporaryDirectory.appending(path: "rbshell-leak-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: home) }
    let audit = home.appending(path: "state/audit.jsonl")
    let statements = home.appending(path: "statements.sql")
    var environment = try form.environment(role, db.name, home)
    environment["RBSHELL_AUDIT_LOG"] = audit.path
    environment["RBSHELL_LOG_SQL"] = statements.path
    let removing = ["RBSHELL_MIGRATIONS", "PGPASSWORD", "PGHOST", "PGPORT", "PGUSER", "PGDATABASE"].filter { environment[$0] == nil }
    let connection = form.dsn(role, db.name) + ["--db", form.schema]
    let script = home.appending(path: "script.rbs")
    try "status \(connection.map(ShellQuoting.quote).joined(separator: " "))\n".write(to: script, atomically: true, encoding: .utf8)
    let commands: [[String]] = [
      ["status"] + connection,
      ["status", "--json"] + connection,
      ["diagnose"] + connection,
      ["up", "--yes", "--migrations", WriteTest.samples] + connection,
      ["drift", "--migrations", WriteTest.samples] + connection,
      ["drift", "--json", "--migrations", WriteTest.samples] + connection,
      ["-c", "status " + connection.map(ShellQuoting.quote).joined(separator: " ")],
      ["-c", "up --yes --migrations \(WriteTest.samples) " + connection.map(ShellQuoting.quote).joined(separator: " ")],
      ["-f", script.path],
    ]
    var seen = ""
    for command in commands {
      let run = try RBShellRun.run(command, environment: environment, removing: removing)
      seen += run.stdout + run.stderr
      #expect(![1, 64, 65].contains(run.status), "\(form) \(command.prefix(2)): exit \(run.status): \(run.stderr)")
    }
    #expect(!seen.contains(Self.secret), "\(form): output holds the password")
    let entries = try String(contentsOf: audit, encoding: .utf8)
    #expect(entries.contains("\"outcome\":\"completed\""), "\(form): no write was audited")
    for file in [audit, statements] {
      #expect(!(try String(contentsOf: file, encoding: .utf8)).contains(Self.secret), "\(form): \(file.lastPathComponent) holds the password")
      let mode = try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int
      #expect(mode == 0o600, "\(form): \(file.lastPathComponent) has mode \(String(mode ?? 0, radix: 8))")
    }
  }

  /// Errors quote what they must, never the password: a wrong one, a malformed DSN, a server down.
  @Test func errorsNeverQuoteThePassword() throws {
    let db = try TestDatabase()
    defer { db.drop() }
    let role = try db.makeRole("leak", password: "right-one")
    let dsns = [
      "postgresql://\(role):\(Self.secret)@127.0.0.1:\(Self.port)/\(db.name)",  // wrong password
      "host=127.0.0.1 port=\(Self.port) dbname=\(db.name) user=\(role) password=\(Self.secret)",
      "postgresql://\(role):\(Self.secret)%zz@127.0.0.1:\(Self.port)/\(db.name)",  // bad percent-encoding
      "postgresql://\(role):\(Self.secret)/x@127.0.0.1:\(Self.port)/\(db.name)",  // an unencoded '/'
      "postgresql://\(role):\(Self.secret)@ss@127.0.0.1:\(Self.port)/\(db.name)",  // an unencoded '@'
      "host=127.0.0.1 port=\(Self.port) dbname=\(db.name) password='\(Self.secret)",  // unterminated quote
      "postgresql://\(role):\(Self.secret)@127.0.0.1:1/\(db.name)",  // server down
    ]
    for dsn in dsns {
      // The last: a usage error quoting the DSN given where no argument belongs.
      for command in [["status", "--dsn", dsn], ["diagnose", "--json", "--dsn", dsn], ["-c", "status --dsn '\(dsn)'"], ["status", dsn]] {
        let run = try RBShellRun.run(command, environment: ["RBSHELL_AUDIT_LOG": "/dev/null"], removing: ["PGPASSWORD"])
        #expect(run.status != 0, "\(dsn)")
        #expect(!(run.stdout + run.stderr).contains(Self.secret), "\(command[0]) \(dsn): \(run.stdout) \(run.stderr)")
      }
    }
  }

  /// History keeps what was typed with every credential masked; a line it cannot make safe is
  /// not kept. The audit entry names the shell command that wrote.
  @Test func historyAndAuditKeepTheTypedCommandRedacted() throws {
    let db = try TestDatabase()
    defer { db.drop() }
    let audit = FileManager.default.temporaryDirectory.appending(path: "rbshell-audit-\(UUID().uuidString).jsonl")
    defer { try? FileManager.default.removeItem(at: audit) }
    setenv("RBSHELL_AUDIT_LOG", audit.path, 1)
    let url = "postgresql://postgres:\(Self.secret)@/\(db.name)?host=\(ProcessInfo.processInfo.environment["PGHOST"] ?? "/tmp")"
    let reader = ScriptLineReader(
      lines: [
        "connect \(url)", #"\c \#(url)"#, "status --dsn \(url)", "up --yes --migrations \(WriteTest.samples) --dsn '\(url)'",
        "select 1 -- my password is \(Self.secret)", ";",
      ], interactive: true)
    let session = ShellSession(reader: reader, schema: .frontend, dsn: db.dsn, migrations: nil, scriptName: nil)
    let (_, output) = try OutputCapture.run { session.run() }
    #expect(!output.contains(Self.secret))
    #expect(reader.remembered.count == 4, "\(reader.remembered)")
    #expect(!reader.remembered.joined().contains(Self.secret), "\(reader.remembered)")
    #expect(reader.remembered.first == "connect postgresql://postgres:********@/\(db.name)?host=\(ProcessInfo.processInfo.environment["PGHOST"] ?? "/tmp")")
    let entries = try String(contentsOf: audit, encoding: .utf8)
    #expect(!entries.contains(Self.secret))
    #expect(
      entries.contains(#""typed":"up --yes --migrations \#(WriteTest.samples) --dsn 'postgresql:\/\/postgres:********@"#)
        || entries.contains(#""typed":"up --yes --migrations \#(WriteTest.samples) --dsn 'postgresql://postgres:********@"#), "\(entries)")
  }

  /// At the locked prompt nothing writes, whatever the statements say about transactions.
  @Test(arguments: [
    "SET default_transaction_read_only = off; CREATE TABLE leak_a (id int);",
    "BEGIN READ WRITE; CREATE TABLE leak_a (id int); COMMIT;",
    "SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE; CREATE TABLE leak_a (id int);",
    "COMMIT; CREATE TABLE leak_a (id int);",
    "ROLLBACK; SET transaction_read_only = off; CREATE TABLE leak_a (id int);",
    "SELECT set_config('default_transaction_read_only', 'off', false); CREATE TABLE leak_a (id int);",
  ])
  func lockedSQLNeverWrites(_ sql: String) throws {
    let db = try TestDatabase()
    defer { db.drop() }
    let run = try RBShellRun.run(["-c", sql, "--dsn", db.dsn], environment: ["RBSHELL_AUDIT_LOG": "/dev/null"])
    #expect(run.status != 0, "stdout: \(run.stdout) stderr: \(run.stderr)")
    #expect(try db.connect().query("SELECT to_regclass('leak_a') IS NULL").scalar == "t", "\(sql) wrote")
  }

  /// Without RBSHELL_AUDIT_LOG and XDG_STATE_HOME the audit log lives under `$HOME`, created 0600
  /// in a 0700 folder.
  @Test func theDefaultAuditLogFollowsHome() throws {
    let db = try TestDatabase()
    defer { db.drop() }
    let home = FileManager.default.temporaryDirectory.appending(path: "rbshell-home-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: home) }
    let run = try RBShellRun.run(
      ["up", "--yes", "--db", "frontend", "--dsn", db.dsn, "--migrations", WriteTest.samples],
      environment: ["HOME": home.path], removing: ["RBSHELL_AUDIT_LOG", "XDG_STATE_HOME", "RBSHELL_MIGRATIONS"])
    #expect(run.status == 0, "\(run.stderr)")
    let log = home.appending(path: ".local/state/rbshell/audit.jsonl")
    #expect(FileManager.default.fileExists(atPath: log.path))
    #expect(try FileManager.default.attributesOfItem(atPath: log.path)[.posixPermissions] as? Int == 0o600)
    #expect(try FileManager.default.attributesOfItem(atPath: log.deletingLastPathComponent().path)[.posixPermissions] as? Int == 0o700)
  }
}
