import Migrations

/// The catalog objects a diagnose pass needs: those the failed and pending migrations name.
/// Diagnose reads these (by name, in any schema) instead of the whole catalog, so its cost follows
/// the incident, not the size of the database. The cheap database-wide facts (invalid indexes,
/// lock holders, index builds, schemas, extensions) are always read in full.
public struct CatalogScope: Equatable, Sendable {
  /// Tables, views, sequences and indexes, by name as the server stores it.
  public var relations: Set<String> = []
  public var functions: Set<String> = []
  public var types: Set<String> = []

  public init() {}

  public var isEmpty: Bool { relations.isEmpty && functions.isEmpty && types.isEmpty }

  public mutating func formUnion(_ other: CatalogScope) {
    relations.formUnion(other.relations)
    functions.formUnion(other.functions)
    types.formUnion(other.types)
  }

  /// The objects the statements of `sql` name.
  public mutating func add(sql: String) {
    for statement in SQLSplitter.split(sql) { add(StatementParser.parse(statement.text)) }
  }

  /// What a diagnose of this ledger analyses: the SQL of every failed or pending attempt (its up
  /// or down SQL) and of a legacy dirty flag's version.
  public static func needed(by ledger: LedgerSnapshot, graph: MigrationGraph?) -> CatalogScope {
    var scope = CatalogScope()
    guard let graph else { return scope }
    for entry in ledger.entries where entry.state == .failed || entry.state == .pending {
      guard let definition = graph[entry.version] else { continue }
      scope.add(sql: entry.up ? definition.upQuery : definition.downQuery)
      if let index = definition.concurrentIndex { scope.relations.formUnion([index.catalogIndexName, index.tableName.lowercased()]) }
    }
    if let legacy = ledger.legacy, let dirty = legacy.rows.first(where: \.dirty), let definition = graph[dirty.version] {
      scope.add(sql: definition.upQuery)
    }
    return scope
  }

  private mutating func add(_ intent: StatementIntent) {
    switch intent {
    case .createRelation(_, let name, _, _): relations.insert(name.name)
    case .dropRelations(_, let names, _): relations.formUnion(names.map(\.name))
    case .renameRelation(let from, let to): relations.formUnion([from.name, to])
    case .createIndex(let name, let table, _, _): relations.formUnion([table.name] + (name.map { [$0.name] } ?? []))
    case .createType(let name, _, _), .addEnumValue(let name, _, _): types.insert(name.name)
    case .dropTypes(let names, _): types.formUnion(names.map(\.name))
    case .createFunction(let name, _, _): functions.insert(name.name)
    case .dropFunctions(let names, _): functions.formUnion(names.map(\.name))
    case .createTrigger(_, let table, _), .dropTrigger(_, let table, _), .alterTable(let table, _): relations.insert(table.name)
    case .comment(let subject, _):
      switch subject {
      case .relation(let name), .column(let name, _): relations.insert(name.name)
      case .type(let name): types.insert(name.name)
      case .schema, .extension, .other: break
      }
    case .createExtension, .dropExtensions, .createSchema, .dropSchemas, .unprovable: break
    }
  }
}
