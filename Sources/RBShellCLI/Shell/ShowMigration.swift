import Foundation
import MigrationSources
import Migrations
import PostgresClient
import RBShellCore
import RBShellPostgres

/// `show ID`: everything about one migration in one place.
enum ShowMigration {
  static func run(_ arguments: [String], _ session: ShellSession) -> ShellSession.Outcome {
    guard arguments.count == 1, let id = Int(arguments[0]) else { return ShellCommands.usage("show ID") }
    do {
      let options = DefinitionSource(migrations: session.migrations)
      guard let (schema, graph) = try find(id, options: options, current: session.schema), let definition = graph[id] else {
        Terminal.error("migration \(id) is not in the definitions at \(options.path) (\(session.schema) first, then every other schema)")
        return .failed(.usage)
      }
      if schema != session.schema { print("schema: \(schema)") }
      print(describe(definition, graph: graph))
      let connection = try LedgerLog.connect(session)
      let ledger = try MigrationLogsReader(connection: connection).snapshot(of: schema)
      if ledger.hasMigrationLogs {
        let rows = LedgerLog.lines(try LedgerRowReader(connection: connection).rows(of: id, in: schema), withVersion: false)
        print("ledger rows:" + (rows.isEmpty ? " none" : ""))
        rows.forEach { print("  \($0)") }
      } else {
        print("ledger rows: none (no migration_logs: " + (ledger.legacy.map(LedgerLog.describe) ?? "no ledger at all") + ")")
      }
      if let up = undecidedAttempt(id, in: ledger) {
        let catalog = try connection.snapshotTransaction { try CatalogReader(connection: connection).read().catalog }
        printVerdict(MigrationAnalysis(definition: definition, up: up, catalog: catalog))
      }
      return .ok
    } catch {
      let (message, status) = ErrorReporting.classify(error)
      Terminal.error(message)
      return .failed(status)
    }
  }

  /// The schema whose definitions hold `id`: the current one first, then the others in order, so
  /// `show` finds a migration a suggestion or the demo names without a `--db` first.
  private static func find(_ id: Int, options: DefinitionSource, current: Schema) throws -> (Schema, MigrationGraph)? {
    let catalog = try options.catalog()
    let graph = try catalog.graph(for: current, hint: current)
    if graph[id] != nil { return (current, graph) }
    for schema in Schema.allCases where schema != current {
      if let graph = try? catalog.graph(for: schema, hint: schema), graph[id] != nil { return (schema, graph) }
    }
    return nil
  }

  /// The direction of the migration's unfinished attempt — a failed or pending row, or the
  /// pre-3.37 table's dirty flag on it (always an upgrade) — or nil when it has none.
  private static func undecidedAttempt(_ id: Int, in ledger: LedgerSnapshot) -> Bool? {
    if let attempt = ledger.entries.first(where: { $0.version == id }), attempt.state == .failed || attempt.state == .pending {
      return attempt.up
    }
    let dirty = ledger.legacy?.rows.contains { $0.version == id && $0.dirty } ?? false
    return !ledger.hasMigrationLogs && dirty ? true : nil
  }

  private static func printVerdict(_ analysis: MigrationAnalysis) {
    print("verdict: \(analysis.verdict.rawValue)")
    for statement in analysis.statements {
      print(
        "  [\(statement.state == .applied ? "in " : statement.state == .notApplied ? "out" : " ? ")] line \(statement.line): \(statement.summary) — \(statement.reason)"
      )
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

extension String {
  var nilIfEmpty: String? { isEmpty ? nil : self }
}
