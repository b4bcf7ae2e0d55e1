import MigrationSources
import Migrations
import PostgresClient
import RBShellCore

/// Builds a schema's write request: definitions, a writable store, the plan's builder.
enum SchemaPlanning {
  static func request(
    _ schema: Schema, graph: MigrationGraph, session: WriteSession,
    build: @escaping (PlanBuilder) throws -> WritePlan
  ) throws -> WriteSession.Request {
    let store = try session.store(for: schema)
    let plan = PlanRequest(store: store, schema: schema, graph: graph, dirty: session.options.dirtyOptions) { ledger, _ in
      try build(PlanBuilder(graph: graph, schema: schema, state: LedgerState(entries: ledger.entries)))
    }
    return WriteSession.Request(plan: plan, connection: store.connection)
  }

  /// The whole flow of a one-schema plan command: definitions, connection, plan, then the session.
  static func run(
    connection: ConnectionOptions, schema: SingleSchemaOptions, definitions: DefinitionOptions, write: WriteOptions,
    build: @escaping (PlanBuilder) throws -> WritePlan
  ) throws {
    try run(connection: connection, schema: try schema.schema(), definitions: definitions, write: write, build: build)
  }

  static func run(
    connection: ConnectionOptions, schema: Schema, definitions: DefinitionOptions, write: WriteOptions,
    build: @escaping (PlanBuilder) throws -> WritePlan
  ) throws {
    try ErrorReporting.run {
      let session = WriteSession(options: write, connectionOptions: connection)
      let graph = try graph(schema, definitions: definitions.source)
      try session.run([try request(schema, graph: graph, session: session, build: build)])
    }
  }

  /// The validated graph of one schema from `--migrations` (and `--rev`/`--version`).
  static func graph(_ schema: Schema, definitions: DefinitionSource) throws -> MigrationGraph {
    try definitions.catalog().graph(for: schema, hint: schema)
  }
}
