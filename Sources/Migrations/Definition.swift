/// One migration: its place in the graph and the SQL that applies and reverts it.
public struct Definition: Sendable, Equatable, Codable {
  public var id: Int
  public var name: String
  /// Declared dependencies, sorted ascending (duplicates kept, as the migrator keeps them).
  public var parents: [Int]
  /// Canonical SQL (front matter and outer `BEGIN;`/`COMMIT;` removed).
  public var upQuery: String
  public var downQuery: String
  /// Needs a superuser (extension changes).
  public var privileged: Bool
  /// Cannot safely be re-run (squashed migrations); informational, the runner does not consult it.
  public var nonIdempotent: Bool
  /// Set when the up query is a single `CREATE INDEX CONCURRENTLY`, which must run outside a transaction.
  public var concurrentIndex: IndexMetadata?

  public init(
    id: Int, name: String = "", parents: [Int] = [], upQuery: String = "", downQuery: String = "",
    privileged: Bool = false, nonIdempotent: Bool = false, concurrentIndex: IndexMetadata? = nil
  ) {
    self.id = id
    self.name = name
    self.parents = parents.sorted()
    self.upQuery = upQuery
    self.downQuery = downQuery
    self.privileged = privileged
    self.nonIdempotent = nonIdempotent
    self.concurrentIndex = concurrentIndex
  }

  public var isCreateIndexConcurrently: Bool { concurrentIndex != nil }
}

/// The index a create-index-concurrently migration builds, as the migrator's regex captures it
/// (unqualified names).
public struct IndexMetadata: Sendable, Equatable, Codable {
  public var tableName: String
  public var indexName: String

  /// The index's name in the catalog: folded to lower case and cut to 63 bytes, as the server
  /// stores it (the migrator's pattern captures unquoted names only).
  public var catalogIndexName: String { SQLLexer.truncatedToNameLength(indexName.lowercased()) }

  public init(tableName: String, indexName: String) {
    self.tableName = tableName
    self.indexName = indexName
  }
}
