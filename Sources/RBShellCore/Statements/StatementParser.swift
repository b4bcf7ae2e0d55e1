/// Recognises the DDL statements migrations are made of and turns them into `StatementIntent`s.
/// Anything else becomes `.unprovable` with the reason, never a guess.
public enum StatementParser {
  public static func parse(_ sql: String) -> StatementIntent {
    var cursor = TokenCursor(SQLTokenizer.tokenize(sql))
    guard let first = cursor.word() else { return .unprovable("not a recognised statement") }
    switch first {
    case "create": return parseCreate(&cursor)
    case "drop": return parseDrop(&cursor)
    case "alter": return parseAlter(&cursor)
    case "comment": return parseComment(&cursor)
    case "insert", "update", "delete", "merge", "copy", "truncate":
      return .unprovable("\(first.uppercased()) changes data, which the catalog cannot show")
    case "do": return .unprovable("a DO block runs arbitrary code")
    case "select": return .unprovable("SELECT has no lasting effect the catalog records (unless it calls a function that does)")
    case "grant", "revoke": return .unprovable("privileges are not checked")
    default: return .unprovable("\(first.uppercased()) statements are not checked")
    }
  }

  // MARK: CREATE

  private static func parseCreate(_ c: inout TokenCursor) -> StatementIntent {
    let orReplace = c.accept("or", "replace")
    while c.acceptAny(["temp", "temporary", "unlogged", "global", "local", "recursive", "trusted", "procedural", "constraint"]) {}
    let unique = c.accept("unique")
    guard let kind = c.word() else { return .unprovable("incomplete CREATE") }
    switch kind {
    case "table": return createRelation(.table, &c, orReplace: orReplace)
    case "view": return createRelation(.view, &c, orReplace: orReplace)
    case "sequence": return createRelation(.sequence, &c, orReplace: orReplace)
    case "materialized":
      guard c.accept("view") else { return .unprovable("incomplete CREATE MATERIALIZED VIEW") }
      return createRelation(.materializedView, &c, orReplace: orReplace)
    case "index": return createIndex(&c, unique: unique)
    case "type": return createType(&c)
    case "function", "procedure":
      guard let name = c.objectName() else { return .unprovable("CREATE FUNCTION without a name") }
      return .createFunction(name, orReplace: orReplace, body: c.functionBody())
    case "trigger":
      guard let name = c.identifier() else { return .unprovable("CREATE TRIGGER without a name") }
      guard c.skip(until: "on"), let table = c.objectName() else { return .unprovable("CREATE TRIGGER without ON table") }
      return .createTrigger(name, table: table, orReplace: orReplace)
    case "extension":
      let ifNotExists = c.accept("if", "not", "exists")
      guard let name = c.identifier() else { return .unprovable("CREATE EXTENSION without a name") }
      return .createExtension(name, ifNotExists: ifNotExists)
    case "schema":
      let ifNotExists = c.accept("if", "not", "exists")
      guard let name = c.identifier() else { return .unprovable("CREATE SCHEMA without a name") }
      return .createSchema(name, ifNotExists: ifNotExists)
    default:
      return .unprovable("CREATE \(kind.uppercased()) is not checked")
    }
  }

  private static func createRelation(_ kind: Relation.Kind, _ c: inout TokenCursor, orReplace: Bool) -> StatementIntent {
    let ifNotExists = c.accept("if", "not", "exists")
    guard let name = c.objectName() else { return .unprovable("CREATE \(kind) without a name") }
    return .createRelation(kind, name, ifNotExists: ifNotExists, orReplace: orReplace)
  }

  private static func createIndex(_ c: inout TokenCursor, unique: Bool) -> StatementIntent {
    let concurrently = c.accept("concurrently")
    let ifNotExists = c.accept("if", "not", "exists")
    var name: ObjectName?
    if !c.check("on") { name = c.objectName() }
    guard c.accept("on") else { return .unprovable("CREATE INDEX without ON table") }
    _ = c.accept("only")
    guard let table = c.objectName() else { return .unprovable("CREATE INDEX without a table") }
    if var index = name, index.schema == nil {
      index.schema = table.schema
      name = index
    }
    return .createIndex(name, table: table, ifNotExists: ifNotExists, concurrently: concurrently)
  }

  private static func createType(_ c: inout TokenCursor) -> StatementIntent {
    guard let name = c.objectName() else { return .unprovable("CREATE TYPE without a name") }
    guard c.accept("as") else { return .createType(name, .other, labels: []) }
    if c.accept("enum") {
      return .createType(name, .enumeration, labels: c.parenthesizedStrings())
    }
    if c.accept("range") { return .createType(name, .range, labels: []) }
    return .createType(name, .composite, labels: [])
  }

  // MARK: DROP

  private static func parseDrop(_ c: inout TokenCursor) -> StatementIntent {
    guard let kind = c.word() else { return .unprovable("incomplete DROP") }
    var relationKind: Relation.Kind?
    switch kind {
    case "table": relationKind = .table
    case "view": relationKind = .view
    case "sequence": relationKind = .sequence
    case "index": relationKind = .index
    case "materialized": relationKind = c.accept("view") ? .materializedView : nil
    default: break
    }
    if relationKind == .index { _ = c.accept("concurrently") }
    let ifExists = c.accept("if", "exists")
    if let relationKind { return .dropRelations(relationKind, c.objectNameList(), ifExists: ifExists) }
    switch kind {
    case "type": return .dropTypes(c.objectNameList(), ifExists: ifExists)
    case "function", "procedure": return .dropFunctions(c.objectNameList(skippingArguments: true), ifExists: ifExists)
    case "trigger":
      guard let name = c.identifier(), c.accept("on"), let table = c.objectName() else { return .unprovable("incomplete DROP TRIGGER") }
      return .dropTrigger(name, table: table, ifExists: ifExists)
    case "extension": return .dropExtensions(c.objectNameList().map(\.name), ifExists: ifExists)
    case "schema": return .dropSchemas(c.objectNameList().map(\.name), ifExists: ifExists)
    default: return .unprovable("DROP \(kind.uppercased()) is not checked")
    }
  }

  // MARK: ALTER

  private static func parseAlter(_ c: inout TokenCursor) -> StatementIntent {
    guard let kind = c.word() else { return .unprovable("incomplete ALTER") }
    switch kind {
    case "table":
      _ = c.accept("if", "exists")
      _ = c.accept("only")
      guard let table = c.objectName() else { return .unprovable("ALTER TABLE without a name") }
      if c.accept("rename", "to"), let to = c.identifier() { return .renameRelation(table, to: to) }
      return .alterTable(table, actions: TableActionParser.actions(&c))
    case "index", "view", "sequence", "materialized":
      if kind == "materialized" { _ = c.accept("view") }
      _ = c.accept("if", "exists")
      guard let name = c.objectName() else { return .unprovable("ALTER \(kind.uppercased()) without a name") }
      if c.accept("rename", "to"), let to = c.identifier() { return .renameRelation(name, to: to) }
      return .unprovable("ALTER \(kind.uppercased()) other than RENAME TO is not checked")
    case "type":
      guard let name = c.objectName() else { return .unprovable("ALTER TYPE without a name") }
      if c.accept("add", "value") {
        let ifNotExists = c.accept("if", "not", "exists")
        guard case .string(let value)? = c.next() else { return .unprovable("ALTER TYPE ADD VALUE without a value") }
        return .addEnumValue(name, value: value, ifNotExists: ifNotExists)
      }
      return .unprovable("ALTER TYPE other than ADD VALUE is not checked")
    default:
      return .unprovable("ALTER \(kind.uppercased()) is not checked")
    }
  }

  // MARK: COMMENT ON

  private static func parseComment(_ c: inout TokenCursor) -> StatementIntent {
    guard c.accept("on"), let kind = c.word() else { return .unprovable("incomplete COMMENT") }
    let subject: StatementIntent.CommentSubject
    switch kind {
    case "table", "view", "index", "sequence":
      guard let name = c.objectName() else { return .unprovable("COMMENT ON \(kind.uppercased()) without a name") }
      subject = .relation(name)
    case "materialized":
      _ = c.accept("view")
      guard let name = c.objectName() else { return .unprovable("COMMENT ON MATERIALIZED VIEW without a name") }
      subject = .relation(name)
    case "column":
      let parts = c.dottedIdentifiers()
      guard parts.count >= 2 else { return .unprovable("COMMENT ON COLUMN needs table.column") }
      let table = parts.count >= 3 ? ObjectName(schema: parts[parts.count - 3], parts[parts.count - 2]) : ObjectName(parts[0])
      subject = .column(table, parts[parts.count - 1])
    case "type":
      guard let name = c.objectName() else { return .unprovable("COMMENT ON TYPE without a name") }
      subject = .type(name)
    case "schema":
      guard let name = c.identifier() else { return .unprovable("COMMENT ON SCHEMA without a name") }
      subject = .schema(name)
    case "extension":
      guard let name = c.identifier() else { return .unprovable("COMMENT ON EXTENSION without a name") }
      subject = .extension(name)
    default:
      return .unprovable("COMMENT ON \(kind.uppercased()) is not checked")
    }
    guard c.skip(until: "is") else { return .unprovable("COMMENT without IS") }
    switch c.next() {
    case .string(let text)?: return .comment(subject, text: text)
    case .word("null")?: return .comment(subject, text: nil)
    default: return .unprovable("COMMENT text is not a plain string")
    }
  }
}
