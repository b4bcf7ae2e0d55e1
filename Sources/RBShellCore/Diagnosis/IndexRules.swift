import Migrations

/// Indexes left INVALID by an interrupted `CREATE INDEX CONCURRENTLY`, with no build running.
public enum IndexRules {
  static func findings(_ input: DiagnosisInput) -> [Finding] {
    let building = Set(input.catalog.indexBuilds.compactMap(\.index))
    return input.catalog.indexes.sorted { $0.key < $1.key }.compactMap { name, index in
      guard !index.valid, !building.contains(name.name) else { return nil }
      let creator = creatingMigration(of: name.name, in: input.graph)
      guard creator != nil || (input.reportsDatabaseWideFacts && !input.otherSchemasIndexes.contains(name.name)) else { return nil }
      return Finding(
        .invalidIndex, .error, schema: input.schema, migration: creator,
        message: "index \(name) on \(index.table) is INVALID and no build is running" + (creator.map { " (created by migration \($0))" } ?? ""),
        evidence: ["pg_index.indisvalid = false for \(name)", "pg_stat_progress_create_index shows no build of it"],
        remedies: [
          Remedy(.repairDropInvalidIndex, schema: input.schema, [.index(name.name)] + (creator != nil ? [.retry] : []), needsDefinitions: creator != nil)
        ])
    }
  }

  /// Names of every index the migrations of a graph create.
  public static func createdIndexes(in graph: MigrationGraph) -> Set<String> {
    Set(
      graph.definitions.flatMap { definition in
        SQLSplitter.split(definition.upQuery).compactMap { statement -> String? in
          if case .createIndex(let name?, _, _, _) = StatementParser.parse(statement.text) { return name.name }
          return nil
        }
      })
  }

  /// The migration whose up SQL creates the index: the concurrent-index metadata first, then any
  /// `CREATE INDEX <name>` statement.
  public static func creatingMigration(of index: String, in graph: MigrationGraph?) -> Int? {
    guard let graph else { return nil }
    if let byMetadata = graph.definitions.first(where: { $0.concurrentIndex?.catalogIndexName == index }) { return byMetadata.id }
    return graph.definitions.first { definition in
      SQLSplitter.split(definition.upQuery).contains { statement in
        if case .createIndex(let name?, _, _, _) = StatementParser.parse(statement.text) { return name.name == index }
        return false
      }
    }?.id
  }
}
