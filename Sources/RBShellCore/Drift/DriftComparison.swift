/// One way the live schema differs from the one its migrations build.
public struct DriftDifference: Sendable, Equatable {
  public enum Change: String, Sendable, Codable {
    /// The migrations create it; the live database has none.
    case missing
    /// The live database has it; the migrations do not create it.
    case extra
    /// Both have it, and a property differs.
    case changed
  }

  public struct Property: Sendable, Equatable, Codable {
    public var name: String
    public var expected: String?
    public var live: String?
  }

  public var change: Change
  public var expected: SchemaObject?
  public var live: SchemaObject?
  public var properties: [Property]
  /// Only cosmetic properties differ (column order, comments, an extension's version).
  public var cosmetic: Bool
  /// The objects a missing or extra table takes with it (its columns, constraints, indexes,
  /// triggers): part of this difference, not reported apart.
  public var absorbed: [SchemaObject] = []
  /// The last migration of the plan whose statements touch the object (nil: none does).
  public var migration: Int?

  /// The object as the difference names it.
  public var object: SchemaObject { (expected ?? live)! }
}

/// Compares the schema the migrations build (`expected`, a scratch database) with the live one.
/// Pure.
public enum DriftComparison {
  public static func compare(expected: SchemaDescription, live: SchemaDescription) -> [DriftDifference] {
    let expectedByKey = expected.byKey
    let liveByKey = live.byKey
    var differences: [DriftDifference] = []
    for object in expected.objects where liveByKey[object.key] == nil {
      differences.append(DriftDifference(change: .missing, expected: object, live: nil, properties: [], cosmetic: false))
    }
    for object in live.objects where expectedByKey[object.key] == nil {
      differences.append(DriftDifference(change: .extra, expected: nil, live: object, properties: [], cosmetic: false))
    }
    for object in expected.objects {
      guard let other = liveByKey[object.key], let difference = changed(object, other) else { continue }
      differences.append(difference)
    }
    differences += columnOrder(expected: expected, live: live)
    return absorbingTables(differences).sorted(by: order)
  }

  /// A property that differs, real ones first.
  static func changed(_ expected: SchemaObject, _ live: SchemaObject) -> DriftDifference? {
    let real = differing(expected.properties, live.properties)
    let cosmetic = differing(expected.cosmetic, live.cosmetic)
    guard !real.isEmpty || !cosmetic.isEmpty else { return nil }
    return DriftDifference(change: .changed, expected: expected, live: live, properties: real + cosmetic, cosmetic: real.isEmpty)
  }

  static func differing(_ expected: [String: String], _ live: [String: String]) -> [DriftDifference.Property] {
    Set(expected.keys).union(live.keys).sorted().compactMap { name in
      expected[name] == live[name] ? nil : DriftDifference.Property(name: name, expected: expected[name], live: live[name])
    }
  }

  /// Per table both have: the order of the columns both have, when it differs (cosmetic: a
  /// down migration that drops and re-adds a column puts it last).
  static func columnOrder(expected: SchemaDescription, live: SchemaDescription) -> [DriftDifference] {
    let liveTables = Dictionary(grouping: live.objects.filter { $0.kind == .column }, by: { $0.owningTableKey ?? "" })
    let expectedTables = Dictionary(grouping: expected.objects.filter { $0.kind == .column }, by: { $0.owningTableKey ?? "" })
    let tables = expected.byKey
    return expectedTables.compactMap { table, columns in
      guard let liveColumns = liveTables[table], let tableObject = tables["table \(table)"] else { return nil }
      let shared = Set(columns.map(\.name)).intersection(liveColumns.map(\.name))
      let order = { (columns: [SchemaObject]) in
        columns.filter { shared.contains($0.name) }.sorted { ($0.position ?? 0) < ($1.position ?? 0) }.map(\.name).joined(separator: ", ")
      }
      let (want, have) = (order(columns), order(liveColumns))
      guard want != have else { return nil }
      return DriftDifference(
        change: .changed, expected: tableObject, live: tableObject, properties: [.init(name: "column order", expected: want, live: have)],
        cosmetic: true)
    }
  }

  /// The columns out of place in `live`'s order: those outside the longest run the two orders
  /// share (a column a down migration dropped and re-added shows up here, not its neighbours).
  public static func movedColumns(expected: [String], live: [String]) -> [String] {
    var lengths = Array(repeating: Array(repeating: 0, count: live.count + 1), count: expected.count + 1)
    for i in stride(from: expected.count - 1, through: 0, by: -1) {
      for j in stride(from: live.count - 1, through: 0, by: -1) {
        lengths[i][j] = expected[i] == live[j] ? lengths[i + 1][j + 1] + 1 : max(lengths[i + 1][j], lengths[i][j + 1])
      }
    }
    var inPlace = Set<String>()
    var (i, j) = (0, 0)
    while i < expected.count, j < live.count {
      if expected[i] == live[j] {
        inPlace.insert(live[j])
        (i, j) = (i + 1, j + 1)
      } else if lengths[i + 1][j] >= lengths[i][j + 1] {
        i += 1
      } else {
        j += 1
      }
    }
    return live.filter { !inPlace.contains($0) }
  }

  /// A missing or extra table is one difference: its own columns, constraints, indexes and
  /// triggers (missing or extra with it) go into it instead of being listed apart.
  static func absorbingTables(_ differences: [DriftDifference]) -> [DriftDifference] {
    let tables = differences.filter { $0.change != .changed && $0.object.kind == .table }
    let wholeTables = Dictionary(tables.map { ("\($0.change) \($0.object.relationKey)", $0) }, uniquingKeysWith: { first, _ in first })
    var absorbed: [String: [SchemaObject]] = [:]
    var kept: [DriftDifference] = []
    for difference in differences {
      if difference.change != .changed, let owner = difference.object.owningTableKey, wholeTables["\(difference.change) \(owner)"] != nil {
        absorbed["\(difference.change) \(owner)", default: []].append(difference.object)
      } else {
        kept.append(difference)
      }
    }
    return kept.map { difference in
      var difference = difference
      if difference.change != .changed, difference.object.kind == .table {
        difference.absorbed = absorbed["\(difference.change) \(difference.object.relationKey)"] ?? []
      }
      return difference
    }
  }

  /// Real before cosmetic, then by kind (tables first) and name.
  static func order(_ a: DriftDifference, _ b: DriftDifference) -> Bool {
    let kinds = SchemaObject.Kind.allCases
    let rank = { (d: DriftDifference) in (d.cosmetic ? 1 : 0, kinds.firstIndex(of: d.object.kind) ?? 0) }
    let (ra, rb) = (rank(a), rank(b))
    return ra != rb ? ra < rb : a.object.path < b.object.path
  }
}
