import Migrations

/// What drift builds in its scratch database: the migrations that make the expected schema, in
/// the order the runner applies them (parents first), and a key naming that exact build (schema,
/// migrations and their SQL) so a kept scratch database is reused only for the same one. Pure.
public struct DriftPlan: Sendable {
  public var schema: Schema
  /// The migrations the database should have, as given.
  public var expected: [Int]
  /// The expected set's leaves: `upto` these from nothing builds it.
  public var targets: [Int]
  public var definitions: [Definition]
  /// Expected migrations the definitions do not have (a ledger row for an unknown version).
  public var unknown: [Int]
  /// Ancestors the build adds because the expected set lacks them (a ledger with a gap).
  public var addedAncestors: [Int]
  public var key: String

  /// - Parameter expected: the migrations the database should have (the ledger's applied ones,
  ///   or a release's).
  public init(graph: MigrationGraph, schema: Schema, expected: [Int]) throws(PlanError) {
    let known = Set(expected.filter(graph.contains))
    let targets = known.filter { id in !graph.children(of: id).contains(where: known.contains) }.sorted()
    let definitions = try graph.upPlan(applied: [], targets: targets)
    self.schema = schema
    self.expected = expected.sorted()
    self.targets = targets
    self.definitions = definitions
    self.unknown = expected.filter { !graph.contains($0) }.sorted()
    self.addedAncestors = definitions.map(\.id).filter { !known.contains($0) }
    self.key = Self.key(schema: schema, definitions: definitions)
  }

  /// FNV-1a (64-bit) of the schema and each migration's id and up SQL, in hex: a cache key, not
  /// a security measure.
  static func key(schema: Schema, definitions: [Definition]) -> String {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    func add(_ text: String) {
      for byte in text.utf8 {
        hash ^= UInt64(byte)
        hash = hash &* 0x100_0000_01b3
      }
    }
    add(schema.rawValue)
    for definition in definitions { add("\n\(definition.id)\n\(definition.upQuery)") }
    let hex = String(hash, radix: 16)
    return String(repeating: "0", count: 16 - hex.count) + hex
  }
}
