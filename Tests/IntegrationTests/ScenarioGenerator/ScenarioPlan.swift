import Migrations
import SeededRandom

/// One generated incident, chosen from Sourcegraph's stitched graph by a seed: a schema at a
/// release, one migration of the next release that an attempt left dirty, and how far it got.
struct ScenarioPlan: CustomStringConvertible {
  enum Kind: String, CaseIterable {
    /// The up attempt failed (recorded failed) after its first k statements took effect.
    case failedUp = "failed up"
    /// The up attempt died (row pending, nothing running it).
    case deadPendingUp = "dead pending up"
    /// Pending while a live session holds the schema's migration lock.
    case liveLockHolder = "live lock holder"
    /// A concurrent index build left an INVALID index and a failed row.
    case concurrentIndexLeftover = "concurrent-index leftover"
    /// The down attempt died (row pending) after its first k statements took effect.
    case halfDoneRevert = "half-done revert"
  }

  var seed: UInt64
  var kind: Kind
  var schema: Schema
  /// The release the database is at before the migration's ancestors in the next one.
  var base: String
  /// The release whose definitions diagnose and the repairs use.
  var release: String
  var migration: Definition
  /// The migration's ancestors that are new in `release`, applied before it (in order).
  var ancestors: [Definition]
  /// How many statements the attempt ran (of the up SQL, or the down SQL for a revert).
  var ran: Int
  /// The attempt's statements as PostgreSQL's parser splits them (the truth).
  var statements: [String]

  var description: String {
    "seed \(seed): \(kind.rawValue), \(schema.rawValue) \(base)→\(release), migration \(migration.id) (\(migration.name)), "
      + "\(ran) of \(statements.count) statements ran"
  }

  /// Part of a migration that runs in one transaction ran: only by hand, one statement at a time.
  var byHand: Bool {
    [.failedUp, .deadPendingUp, .halfDoneRevert].contains(kind) && ran > 0 && ran < statements.count
  }

  /// What the attempt's SQL ran: the first `ran` statements. The verdict a perfect diagnose gives.
  var truth: String {
    if kind == .liveLockHolder { return "in-progress" }
    if kind == .concurrentIndexLeftover { return "not-applied" }
    return ran == 0 ? "not-applied" : ran == statements.count ? "fully-applied" : "partially-applied"
  }
}

/// The stitched graph arranged for choosing scenarios: each schema's releases in order, and the
/// migrations each release adds.
struct ScenarioCatalog {
  struct Step {
    var schema: Schema
    var base: String
    var release: String
    /// Migrations in `release` and not in `base`.
    var added: [Definition]
  }

  let graph: StitchedGraph
  let steps: [Step]
  let definitions: [Schema: [Int: Definition]]

  init(_ graph: StitchedGraph) {
    self.graph = graph
    var steps: [Step] = []
    var definitions: [Schema: [Int: Definition]] = [:]
    for schema in Schema.allCases {
      guard let stitched = graph.schemas[schema.rawValue] else { continue }
      let byID = Dictionary(stitched.definitions.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
      definitions[schema] = byID
      let releases = stitched.bounds.filter { !$0.value.preCreation }.keys.sorted(by: Self.older)
      for (base, release) in zip(releases, releases.dropFirst()) {
        let before = Self.applied(schema: stitched, release: base, byID)
        let after = Self.applied(schema: stitched, release: release, byID)
        let added = after.subtracting(before).sorted().compactMap { byID[$0] }
        if !added.isEmpty { steps.append(Step(schema: schema, base: base, release: release, added: added)) }
      }
    }
    self.steps = steps
    self.definitions = definitions
  }

  /// Every migration a database at the release has: the ancestors of its leaves.
  static func applied(schema: StitchedGraph.StitchedSchema, release: String, _ byID: [Int: Definition]) -> Set<Int> {
    var seen = Set<Int>()
    var queue = schema.bounds[release]?.leafIDs ?? []
    while let id = queue.popLast() {
      guard seen.insert(id).inserted else { continue }
      queue += byID[id]?.parents ?? []
    }
    return seen
  }

  func applied(_ schema: Schema, release: String) -> Set<Int> {
    guard let stitched = graph.schemas[schema.rawValue], let byID = definitions[schema] else { return [] }
    return Self.applied(schema: stitched, release: release, byID)
  }

  /// `v3.9.0` before `v3.10.0`.
  static func older(_ a: String, _ b: String) -> Bool {
    func parts(_ tag: String) -> [Int] { tag.dropFirst().split(separator: ".").map { Int($0) ?? 0 } }
    return parts(a).lexicographicallyPrecedes(parts(b))
  }

  /// The migrations of `ids` in an order the graph allows: parents first, then by id.
  func ordered(_ ids: Set<Int>, in schema: Schema) -> [Definition] {
    let byID = definitions[schema] ?? [:]
    var done = Set<Int>()
    var order: [Definition] = []
    var remaining = ids.sorted()
    while !remaining.isEmpty {
      guard let next = remaining.firstIndex(where: { id in (byID[id]?.parents ?? []).allSatisfy { !ids.contains($0) || done.contains($0) } }) else { break }
      let id = remaining.remove(at: next)
      done.insert(id)
      if let definition = byID[id] { order.append(definition) }
    }
    return order
  }

  /// The migration's ancestors within the step's additions, in order.
  func ancestors(of migration: Definition, in step: Step) -> [Definition] {
    let added = Set(step.added.map(\.id))
    let byID = definitions[step.schema] ?? [:]
    var seen = Set<Int>()
    var queue = migration.parents
    while let id = queue.popLast() {
      guard added.contains(id), seen.insert(id).inserted else { continue }
      queue += byID[id]?.parents ?? []
    }
    return ordered(seen, in: step.schema)
  }

  /// The scenario for a seed: kinds in turn (seed mod 5), the rest drawn from the seed.
  /// `split` gives PostgreSQL's statement split of a migration's SQL.
  func plan(seed: UInt64, split: (String) throws -> [String]) throws -> ScenarioPlan? {
    var random = SplitMix64(seed: seed)
    let kind = ScenarioPlan.Kind.allCases[Int(seed % UInt64(ScenarioPlan.Kind.allCases.count))]
    let candidates: [(Step, Definition)] = steps.flatMap { step in step.added.map { (step, $0) } }.filter { _, definition in
      guard !definition.privileged, definition.id > 0 else { return false }
      return kind == .concurrentIndexLeftover ? definition.isCreateIndexConcurrently : !definition.isCreateIndexConcurrently
    }
    for _ in 0..<50 {
      guard let (step, migration) = candidates.randomElement(using: &random) else { return nil }
      let sql = kind == .halfDoneRevert ? migration.downQuery : migration.upQuery
      let statements = try split(sql)
      if kind != .concurrentIndexLeftover, statements.count < 2 { continue }
      let n = statements.count
      let roll = Int.random(in: 0..<10, using: &random)
      let ran = kind == .concurrentIndexLeftover ? 0 : roll < 4 ? 0 : roll < 8 ? n : Int.random(in: 1..<n, using: &random)
      return ScenarioPlan(
        seed: seed, kind: kind, schema: step.schema, base: step.base, release: step.release, migration: migration,
        ancestors: ancestors(of: migration, in: step), ran: ran, statements: statements)
    }
    return nil
  }
}
