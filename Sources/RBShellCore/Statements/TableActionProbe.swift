/// Decides `ALTER TABLE` actions against a table's columns and constraints.
struct TableActionProbe {
  let catalog: CatalogSnapshot
  let table: ObjectName

  func state(of actions: [StatementIntent.TableAction]) -> StatementState {
    guard let (key, relation) = catalog.relation(table) else {
      return .unknown("table \(table) does not exist")
    }
    return .all(actions.map { state(of: $0, key: key, columns: relation.columns) })
  }

  private func state(of action: StatementIntent.TableAction, key: QualifiedName, columns: [String: Column]) -> StatementState {
    switch action {
    case .addColumn(let name, _, let ifNotExists):
      return columns[name] != nil ? .applied("column \(key).\(name) exists", weak: ifNotExists) : .notApplied("column \(key).\(name) does not exist")
    case .dropColumn(let name, let ifExists):
      return columns[name] == nil ? .applied("column \(key).\(name) is gone", weak: ifExists) : .notApplied("column \(key).\(name) still exists")
    case .renameColumn(let from, let to):
      switch (columns[from] != nil, columns[to] != nil) {
      case (false, true): return .applied("column \(key).\(from) is now \(to)")
      case (true, false): return .notApplied("column \(key).\(from) is not renamed yet")
      default: return .unknown("columns \(from) and \(to) of \(key): \(columns[from] == nil ? "neither" : "both") exist")
      }
    case .addConstraint(let name?):
      return constraint(name, key) ? .applied("constraint \(name) exists on \(key)") : .notApplied("constraint \(name) is not on \(key)")
    case .addConstraint(nil):
      return .unknown("an unnamed constraint cannot be told apart from others on \(key)")
    case .addUnnamedConstraint(let shape):
      guard let shapes = catalog.constraintShapes[key] else { return .unknown("the constraints of \(key) were not read") }
      return shapes.contains(shape) ? .applied("\(key) has a \(shape.label)") : .notApplied("\(key) has no \(shape.label)")
    case .dropConstraint(let name, let ifExists):
      return constraint(name, key) ? .notApplied("constraint \(name) is still on \(key)") : .applied("constraint \(name) is not on \(key)", weak: ifExists)
    case .setColumnType(let name, let type):
      return column(name, key, columns) { column in
        let wanted = SQLTypeName.normalize(type)
        return SQLTypeName.normalize(column.type) == wanted
          ? .applied("column \(key).\(name) has type \(column.type)") : .notApplied("column \(key).\(name) has type \(column.type), not \(wanted)")
      }
    case .setNotNull(let name):
      return column(name, key, columns) { $0.notNull ? .applied("column \(key).\(name) is NOT NULL") : .notApplied("column \(key).\(name) is nullable") }
    case .dropNotNull(let name):
      return column(name, key, columns) { $0.notNull ? .notApplied("column \(key).\(name) is still NOT NULL") : .applied("column \(key).\(name) is nullable") }
    case .setDefault(let name, let expression):
      return column(name, key, columns) { column in
        guard let current = column.defaultExpression else { return .notApplied("column \(key).\(name) has no default") }
        return SQLTypeName.sameDefault(current, expression)
          ? .applied("column \(key).\(name) defaults to \(current)") : .notApplied("column \(key).\(name) defaults to \(current), not \(expression)")
      }
    case .dropDefault(let name):
      return column(name, key, columns) {
        $0.defaultExpression == nil ? .applied("column \(key).\(name) has no default") : .notApplied("column \(key).\(name) still has a default")
      }
    case .unprovable(let why):
      return .unknown(why)
    }
  }

  private func constraint(_ name: String, _ key: QualifiedName) -> Bool {
    catalog.constraints[key]?.contains(name) == true
  }

  private func column(_ name: String, _ key: QualifiedName, _ columns: [String: Column], _ check: (Column) -> StatementState) -> StatementState {
    guard let column = columns[name] else { return .unknown("column \(key).\(name) does not exist") }
    return check(column)
  }
}

/// `COMMENT ON`: the comment text must match.
struct CommentProbe {
  let catalog: CatalogSnapshot

  func state(of subject: StatementIntent.CommentSubject, text: String?) -> StatementState {
    guard let target = target(subject) else { return .unknown("the commented object does not exist") }
    let current = catalog.comments[target]
    if current == text { return text == nil ? .applied("no comment, as set") : .applied("the comment is set") }
    return current == nil ? .notApplied("there is no comment") : .notApplied("the comment differs")
  }

  private func target(_ subject: StatementIntent.CommentSubject) -> CommentTarget? {
    switch subject {
    case .relation(let name): catalog.relation(name).map { CommentTarget(kind: .relation, name: $0.0) }
    case .column(let table, let column): catalog.relation(table).map { CommentTarget(kind: .column, name: $0.0, column: column) }
    case .type(let name): catalog.resolve(name, in: { catalog.types[$0] != nil }).map { CommentTarget(kind: .type, name: $0) }
    case .schema(let name): CommentTarget(kind: .schema, name: QualifiedName("", name))
    case .extension(let name): CommentTarget(kind: .extension, name: QualifiedName("", name))
    case .other: nil
    }
  }
}
