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
    let (connection, state) = try session.open(schema)
    let plan = try build(PlanBuilder(graph: graph, schema: schema, state: state))
    return WriteSession.Prepared(plan: plan, graph: graph, connection: connection, before: state) { fresh in
      try build(PlanBuilder(graph: graph, schema: schema, state: fresh))
    }
  }

  /// The validated graph of one schema from `--migrations` (and `--rev`/`--version`).
  static func graph(_ schema: Schema, definitions: DefinitionOptions) throws -> MigrationGraph {
    try definitions.catalog().graph(for: schema, hint: schema)
  }
}
