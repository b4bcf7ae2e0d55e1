import Migrations

/// A catalog fact a migration statement sets: an object's presence, a column's type, a
/// function's body. Keys are resolved as the server stores names, so two statements naming one
/// object share a key (`DROP INDEX i` and `CREATE INDEX i ON t`).
struct FactKey: Hashable, Sendable {
  var kind: String
  var name: String
}

/// What a statement leaves a fact at.
enum FactValue: Hashable, Sendable {
  case present, absent
  /// Present with this value (a type, a default, a body, a comment text).
  case value(String)
}

/// One fact a statement sets, and what the live catalog says about it.
struct StatementEffect: Sendable {
  var key: FactKey
  /// The relation whose removal takes this fact with it (a column, index, trigger, constraint).
  var parent: String?
  var value: FactValue
  /// `IF [NOT] EXISTS` / `OR REPLACE`: the statement succeeds whatever the fact was before, so it
  /// says nothing about the state before the migration.
  var guarded: Bool
  /// `applied`: the fact is at `value` now; `notApplied`: it is not; `unknown`: cannot be checked.
  var observed: StatementState
}

/// Everything one statement does to the catalog, in checkable facts.
struct StatementFacts: Sendable {
  var effects: [StatementEffect] = []
  /// Relations this statement drops: facts whose parent is one of them go with them.
  var removes: [String] = []
  /// Part of what it does cannot be seen in the catalog (a data change, a `DO` block, …).
  var unprovable = false
  /// The statement ends or starts a transaction itself, or otherwise cannot simply be re-run.
  var rerunnable = true
}

/// Splits a statement's intent into facts, each checked on its own against the catalog.
struct FactExtractor {
  let catalog: CatalogSnapshot
  let probe: EffectProbe

  init(catalog: CatalogSnapshot) {
    self.catalog = catalog
    probe = EffectProbe(catalog: catalog)
  }

  /// The hypothesis test over a file's statements.
  func test(_ statements: [SQLStatement]) -> HypothesisTest {
    HypothesisTest(statements.map { facts(of: StatementParser.parse($0.text)) })
  }

  func facts(of intent: StatementIntent) -> StatementFacts {
    var facts = StatementFacts()
    func add(_ key: FactKey, _ value: FactValue, guarded: Bool, _ observed: StatementState, parent: String? = nil) {
      facts.effects.append(StatementEffect(key: key, parent: parent, value: value, guarded: guarded, observed: observed))
    }
    switch intent {
    case .createRelation(_, let name, let ifNotExists, let orReplace):
      add(relationKey(name), .present, guarded: ifNotExists || orReplace, probe.state(of: intent))
    case .dropRelations(let kind, let names, let ifExists):
      for name in names {
        let key = relationKey(name)
        add(key, .absent, guarded: ifExists, probe.state(of: .dropRelations(kind, [name], ifExists: ifExists)))
        facts.removes.append(key.name)
      }
    case .renameRelation(let from, let to):
      let old = catalog.relation(from)
      let schema = old?.0.schema ?? from.schema
      let new = catalog.relation(ObjectName(schema: schema, to))
      add(
        relationKey(from), .absent, guarded: false,
        old == nil ? .applied("\(from) is gone") : .notApplied("\(from) still exists"))
      add(
        relationKey(ObjectName(schema: schema, to)), .present, guarded: false,
        new == nil ? .notApplied("\(to) does not exist") : .applied("\(to) exists"))
      facts.rerunnable = false
    case .createIndex(let name?, let table, let ifNotExists, _):
      let tableKey = relationKey(table)
      let schema = name.schema ?? catalog.relation(table)?.0.schema ?? catalog.creationSchema(for: table)
      add(FactKey(kind: "relation", name: "\(schema).\(name.name)"), .present, guarded: ifNotExists, probe.state(of: intent), parent: tableKey.name)
    case .createType(let name, _, _):
      add(typeKey(name), .present, guarded: false, probe.state(of: intent))
    case .dropTypes(let names, let ifExists):
      for name in names { add(typeKey(name), .absent, guarded: ifExists, probe.state(of: .dropTypes([name], ifExists: ifExists))) }
    case .addEnumValue(let name, let value, let ifNotExists):
      add(FactKey(kind: "enum value", name: "\(typeKey(name).name).\(value)"), .present, guarded: ifNotExists, probe.state(of: intent))
    case .createFunction(let name, let orReplace, let body):
      let key = functionKey(name)
      let bodyKnown = body != nil && !(catalog.functionBodies[QualifiedName(key.name)]?.isEmpty ?? true)
      // OR REPLACE succeeds over any body, the same one too: no evidence of the state before.
      add(key, bodyKnown ? .value(body!) : .present, guarded: orReplace, probe.state(of: intent))
      if !orReplace { facts.rerunnable = false }
    case .dropFunctions(let names, let ifExists):
      for name in names { add(functionKey(name), .absent, guarded: ifExists, probe.state(of: .dropFunctions([name], ifExists: ifExists))) }
    case .createTrigger(let name, let table, let orReplace):
      add(triggerKey(name, table), .present, guarded: orReplace, probe.state(of: intent), parent: relationKey(table).name)
    case .dropTrigger(let name, let table, let ifExists):
      add(triggerKey(name, table), .absent, guarded: ifExists, probe.state(of: intent), parent: relationKey(table).name)
    case .createExtension(let name, let ifNotExists):
      add(FactKey(kind: "extension", name: name), .present, guarded: ifNotExists, probe.state(of: intent))
    case .dropExtensions(let names, let ifExists):
      for name in names {
        add(FactKey(kind: "extension", name: name), .absent, guarded: ifExists, probe.state(of: .dropExtensions([name], ifExists: ifExists)))
      }
    case .createSchema(let name, let ifNotExists):
      add(FactKey(kind: "schema", name: name), .present, guarded: ifNotExists, probe.state(of: intent))
    case .dropSchemas(let names, let ifExists):
      for name in names { add(FactKey(kind: "schema", name: name), .absent, guarded: ifExists, probe.state(of: .dropSchemas([name], ifExists: ifExists))) }
    case .alterTable(let table, let actions):
      let tableProbe = TableActionProbe(catalog: catalog, table: table)
      let parent = relationKey(table).name
      for action in actions {
        guard let (key, value, guarded) = Self.fact(of: action, table: parent) else {
          facts.unprovable = true
          continue
        }
        add(key, value, guarded: guarded, tableProbe.state(of: [action]), parent: parent)
        if case .renameColumn = action { facts.rerunnable = false }
      }
    case .comment(let subject, let text):
      // COMMENT ON succeeds whatever the comment was: no evidence of the state before.
      guard let key = commentKey(subject) else {
        facts.unprovable = true
        break
      }
      add(key, text.map { .value($0) } ?? .absent, guarded: true, probe.state(of: intent))
    case .createIndex(nil, _, _, _), .unprovable:
      facts.unprovable = true
    }
    return facts
  }

  /// One `ALTER TABLE` action as a fact (nil when it is not checkable). Actions that succeed
  /// whatever the column was (`SET`/`DROP NOT NULL`, `SET`/`DROP DEFAULT`, `TYPE`) and unnamed
  /// `UNIQUE`/`FOREIGN KEY` (a second one is simply added) are guarded: they say nothing about the
  /// state before the migration.
  static func fact(of action: StatementIntent.TableAction, table: String) -> (FactKey, FactValue, Bool)? {
    func column(_ kind: String, _ name: String) -> FactKey { FactKey(kind: kind, name: "\(table).\(name)") }
    switch action {
    case .addColumn(let name, _, let ifNotExists): return (column("column", name), .present, ifNotExists)
    case .dropColumn(let name, let ifExists): return (column("column", name), .absent, ifExists)
    case .renameColumn(let from, let to): return (column("rename", "\(from)->\(to)"), .present, false)
    case .addConstraint(let name?): return (column("constraint", name), .present, false)
    case .addUnnamedConstraint(let shape) where shape.kind == .primaryKey:
      // The server names it `<table>_pkey`: the same fact as a DROP CONSTRAINT of that name.
      return (column("constraint", primaryKeyName(table)), .value(shape.label), false)
    case .addUnnamedConstraint(let shape): return (column("constraint", shape.label), .present, true)
    case .dropConstraint(let name, let ifExists): return (column("constraint", name), .absent, ifExists)
    case .setColumnType(let name, let type): return (column("column type", name), .value(SQLTypeName.normalize(type)), true)
    case .setNotNull(let name): return (column("not null", name), .present, true)
    case .dropNotNull(let name): return (column("not null", name), .absent, true)
    case .setDefault(let name, let expression): return (column("default", name), .value(expression), true)
    case .dropDefault(let name): return (column("default", name), .absent, true)
    case .addConstraint(nil), .unprovable: return nil
    }
  }

  /// The name the server gives an unnamed primary key: `<table>_pkey`, the table's part cut so
  /// the whole fits 63 bytes.
  static func primaryKeyName(_ table: String) -> String {
    let name = String(QualifiedName(table).name)
    return SQLLexer.truncatedToNameLength(name, maxBytes: 63 - 5) + "_pkey"
  }

  /// Where a name lives: the existing object it resolves to, or where a CREATE would put it.
  private func qualified(_ name: ObjectName, exists: (QualifiedName) -> Bool) -> String {
    let key = catalog.resolve(name, in: exists) ?? QualifiedName(catalog.creationSchema(for: name), name.name)
    return key.description
  }

  private func relationKey(_ name: ObjectName) -> FactKey {
    FactKey(kind: "relation", name: qualified(name) { catalog.relations[$0] != nil || catalog.indexes[$0] != nil })
  }

  private func typeKey(_ name: ObjectName) -> FactKey {
    FactKey(kind: "type", name: qualified(name) { catalog.types[$0] != nil })
  }

  private func functionKey(_ name: ObjectName) -> FactKey {
    FactKey(kind: "function", name: qualified(name) { catalog.functions[$0] != nil })
  }

  private func triggerKey(_ name: String, _ table: ObjectName) -> FactKey {
    FactKey(kind: "trigger", name: "\(relationKey(table).name).\(name)")
  }

  private func commentKey(_ subject: StatementIntent.CommentSubject) -> FactKey? {
    switch subject {
    case .relation(let name): return FactKey(kind: "comment", name: relationKey(name).name)
    case .column(let table, let column): return FactKey(kind: "comment", name: "\(relationKey(table).name).\(column)")
    case .type(let name): return FactKey(kind: "comment", name: "type " + typeKey(name).name)
    case .schema(let name): return FactKey(kind: "comment", name: "schema " + name)
    case .extension(let name): return FactKey(kind: "comment", name: "extension " + name)
    case .other: return nil
    }
  }
}

extension QualifiedName {
  /// Splits a `schema.name` key back (the schema never holds a dot in these keys' use).
  init(_ key: String) {
    let parts = key.split(separator: ".", maxSplits: 1).map(String.init)
    self.init(parts.count == 2 ? parts[0] : "", parts.last ?? key)
  }
}
