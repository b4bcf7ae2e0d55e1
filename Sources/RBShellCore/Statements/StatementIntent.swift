/// What a DDL statement sets out to do, in terms the catalog can confirm or deny.
public indirect enum StatementIntent: Equatable, Sendable {
  case createRelation(Relation.Kind, ObjectName, ifNotExists: Bool, orReplace: Bool)
  case dropRelations(Relation.Kind, [ObjectName], ifExists: Bool)
  case renameRelation(ObjectName, to: String)
  case createIndex(ObjectName?, table: ObjectName, ifNotExists: Bool, concurrently: Bool)
  case createType(ObjectName, TypeInfo.Kind, labels: [String])
  case dropTypes([ObjectName], ifExists: Bool)
  case addEnumValue(ObjectName, value: String, ifNotExists: Bool)
  /// `body`: the `AS '…'`/`AS $$…$$` text, as the server keeps it in `pg_proc.prosrc` (nil for
  /// a `BEGIN ATOMIC` or `RETURN` body).
  case createFunction(ObjectName, orReplace: Bool, body: String? = nil)
  case dropFunctions([ObjectName], ifExists: Bool)
  case createTrigger(String, table: ObjectName, orReplace: Bool)
  case dropTrigger(String, table: ObjectName, ifExists: Bool)
  case createExtension(String, ifNotExists: Bool)
  case dropExtensions([String], ifExists: Bool)
  case createSchema(String, ifNotExists: Bool)
  case dropSchemas([String], ifExists: Bool)
  case alterTable(ObjectName, actions: [TableAction])
  case comment(CommentSubject, text: String?)
  /// Recognised but not provable from the catalog (data changes, `DO` blocks, grants, …).
  case unprovable(String)

  /// One action of `ALTER TABLE`.
  public enum TableAction: Equatable, Sendable {
    case addColumn(String, type: String, ifNotExists: Bool)
    case dropColumn(String, ifExists: Bool)
    case renameColumn(String, to: String)
    case addConstraint(String?)
    /// `ADD PRIMARY KEY (a, b)`, `ADD UNIQUE (a)`, `ADD FOREIGN KEY (a) REFERENCES …`: found by
    /// kind and columns, as the server names such a constraint itself.
    case addUnnamedConstraint(ConstraintShape)
    case dropConstraint(String, ifExists: Bool)
    case setColumnType(String, type: String)
    case setNotNull(String)
    case dropNotNull(String)
    case setDefault(String, expression: String)
    case dropDefault(String)
    case unprovable(String)
  }

  /// The object of `COMMENT ON`.
  public enum CommentSubject: Equatable, Sendable {
    case relation(ObjectName)
    case column(ObjectName, String)
    case type(ObjectName)
    case schema(String)
    case `extension`(String)
    case other(String)
  }
}
