import Foundation
import PostgresClient
import TestSupport

/// Helpers shared by the write-command tests.
enum WriteTest {
  static let samples = PackagePaths.root.appending(path: "sql/migrations").path

  /// Runs rbshell with an audit log of its own (so tests never touch the user's) and
  /// no inherited definitions.
  static func rbshell(_ arguments: [String], audit: URL? = nil, stdin: String? = nil) throws -> RBShellRun {
    let log = audit ?? FileManager.default.temporaryDirectory.appending(path: "rbshell-audit-\(UUID().uuidString).jsonl")
    return try RBShellRun.run(arguments, environment: ["RBSHELL_AUDIT_LOG": log.path], removing: ["RBSHELL_MIGRATIONS"], stdin: stdin)
  }

  /// `(version, up, success)` of every ledger row of a schema, oldest first.
  static func rows(_ db: TestDatabase, ledger: String = "schema_migrations") throws -> [String] {
    try db.connect().query(
      """
      SELECT version || ' ' || CASE WHEN up THEN 'up' ELSE 'down' END || ' ' || coalesce(success::text, 'pending')
      FROM migration_logs WHERE schema = $1 ORDER BY id
      """, [ledger]
    ).rows.map { $0[0] ?? "" }
  }

  static func applied(_ db: TestDatabase, schema: String = "frontend") throws -> [Int] {
    let run = try RBShellRun.run(["status", "--json", "--dsn", db.dsn, "--db", schema])
    let state = (try run.json()["schemas"] as? [[String: Any]])?.first?["state"] as? [String: Any]
    return state?["applied"] as? [Int] ?? []
  }

  /// Ledger rows and a catalog fingerprint: what any write would change.
  static func fingerprint(_ db: TestDatabase) throws -> [String?] {
    let connection = try db.connect()
    let hasLogs = try connection.query("SELECT to_regclass('migration_logs') IS NOT NULL").scalar == "t"
    return [
      hasLogs ? try connection.query("SELECT md5(string_agg(l::text, '|' ORDER BY id)) FROM migration_logs l").scalar : "no ledger",
      try connection.query(
        """
        SELECT md5(string_agg(c.oid::text || c.relname || c.relkind::text || coalesce(i.indisvalid::text, ''), '|' ORDER BY c.oid))
        FROM pg_class c LEFT JOIN pg_index i ON i.indexrelid = c.oid WHERE c.relnamespace = 'public'::regnamespace
        """
      ).scalar,
      try connection.query("SELECT count(*) FROM pg_attribute WHERE attrelid IN (SELECT oid FROM pg_class WHERE relnamespace = 'public'::regnamespace)").scalar,
    ]
  }

  /// `pg_dump --schema-only` without the ledger, for comparing two databases' schemas.
  static func schemaDump(_ db: TestDatabase) throws -> String {
    try schemaDump(database: db.name)
  }

  static func schemaDump(database: String) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [
      "pg_dump", "--schema-only", "--no-owner", "--no-privileges", "--exclude-table=migration_logs*", "--exclude-table=*schema_migrations", "-d", database,
    ]
    let out = Pipe()
    process.standardOutput = out
    try process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    // Comments and pg_dump's per-run random `\\restrict` keys differ between any two dumps.
    return String(decoding: data, as: UTF8.self).split(separator: "\n")
      .filter { !$0.hasPrefix("--") && !$0.hasPrefix("\\restrict") && !$0.hasPrefix("\\unrestrict") }
      .joined(separator: "\n")
  }
}
