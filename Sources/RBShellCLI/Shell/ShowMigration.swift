import Foundation
import Migrations
import MigrationSources
import PostgresClient
import RBShellCore
import RBShellPostgres

/// `show ID`: everything about one migration in one place.
enum ShowMigration {
  static func run(_ arguments: [String], _ session: ShellSession) -> ShellSession.Outcome {
    guard arguments.count == 1, let id = Int(arguments[0]) else { return ShellCommands.usage("show ID") }
    do {
      let options = try DefinitionOptions.parse(session.migrations.map { ["--migrations", $0] } ?? [])
      let graph = try options.catalog().graph(for: session.schema, hint: session.schema)
      guard let definition = graph[id] else {
        Terminal.error("migration \(id) is not in the \(session.schema) definitions at \(options.path)")
        return .failed(.usage)
      }
      print(describe(definition, graph: graph))
      let connection = try LedgerLog.connect(session)
      let rows = try LedgerLog.rows(connection, schema: session.schema, version: id)
      print("ledger rows:" + (rows.isEmpty ? " none" : ""))
      rows.forEach { print("  \($0)") }
      let entries = try MigrationLogsReader(connection: connection).snapshot(of: session.schema).entries
      if let attempt = entries.first(where: { $0.version == id }), attempt.state == .failed || attempt.state == .pending {
        let catalog = try connection.snapshotTransaction { try CatalogReader(connection: connection).read().catalog }
        let analysis = MigrationAnalysis(definition: definition, up: attempt.up, catalog: catalog)
        print("verdict: \(analysis.verdict.rawValue)")
        for statement in analysis.statements {
          print("  [\(statement.state == .applied ? "in " : statement.state == .notApplied ? "out" : " ? ")] line \(statement.line): \(statement.summary) — \(statement.reason)")
        }
      }
      return .ok
    } catch {
      let (message, status) = ErrorReporting.classify(error)
      Terminal.error(message)
      return .failed(status)
    }
  }

  static func describe(_ definition: Definition, graph: MigrationGraph) -> String {
    var flags: [String] = []
    if definition.privileged { flags.append("privileged") }
    if let index = definition.concurrentIndex { flags.append("creates index \(index.indexName) on \(index.tableName) concurrently") }
    if definition.nonIdempotent { flags.append("non-idempotent") }
    var lines = [
      "migration \(definition.id): \(definition.name)",
      "parents: " + (definition.parents.isEmpty ? "none (root)" : definition.parents.map(String.init).joined(separator: ", ")),
      "children: " + (graph.children(of: definition.id).map(String.init).joined(separator: ", ").nilIfEmpty ?? "none (leaf)"),
    ]
    if !flags.isEmpty { lines.append("flags: " + flags.joined(separator: "; ")) }
    lines.append("up.sql:")
    lines += PlanPreview.numbered(definition.upQuery).map { "  " + $0 }
    lines.append("down.sql:")
    lines += PlanPreview.numbered(definition.downQuery).map { "  " + $0 }
    return lines.joined(separator: "\n")
  }
}

/// `log [N]`: the newest ledger rows of the current schema.
enum LedgerLog {
  static func run(_ arguments: [String], _ session: ShellSession) -> ShellSession.Outcome {
    guard arguments.count <= 1, let count = arguments.first.map({ Int($0) }) ?? 10 else { return ShellCommands.usage("log [N]") }
    do {
      let connection = try connect(session)
      let rows = try connection.query("""
        SELECT id, version, CASE WHEN up THEN 'up' ELSE 'down' END AS direction,
               coalesce(CASE WHEN success THEN 'ok' ELSE 'FAILED' END, 'pending') AS outcome,
               to_char(started_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS started, backfilled
        FROM migration_logs WHERE schema = $1 ORDER BY id DESC LIMIT $2
        """, [session.schema.ledgerName, String(count)]).records
      for row in rows {
        let backfilled = try row.requiredBool("backfilled") ? " (backfilled)" : ""
        print("#\(try row.requiredString("id"))  \(try row.requiredString("started"))  \(try row.requiredString("version")) \(try row.requiredString("direction")) \(try row.requiredString("outcome"))\(backfilled)")
      }
      if rows.isEmpty { print("no ledger rows for \(session.schema)") }
      return .ok
    } catch {
      let (message, status) = ErrorReporting.classify(error)
      Terminal.error(message)
      return .failed(status)
    }
  }

  static func connect(_ session: ShellSession) throws -> Connection {
    try ConnectionRouter(dsn: session.dsn, environment: ProcessInfo.processInfo.environment, options: ConnectOptions(readOnly: true))
      .connect([session.schema])[session.schema]!
  }

  /// Every row of one version, oldest first.
  static func rows(_ connection: Connection, schema: Schema, version: Int) throws -> [String] {
    try connection.query("""
      SELECT '#' || id || '  ' || to_char(started_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') || '  '
             || CASE WHEN up THEN 'up' ELSE 'down' END || ' '
             || coalesce(CASE WHEN success THEN 'ok' ELSE 'FAILED' END, 'pending')
             || CASE WHEN backfilled THEN ' (backfilled)' ELSE '' END
             || coalesce(': ' || split_part(error_message, E'\\n', 1), '') AS line
      FROM migration_logs WHERE schema = $1 AND version = $2 ORDER BY id
      """, [schema.ledgerName, String(version)]).rows.compactMap { $0[0] }
  }
}

extension String {
  var nilIfEmpty: String? { isEmpty ? nil : self }
}
