import Migrations
import PostgresClient
import RBShellCore

/// Builds `rbshell status` reports: connects per schema, reads each ledger once.
public struct StatusService {
  public let router: ConnectionRouter

  public init(router: ConnectionRouter) { self.router = router }

  public func report(for schemas: [Schema]) throws -> StatusReport {
    let connections = try router.connect(schemas)
    let entries = try schemas.map { schema in
      let connection = connections[schema]!
      let snapshot = try MigrationLogsReader(connection: connection).snapshot(of: schema)
      return StatusReport.SchemaEntry(
        database: DatabaseLabel(connection.endpoint),
        status: SchemaStatus(schema: schema, snapshot: snapshot))
    }
    return StatusReport(schemas: entries)
  }
}

extension DatabaseLabel {
  public init(_ endpoint: Endpoint) {
    self.init(host: endpoint.host, port: endpoint.port, name: endpoint.database, user: endpoint.user)
  }
}
