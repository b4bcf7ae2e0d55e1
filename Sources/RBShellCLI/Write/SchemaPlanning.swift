import Migrations
import MigrationSources
import PostgresClient
import RBShellCore

/// Builds a schema's prepared plan: definitions, a writable connection, its ledger, a plan.
enum SchemaPlanning {
  static func prepare(
    _ schema: Schema, graph: MigrationGraph, session: WriteSession,
    build: @escaping (PlanBuilder) throws -> WritePlan
  ) throws -> WriteSession.Prepared {
    let (connection, entries) = try session.open(schema)
    let state = LedgerState(entries: entries)
    let plan = try build(PlanBuilder(graph: graph, schema: schema, state: state))
    let planned = Set(plan.steps.map(\.definition.id))
    return WriteSession.Prepared(
      plan: plan, graph: graph, connection: connection, before: state,
      beforeRows: entries.filter { planned.contains($0.version) }
    ) { fresh in
      try build(PlanBuilder(graph: graph, schema: schema, state: fresh))
    }
  }

  /// The whole flow of a one-schema plan command: definitions, connection, plan, then the session.
  static func run(
    connection: ConnectionOptions, schema: SingleSchemaOptions, definitions: DefinitionOptions, write: WriteOptions,
    build: @escaping (PlanBuilder) throws -> WritePlan
  ) throws {
    try ErrorReporting.run {
      let schema = try schema.schema()
      let session = WriteSession(options: write, connectionOptions: connection)
      let graph = try graph(schema, definitions: definitions)
      try session.run([try prepare(schema, graph: graph, session: session, build: build)])
    }
  }

  /// The validated graph of one schema from `--migrations` (and `--rev`/`--version`).
  static func graph(_ schema: Schema, definitions: DefinitionOptions) throws -> MigrationGraph {
    try definitions.catalog().graph(for: schema, hint: schema)
  }
}
