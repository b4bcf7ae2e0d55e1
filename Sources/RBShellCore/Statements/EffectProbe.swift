/// Decides from a catalog snapshot whether a statement's effect is present.
///
/// A statement guarded by `IF NOT EXISTS`, `IF EXISTS` or `OR REPLACE` succeeds whether or not it
/// changed anything, so finding its object proves little: such evidence is marked weak.
public struct EffectProbe {
  let catalog: CatalogSnapshot

  public init(catalog: CatalogSnapshot) { self.catalog = catalog }

  public func state(of sql: String) -> StatementState {
    state(of: StatementParser.parse(sql))
  }

  public func state(of intent: StatementIntent) -> StatementState {
    switch intent {
    case .createRelation(let kind, let name, let ifNotExists, let orReplace):
      return exists(relation: name, kind: kind, weak: ifNotExists || orReplace)
    case .dropRelations(let kind, let names, let ifExists):
      return .all(names.map { absent(relation: $0, kind: kind, weak: ifExists) })
    case .renameRelation(let from, let to):
      return renamed(from, to: to)
    case .createIndex(let name, let table, let ifNotExists, _):
      return index(name, on: table, weak: ifNotExists)
    case .createType(let name, _, let labels):
      return type(name, labels: labels)
    case .dropTypes(let names, let ifExists):
      return .all(names.map { catalog.type($0) == nil ? .applied("type \($0) is gone", weak: ifExists) : .notApplied("type \($0) still exists") })
    case .addEnumValue(let name, let value, let ifNotExists):
      return enumValue(value, in: name, weak: ifNotExists)
    case .createFunction(let name, let orReplace, let body):
      return function(name, orReplace: orReplace, body: body)
    case .dropFunctions(let names, let ifExists):
      return .all(names.map { catalog.function($0) == nil ? .applied("function \($0) is gone", weak: ifExists) : .notApplied("function \($0) still exists") })
    case .createTrigger(let name, let table, let orReplace):
      return trigger(name, on: table) ? .applied("trigger \(name) exists on \(table)", weak: orReplace) : .notApplied("trigger \(name) is not on \(table)")
    case .dropTrigger(let name, let table, let ifExists):
      return trigger(name, on: table) ? .notApplied("trigger \(name) is still on \(table)") : .applied("trigger \(name) is not on \(table)", weak: ifExists)
    case .createExtension(let name, let ifNotExists):
      return catalog.extensions[name].map { .applied("extension \(name) \($0) is installed", weak: ifNotExists) }
        ?? .notApplied("extension \(name) is not installed")
    case .dropExtensions(let names, let ifExists):
      return .all(
        names.map {
          catalog.extensions[$0] == nil ? .applied("extension \($0) is not installed", weak: ifExists) : .notApplied("extension \($0) is still installed")
        })
    case .createSchema(let name, let ifNotExists):
      return catalog.schemas.contains(name) ? .applied("schema \(name) exists", weak: ifNotExists) : .notApplied("schema \(name) does not exist")
    case .dropSchemas(let names, let ifExists):
      return .all(names.map { catalog.schemas.contains($0) ? .notApplied("schema \($0) still exists") : .applied("schema \($0) is gone", weak: ifExists) })
    case .alterTable(let table, let actions):
      return TableActionProbe(catalog: catalog, table: table).state(of: actions)
    case .comment(let subject, let text):
      return CommentProbe(catalog: catalog).state(of: subject, text: text)
    case .unprovable(let why):
      return .unknown(why)
    }
  }

  private func exists(relation name: ObjectName, kind: Relation.Kind, weak: Bool) -> StatementState {
    guard let (key, relation) = catalog.relation(name) else { return .notApplied("\(kind.label) \(name) does not exist") }
    guard relation.kind.matches(kind) else {
      return .unknown("\(key) exists, but as a \(relation.kind.label), not a \(kind.label)")
    }
    return .applied("\(kind.label) \(key) exists", weak: weak)
  }

  private func absent(relation name: ObjectName, kind: Relation.Kind, weak: Bool) -> StatementState {
    let key =
      kind == .index
      ? catalog.resolve(name, in: { catalog.indexes[$0] != nil }) : catalog.relation(name)?.0
    guard let key else { return .applied("\(kind.label) \(name) does not exist", weak: weak) }
    return .notApplied("\(kind.label) \(key) still exists")
  }

  private func renamed(_ from: ObjectName, to: String) -> StatementState {
    let old = catalog.relation(from)
    let new = catalog.relation(ObjectName(schema: old?.0.schema ?? from.schema, to))
    switch (old, new) {
    case (nil, _?): return .applied("\(from) is now \(to)")
    case (_?, nil): return .notApplied("\(from) is not renamed to \(to) yet")
    case (nil, nil): return .unknown("neither \(from) nor \(to) exists")
    case (_?, _?): return .unknown("both \(from) and \(to) exist")
    }
  }

  private func index(_ name: ObjectName?, on table: ObjectName, weak: Bool) -> StatementState {
    guard let name else { return .unknown("an unnamed index cannot be told apart from others on \(table)") }
    let schema = name.schema ?? catalog.relation(table)?.0.schema ?? catalog.creationSchema(for: table)
    guard let index = catalog.indexes[QualifiedName(schema, name.name)] else {
      return .notApplied("index \(name.name) does not exist")
    }
    guard index.valid else { return .notApplied("index \(schema).\(name.name) exists but is INVALID (an interrupted build)") }
    return .applied("index \(schema).\(name.name) exists and is valid", weak: weak)
  }

  private func type(_ name: ObjectName, labels: [String]) -> StatementState {
    guard let info = catalog.type(name) else { return .notApplied("type \(name) does not exist") }
    if !labels.isEmpty, Array(info.labels.prefix(labels.count)) != labels {
      return .unknown("type \(name) exists with values \(info.labels), not \(labels)")
    }
    return .applied("type \(name) exists")
  }

  private func enumValue(_ value: String, in name: ObjectName, weak: Bool) -> StatementState {
    guard let info = catalog.type(name) else { return .unknown("type \(name) does not exist") }
    return info.labels.contains(value) ? .applied("type \(name) has value '\(value)'", weak: weak) : .notApplied("type \(name) has no value '\(value)'")
  }

  /// With the catalog's bodies at hand, the body decides: `OR REPLACE` over an older version
  /// leaves the function in place with the old text.
  private func function(_ name: ObjectName, orReplace: Bool, body: String?) -> StatementState {
    guard let key = catalog.resolve(name, in: { catalog.functions[$0] != nil }) else { return .notApplied("function \(name) does not exist") }
    if let body, let bodies = catalog.functionBodies[key], !bodies.isEmpty {
      return bodies.contains(body)
        ? .applied("function \(key) exists with this body")
        : .notApplied("function \(key) exists with another body (an older version)")
    }
    return .applied("function \(key) exists" + (orReplace ? " (OR REPLACE: it may be an older body)" : ""), weak: orReplace)
  }

  private func trigger(_ name: String, on table: ObjectName) -> Bool {
    guard let (key, _) = catalog.relation(table) else { return false }
    return catalog.triggers[key]?.contains(name) == true
  }
}

extension Relation.Kind {
  var label: String {
    switch self {
    case .table: "table"
    case .view: "view"
    case .materializedView: "materialized view"
    case .sequence: "sequence"
    case .index: "index"
    case .foreignTable: "foreign table"
    case .partitionedTable: "partitioned table"
    case .other: "relation"
    }
  }

  /// A partitioned table is still a table for `CREATE TABLE`.
  func matches(_ other: Relation.Kind) -> Bool {
    self == other || (other == .table && self == .partitionedTable)
  }
}

extension CatalogSnapshot {
  func type(_ name: ObjectName) -> TypeInfo? {
    resolve(name, in: { types[$0] != nil }).flatMap { types[$0] }
  }

  func function(_ name: ObjectName) -> Int? {
    resolve(name, in: { functions[$0] != nil }).flatMap { functions[$0] }
  }
}
