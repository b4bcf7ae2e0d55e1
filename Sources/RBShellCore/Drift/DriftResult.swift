import Migrations

/// Drift's decision, without I/O: which live objects are this schema's, how they differ from the
/// ones the migrations build, which migration each comes from, and what makes the result less
/// than certain.
public struct DriftResult: Sendable {
  public var differences: [DriftDifference]
  /// The ledger changed while drift ran.
  public var warnings: [String]
  /// Live schemas (namespaces) the migrations make nothing in: not compared.
  public var notCompared: [String]

  /// - Parameters:
  ///   - otherDefinitions: the other schemas' migrations: in a database they share, an object
  ///     theirs touch and this schema's do not is theirs, not extra.
  ///   - appliedNow: the ledger's applied migrations, read again with the live catalog, when the
  ///     plan's expected set is the ledger's (nil for a release or revision).
  public init(
    plan: DriftPlan, expected: SchemaDescription, live: SchemaDescription, otherDefinitions: [[Definition]], appliedNow: [Int]?
  ) {
    let mine = DriftAttribution(plan.definitions)
    let theirs = otherDefinitions.map(DriftAttribution.init)
    // Only where the migrations make something: another application's schema in the same
    // database is not this one's drift (extensions are database-wide, always compared).
    let namespaces = Set(expected.objects.map(\.schema)).union(["public"])
    let notThisSchemas = { (object: SchemaObject) in
      Self.isLedger(object) || (object.kind != .extension && !namespaces.contains(object.schema))
        || (mine.migration(for: object) == nil && theirs.contains { $0.migration(for: object) != nil })
    }
    differences = DriftComparison.compare(expected: expected.filter(Self.isLedger), live: live.filter(notThisSchemas))
    for index in differences.indices {
      differences[index].migration = mine.migration(for: differences[index].object, viaTable: differences[index].change != .extra)
    }
    notCompared = Set(live.objects.map(\.schema)).subtracting(namespaces).sorted()
    warnings = appliedNow.flatMap { Self.ledgerChanged(expected: plan.expected, now: $0) }.map { [$0] } ?? []
  }

  /// Sourcegraph's ledgers (and the legacy ones): the migrator's tables, not the schema's.
  static let ledgerTables: Set<String> = Set(["migration_logs"] + Schema.allCases.map(\.ledgerName))

  static func isLedger(_ object: SchemaObject) -> Bool { ledgerTables.contains(object.table ?? object.name) }

  static func ledgerChanged(expected: [Int], now: [Int]) -> String? {
    let now = now.sorted()
    guard now != expected else { return nil }
    let list = { (ids: [Int]) in ids.isEmpty ? "none" : ids.map(String.init).joined(separator: ", ") }
    return "the ledger changed while drift ran (now applied: \(list(Set(now).subtracting(expected).sorted())); no longer: "
      + "\(list(Set(expected).subtracting(now).sorted()))), so differences may be that migration's: run drift again"
  }
}
