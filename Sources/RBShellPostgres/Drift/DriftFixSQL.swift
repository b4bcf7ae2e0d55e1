import PostgresClient
import RBShellCore

/// The SQL that would make the live object match the one the migrations build, for the
/// operator to review (drift itself never runs it). Built from the expected object's catalog
/// facts and the server's own definitions (`pg_get_indexdef`, `pg_get_functiondef`, …).
public enum DriftFixSQL {
  public static func statements(for difference: DriftDifference) -> [String] {
    switch difference.change {
    case .missing: return create(difference.object, with: difference.absorbed)
    case .extra: return [drop(difference.object)]
    case .changed:
      guard let expected = difference.expected, let live = difference.live else { return [] }
      return changed(expected, live, difference.properties)
    }
  }

  static func name(_ object: SchemaObject) -> String { Quoting.qualified(object.schema, object.name) }
  static func table(_ object: SchemaObject) -> String { Quoting.qualified(object.schema, object.table ?? "") }
  static func ident(_ text: String) -> String { Quoting.identifier(text) }

  static func create(_ object: SchemaObject, with absorbed: [SchemaObject] = []) -> [String] {
    switch object.kind {
    case .table:
      let columns = absorbed.filter { $0.kind == .column }.sorted { ($0.position ?? 0) < ($1.position ?? 0) }
      let unlogged = object.properties["persistence"] == "unlogged" ? "UNLOGGED " : ""
      let body = columns.map { "  " + columnDefinition($0) }.joined(separator: ",\n")
      // Its sequences before it (a column default names one), their ownership after it.
      let sequences = absorbed.filter { $0.kind == .sequence }
      let rest = absorbed.filter { $0.kind != .column && $0.kind != .sequence }
      return sequences.map(createSequence) + ["CREATE \(unlogged)TABLE \(name(object)) (\n\(body)\n)"] + sequences.compactMap(ownedBy)
        + rest.flatMap { create($0) }
    case .column: return ["ALTER TABLE \(table(object)) ADD COLUMN \(columnDefinition(object))"]
    case .constraint: return ["ALTER TABLE \(table(object)) ADD CONSTRAINT \(ident(object.name)) \(object.definition ?? "")"]
    case .index, .trigger, .function: return [object.definition ?? "-- no definition read for \(object.key)"]
    case .sequence: return [createSequence(object)] + (ownedBy(object).map { [$0] } ?? [])
    case .view: return ["CREATE OR REPLACE VIEW \(name(object)) AS\n\(viewQuery(object))"]
    case .materializedView: return ["CREATE MATERIALIZED VIEW \(name(object)) AS\n\(viewQuery(object))"]
    case .enumType:
      let labels = enumLabels(object).map(Quoting.literal).joined(separator: ", ")
      return ["CREATE TYPE \(name(object)) AS ENUM (\(labels))"]
    case .extension: return ["CREATE EXTENSION IF NOT EXISTS \(ident(object.name)) SCHEMA \(ident(object.schema))"]
    }
  }

  static func createSequence(_ object: SchemaObject) -> String {
    let p = object.properties
    let cycle = p["cycle"] == "true" ? " CYCLE" : ""
    return "CREATE SEQUENCE \(name(object)) AS \(p["type"] ?? "bigint") INCREMENT BY \(p["increment"] ?? "1") MINVALUE \(p["min"] ?? "1") "
      + "MAXVALUE \(p["max"] ?? "") START WITH \(object.cosmetic["start"] ?? "1")\(cycle)"
  }

  /// `OWNED BY` the column of a sequence a column owns (`serial`).
  static func ownedBy(_ sequence: SchemaObject) -> String? {
    sequence.properties["owned by"].map { "ALTER SEQUENCE \(name(sequence)) OWNED BY \(table(sequence)).\(ident($0))" }
  }

  static func drop(_ object: SchemaObject) -> String {
    switch object.kind {
    case .table: "DROP TABLE \(name(object))"
    case .column: "ALTER TABLE \(table(object)) DROP COLUMN \(ident(object.name))"
    case .constraint: "ALTER TABLE \(table(object)) DROP CONSTRAINT \(ident(object.name))"
    case .index: "DROP INDEX \(name(object))"
    case .sequence: "DROP SEQUENCE \(name(object))"
    case .view: "DROP VIEW \(name(object))"
    case .materializedView: "DROP MATERIALIZED VIEW \(name(object))"
    case .function:
      // The name carries its argument types: `f(integer, text)`.
      "DROP \(object.properties["kind"] == "p" ? "PROCEDURE" : object.properties["kind"] == "a" ? "AGGREGATE" : "FUNCTION") "
        + "\(ident(object.schema)).\(functionSignature(object.name))"
    case .trigger: "DROP TRIGGER \(ident(object.name)) ON \(table(object))"
    case .enumType: "DROP TYPE \(name(object))"
    case .extension: "DROP EXTENSION \(ident(object.name))"
    }
  }

  static func changed(_ expected: SchemaObject, _ live: SchemaObject, _ properties: [DriftDifference.Property]) -> [String] {
    let real = properties.filter { expected.properties[$0.name] != nil || live.properties[$0.name] != nil }
    var statements = real.isEmpty ? [] : realChanges(expected, live, real)
    if let comment = properties.first(where: { $0.name == "comment" }) { statements.append(commentOn(expected, comment.expected)) }
    if expected.kind == .extension, let version = properties.first(where: { $0.name == "version" })?.expected {
      statements.append("ALTER EXTENSION \(ident(expected.name)) UPDATE TO \(Quoting.literal(version))")
    }
    return statements
  }

  /// The statements for the properties that are not cosmetic (`real` is not empty).
  static func realChanges(_ expected: SchemaObject, _ live: SchemaObject, _ real: [DriftDifference.Property]) -> [String] {
    let names = Set(real.map(\.name))
    switch expected.kind {
    case .column: return real.compactMap { alterColumn(expected, $0) }
    case .sequence where names == ["owned by"]: return [ownedBy(expected) ?? "ALTER SEQUENCE \(name(expected)) OWNED BY NONE"]
    case .sequence:
      return [alterSequence(expected)] + (names.contains("owned by") ? [ownedBy(expected) ?? "ALTER SEQUENCE \(name(expected)) OWNED BY NONE"] : [])
    case .view: return create(expected)  // CREATE OR REPLACE: the server refuses it if the columns changed
    case .enumType: return enumValues(expected, live)
    case .table where names == ["persistence"]:
      return ["ALTER TABLE \(name(expected)) SET \(expected.properties["persistence"] == "unlogged" ? "UNLOGGED" : "LOGGED")"]
    case .index where names == ["valid"]: return ["REINDEX INDEX CONCURRENTLY \(name(expected))"]
    case .function where names.isSubset(of: ["body", "volatility", "strict", "security definer", "language"]): return create(expected)
    case .table:
      // Partitioning cannot be altered in place: the table (and its rows) must be rebuilt by hand.
      return [
        "-- \(expected.path): \(real.map { "\($0.name) is \($0.live ?? "none"), the migrations make it \($0.expected ?? "none")" }.joined(separator: "; ")): rebuild the table by hand"
      ]
    case .index, .constraint, .trigger, .materializedView, .function: return [drop(live)] + create(expected)
    case .extension: return []
    }
  }

  static func alterSequence(_ object: SchemaObject) -> String {
    let p = object.properties
    return "ALTER SEQUENCE \(name(object)) AS \(p["type"] ?? "bigint") INCREMENT BY \(p["increment"] ?? "1") MINVALUE \(p["min"] ?? "1") "
      + "MAXVALUE \(p["max"] ?? "") \(p["cycle"] == "true" ? "CYCLE" : "NO CYCLE")"
  }

  static func alterColumn(_ column: SchemaObject, _ property: DriftDifference.Property) -> String? {
    let alter = "ALTER TABLE \(table(column)) ALTER COLUMN \(ident(column.name))"
    let type = column.properties["type"] ?? "text"
    switch property.name {
    case "type": return "\(alter) TYPE \(type) USING \(ident(column.name))::\(type)"
    case "not null": return property.expected == "true" ? "\(alter) SET NOT NULL" : "\(alter) DROP NOT NULL"
    case "default": return property.expected.map { "\(alter) SET DEFAULT \($0)" } ?? "\(alter) DROP DEFAULT"
    case "collation": return "\(alter) TYPE \(type) COLLATE \(ident(property.expected ?? "default"))"
    default: return "-- \(column.path): \(property.name) is \(property.live ?? "none"), the migrations make it \(property.expected ?? "none")"
    }
  }

  static func columnDefinition(_ column: SchemaObject) -> String {
    let p = column.properties
    var parts = [ident(column.name), p["type"] ?? "text"]
    if let collation = p["collation"] { parts.append("COLLATE \(ident(collation))") }
    if let expression = p["default"] { parts.append("DEFAULT \(expression)") }
    if p["not null"] == "true" { parts.append("NOT NULL") }
    return parts.joined(separator: " ")
  }

  static func commentOn(_ object: SchemaObject, _ text: String?) -> String {
    let value = text.map(Quoting.literal) ?? "NULL"
    let target: String =
      switch object.kind {
      case .column: "COLUMN \(table(object)).\(ident(object.name))"
      case .constraint: "CONSTRAINT \(ident(object.name)) ON \(table(object))"
      case .trigger: "TRIGGER \(ident(object.name)) ON \(table(object))"
      case .function: "FUNCTION \(ident(object.schema)).\(functionSignature(object.name))"
      case .enumType: "TYPE \(name(object))"
      case .materializedView: "MATERIALIZED VIEW \(name(object))"
      default: "\(object.kind.rawValue.uppercased()) \(name(object))"
      }
    return "COMMENT ON \(target) IS \(value)"
  }

  /// `f(integer, text)` with the function's own name quoted.
  static func functionSignature(_ name: String) -> String {
    let open = name.firstIndex(of: "(") ?? name.endIndex
    return ident(String(name[..<open])) + name[open...]
  }

  static func viewQuery(_ object: SchemaObject) -> String {
    var query = (object.definition ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
    if query.hasSuffix(";") { query.removeLast() }
    return query
  }

  static func enumLabels(_ object: SchemaObject) -> [String] {
    (object.properties["values"] ?? "").split(separator: ", ", omittingEmptySubsequences: true).map(String.init)
  }

  /// The labels the live type lacks, each added after its predecessor; a label the migrations
  /// do not make cannot be dropped from an enum, so it is named, not removed.
  static func enumValues(_ expected: SchemaObject, _ live: SchemaObject) -> [String] {
    let want = enumLabels(expected)
    let have = Set(enumLabels(live))
    var statements: [String] = []
    for (index, label) in want.enumerated() where !have.contains(label) {
      let position = index == 0 ? (want.count > 1 ? " BEFORE \(Quoting.literal(want[1]))" : "") : " AFTER \(Quoting.literal(want[index - 1]))"
      statements.append("ALTER TYPE \(name(expected)) ADD VALUE \(Quoting.literal(label))\(position)")
    }
    for label in enumLabels(live) where !want.contains(label) {
      statements.append("-- \(expected.path): value \(Quoting.literal(label)) is not the migrations'; PostgreSQL cannot drop an enum value (recreate the type)")
    }
    return statements
  }
}
