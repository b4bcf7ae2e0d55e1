import RBShellCore
import TestSupport
import Testing

/// The store contract against the in-memory fake (the same checks run against PostgreSQL in
/// IntegrationTests/PostgresStoreConformanceTests).
struct InMemoryStoreConformanceTests {
  @Test(arguments: StoreConformance.checks.map(\.0))
  func conforms(_ name: String) throws {
    let check = try #require(StoreConformance.checks.first { $0.0 == name }).1
    let database = InMemoryDatabase()
    try check { database.session() }
  }
}
