/// The migrator's per-definition checks (concurrent index creation, privileges), applied to a
/// definition whose SQL and metadata were read. Returns the definition with its index metadata
/// set, or the problems found — all of them, not only the first.
public enum DefinitionRules {
  /// - Parameters:
  ///   - location: `<schema path>/<id>`, the migrator's way of naming a migration in messages.
  ///   - metadataPath: where to add or remove flags, for the instructions.
  ///   - declaresConcurrentIndex: the metadata's `createIndexConcurrently`.
  public static func check(
    _ definition: Definition, location: String, metadataPath: String, upPath: String, downPath: String, declaresConcurrentIndex: Bool
  ) -> (Definition, [DefinitionProblem]) {
    var definition = definition
    var problems: [DefinitionProblem] = []
    for (sql, path) in [(definition.upQuery, upPath), (definition.downQuery, downPath)] {
      problems += SQLFileCheck.problems(in: sql, file: path).map { DefinitionProblem(.unsafeSQL, at: location, $0) }
    }
    if QueryText.concurrentIndex(in: definition.downQuery) != nil {
      problems.append(
        .init(
          .concurrentDown, at: location,
          "did not expect down query of migration at '\(location)' to contain concurrent creation of an index",
          instructions: "Remove `CONCURRENTLY` when re-creating an old index in down migrations."))
    }
    if let index = QueryText.concurrentIndex(in: definition.upQuery) {
      if !declaresConcurrentIndex {
        problems.append(
          .init(
            .concurrentUnexpected, at: location,
            "did not expect up query of migration at '\(location)' to contain concurrent creation of an index",
            instructions: "Add `createIndexConcurrently: true` to the metadata file '\(metadataPath)'."))
      } else if !QueryText.withoutConcurrentIndexCreation(definition.upQuery).isEmpty {
        problems.append(
          .init(
            .concurrentExtra, at: location,
            "did not expect up query of migration at '\(location)' to contain additional statements",
            instructions: "Split the index creation from '\(upPath)' into a new migration file."))
      }
      definition.concurrentIndex = index
    } else if declaresConcurrentIndex {
      problems.append(
        .init(
          .concurrentExpected, at: location,
          "expected up query of migration at '\(location)' to contain concurrent creation of an index",
          instructions: "Remove `createIndexConcurrently: true` from the metadata file '\(metadataPath)'."))
    }
    if !definition.privileged,
      QueryText.changesExtensions(definition.upQuery) || QueryText.changesExtensions(definition.downQuery)
    {
      problems.append(
        .init(
          .unmarkedPrivilege, at: location,
          "did not expect queries of migration at '\(location)' to require elevated permissions",
          instructions: "Add `privileged: true` to the metadata file '\(metadataPath)'."))
    }
    return (definition, problems)
  }
}
