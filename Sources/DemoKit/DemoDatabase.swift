import PostgresClient

/// Builds the demo database `sg` on a throwaway cluster: the ledger table, then the demo
/// scenario, one statement at a time as psql runs them, stopping at the first error.
public enum DemoDatabase {
  public static let name = "sg"

  public struct Failure: Error, CustomStringConvertible {
    public var description: String
  }

  public static func build(on cluster: ThrowawayCluster) throws {
    let statements: [String]
    do { statements = try DemoAssets.statements() } catch { throw Failure(description: "the demo's SQL: \(error)") }
    do {
      try Connection(dsn: cluster.connectionString(database: "postgres")).run("CREATE DATABASE \(name)")
      let connection = try Connection(dsn: cluster.connectionString(database: name))
      for statement in statements { try connection.execute(statement) }
    } catch {
      throw Failure(description: "building the demo database failed: \(error)")
    }
  }
}
