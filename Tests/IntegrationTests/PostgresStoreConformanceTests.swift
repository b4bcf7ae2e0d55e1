import RBShellPostgres
import TestSupport
import Testing

/// The store contract against PostgreSQL: the checks the in-memory fake passes too.
@Suite(.enabled(if: TestEnvironment.databaseTestsEnabled, "needs PostgreSQL: run scripts/test"))
struct PostgresStoreConformanceTests {
  @Test(arguments: StoreConformance.checks.map(\.0))
  func conforms(_ name: String) throws {
    let check = try #require(StoreConformance.checks.first { $0.0 == name }).1
    let db = try TestDatabase()
    defer { db.drop() }
    var sessions: [PostgresMigrationStore] = []
    try check {
      let store = try PostgresMigrationStore(connection: try db.connect())
      sessions.append(store)
      return store
    }
  }
}
