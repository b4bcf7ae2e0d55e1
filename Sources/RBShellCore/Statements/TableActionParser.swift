/// The comma-separated actions of `ALTER TABLE`.
enum TableActionParser {
  static func actions(_ c: inout TokenCursor) -> [StatementIntent.TableAction] {
    var actions: [StatementIntent.TableAction] = []
    repeat {
      actions.append(action(&c))
      c.skipToTopLevelComma()
    } while c.accept(symbol: ",")
    return actions
  }

  private static func action(_ c: inout TokenCursor) -> StatementIntent.TableAction {
    guard let verb = c.word() else { return .unprovable("empty ALTER TABLE action") }
    switch verb {
    case "add":
      if c.accept("constraint") { return .addConstraint(c.identifier()) }
      if c.accept("primary", "key") { return unnamed(.primaryKey, &c) }
      if c.accept("unique") { return unnamed(.unique, &c) }
      if c.accept("foreign", "key") { return unnamed(.foreignKey, &c) }
      if c.acceptAny(["check", "exclude"]) { return .addConstraint(nil) }
      _ = c.accept("column")
      let ifNotExists = c.accept("if", "not", "exists")
      guard let column = c.identifier() else { return .unprovable("ADD COLUMN without a name") }
      return .addColumn(column, type: c.typeName(), ifNotExists: ifNotExists)
    case "drop":
      if c.accept("constraint") {
        let ifExists = c.accept("if", "exists")
        guard let name = c.identifier() else { return .unprovable("DROP CONSTRAINT without a name") }
        return .dropConstraint(name, ifExists: ifExists)
      }
      _ = c.accept("column")
      let ifExists = c.accept("if", "exists")
      guard let column = c.identifier() else { return .unprovable("DROP COLUMN without a name") }
      return .dropColumn(column, ifExists: ifExists)
    case "rename":
      if c.accept("constraint") { return .unprovable("RENAME CONSTRAINT is not checked") }
      _ = c.accept("column")
      guard let from = c.identifier(), c.accept("to"), let to = c.identifier() else { return .unprovable("incomplete RENAME COLUMN") }
      return .renameColumn(from, to: to)
    case "alter":
      _ = c.accept("column")
      guard let column = c.identifier() else { return .unprovable("ALTER COLUMN without a name") }
      return alterColumn(column, &c)
    default:
      return .unprovable("ALTER TABLE … \(verb.uppercased()) is not checked")
    }
  }

  /// `(a, b)` after the kind: the shape to look for; anything else stays unprovable.
  private static func unnamed(_ kind: ConstraintShape.Kind, _ c: inout TokenCursor) -> StatementIntent.TableAction {
    guard c.accept(symbol: "(") else { return .addConstraint(nil) }
    var columns: [String] = []
    repeat {
      guard let column = c.identifier() else { return .addConstraint(nil) }
      columns.append(column)
    } while c.accept(symbol: ",")
    guard c.accept(symbol: ")") else { return .addConstraint(nil) }
    return .addUnnamedConstraint(ConstraintShape(kind, columns: columns))
  }

  private static func alterColumn(_ column: String, _ c: inout TokenCursor) -> StatementIntent.TableAction {
    if c.accept("set", "data", "type") || c.accept("type") { return .setColumnType(column, type: c.typeName()) }
    if c.accept("set", "not", "null") { return .setNotNull(column) }
    if c.accept("drop", "not", "null") { return .dropNotNull(column) }
    if c.accept("set", "default") { return .setDefault(column, expression: c.expressionText()) }
    if c.accept("drop", "default") { return .dropDefault(column) }
    return .unprovable("ALTER COLUMN \(column) action is not checked")
  }
}
