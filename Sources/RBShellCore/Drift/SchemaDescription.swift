/// A database's schema as drift compares it: every object a migration can create, with the
/// properties that make it behave (a difference there is drift) kept apart from those that do not
/// (column order, comments, an extension's version: a difference there is cosmetic). Read from
/// the catalog by the store; compared here without I/O.
public struct SchemaDescription: Sendable, Equatable {
  public var objects: [SchemaObject]

  public init(objects: [SchemaObject]) { self.objects = objects }

  /// Objects by identity (`SchemaObject.key`).
  public var byKey: [String: SchemaObject] { Dictionary(objects.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first }) }

  /// The description without the objects `excluded` says are not this schema's (another schema's
  /// objects in a shared database, the ledgers), and without what belongs to them.
  public func filter(_ excluded: (SchemaObject) -> Bool) -> SchemaDescription {
    let dropped = Set(objects.filter(excluded).filter { $0.kind == .table }.map(\.relationKey))
    return SchemaDescription(objects: objects.filter { !excluded($0) && !dropped.contains($0.owningTableKey ?? "") })
  }
}

public struct SchemaObject: Sendable, Equatable, Codable {
  public enum Kind: String, Sendable, Codable, CaseIterable {
    case table, column, constraint, index, sequence, view
    case materializedView = "materialized-view"
    case function, trigger
    case enumType = "enum"
    case `extension`
  }

  public var kind: Kind
  public var schema: String
  /// The object's own name; a function's includes its argument types (`f(integer, text)`), as
  /// overloads are distinct objects.
  public var name: String
  /// The table a column, constraint, index or trigger belongs to.
  public var table: String?
  /// Compared: a difference here is drift.
  public var properties: [String: String]
  /// Compared, but a difference here is cosmetic.
  public var cosmetic: [String: String]
  /// A column's place among its table's columns (1-based, dropped columns not counted): only
  /// the order of the columns both databases have is compared, and only as cosmetic.
  public var position: Int?
  /// The server's own SQL that creates it (`pg_get_indexdef`, `pg_get_functiondef`, …), when it
  /// has one: the basis of the SQL that makes the live database match.
  public var definition: String?

  public init(
    _ kind: Kind, schema: String, name: String, table: String? = nil, properties: [String: String] = [:], cosmetic: [String: String] = [:],
    position: Int? = nil, definition: String? = nil
  ) {
    self.kind = kind
    self.schema = schema
    self.name = name
    self.table = table
    self.properties = properties
    self.cosmetic = cosmetic
    self.position = position
    self.definition = definition
  }

  /// `kind schema.[table.]name`: the same object in both databases.
  public var key: String { "\(kind.rawValue) \(path)" }

  /// `schema.name`, or `schema.table.name` for what belongs to a table.
  public var path: String { [schema, table, name].compactMap { $0 }.joined(separator: ".") }

  /// The table-like relation this object is (tables, views, sequences share one namespace).
  var relationKey: String { "\(schema).\(name)" }

  /// The relation key of the table this object belongs to.
  var owningTableKey: String? { table.map { "\(schema).\($0)" } }
}
