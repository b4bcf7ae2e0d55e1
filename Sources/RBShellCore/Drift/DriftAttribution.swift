import Migrations

/// Which migration an object's state comes from: the last one, in plan order, whose statements
/// touch it (create, alter, rename, drop or comment on it) — the one to read when the live object
/// differs. Names are matched as the server stores them, without schema (Sourcegraph's objects
/// all live in `public`). Pure.
public struct DriftAttribution: Sendable {
  var lastTouch: [String: Int] = [:]

  /// - Parameter definitions: the migrations in the order they are applied.
  public init(_ definitions: [Definition]) {
    for definition in definitions {
      for statement in SQLSplitter.split(definition.upQuery) {
        for key in Self.touched(StatementParser.parse(statement.text)) { lastTouch[key] = definition.id }
      }
      if let index = definition.concurrentIndex { lastTouch["relation \(index.catalogIndexName)"] = definition.id }
    }
  }

  /// The migration for an object: its own name first, then — `viaTable`, for what belongs to a
  /// table when no statement names it (a column made by `CREATE TABLE`) — its table's. An extra
  /// object is looked up by its own name only: its table's migrations did not make it.
  public func migration(for object: SchemaObject, viaTable: Bool = true) -> Int? {
    let own: String =
      switch object.kind {
      case .table, .view, .materializedView, .sequence, .index: "relation \(object.name)"
      case .column: "column \(object.table ?? "").\(object.name)"
      case .constraint: "constraint \(object.name)"
      case .trigger: "trigger \(object.table ?? "").\(object.name)"
      case .function: "function \(object.name.prefix { $0 != "(" })"
      case .enumType: "type \(object.name)"
      case .extension: "extension \(object.name)"
      }
    return lastTouch[own] ?? (viaTable ? object.table.flatMap { lastTouch["relation \($0)"] } : nil)
  }

  static func touched(_ intent: StatementIntent) -> [String] {
    switch intent {
    case .createRelation(_, let name, _, _): ["relation \(name.name)"]
    case .dropRelations(_, let names, _): names.map { "relation \($0.name)" }
    case .renameRelation(let from, let to): ["relation \(from.name)", "relation \(to)"]
    case .createIndex(let name, let table, _, _): name.map { ["relation \($0.name)"] } ?? ["relation \(table.name)"]
    case .createType(let name, _, _), .addEnumValue(let name, _, _): ["type \(name.name)"]
    case .dropTypes(let names, _): names.map { "type \($0.name)" }
    case .createFunction(let name, _, _): ["function \(name.name)"]
    case .dropFunctions(let names, _): names.map { "function \($0.name)" }
    case .createTrigger(let name, let table, _), .dropTrigger(let name, let table, _): ["trigger \(table.name).\(name)"]
    case .createExtension(let name, _): ["extension \(name)"]
    case .dropExtensions(let names, _): names.map { "extension \($0)" }
    case .alterTable(let table, let actions): ["relation \(table.name)"] + actions.flatMap { touched($0, table: table.name) }
    case .comment(let subject, _):
      switch subject {
      case .relation(let name): ["relation \(name.name)"]
      case .column(let name, let column): ["column \(name.name).\(column)"]
      case .type(let name): ["type \(name.name)"]
      case .extension(let name): ["extension \(name)"]
      case .schema, .other: []
      }
    case .createSchema, .dropSchemas, .unprovable: []
    }
  }

  static func touched(_ action: StatementIntent.TableAction, table: String) -> [String] {
    switch action {
    case .addColumn(let column, _, _), .dropColumn(let column, _), .setColumnType(let column, _), .setNotNull(let column),
      .dropNotNull(let column), .setDefault(let column, _), .dropDefault(let column):
      ["column \(table).\(column)"]
    case .renameColumn(let from, let to): ["column \(table).\(from)", "column \(table).\(to)"]
    case .addConstraint(let name?), .dropConstraint(let name, _): ["constraint \(name)"]
    case .addConstraint(nil), .addUnnamedConstraint, .unprovable: []
    }
  }
}
