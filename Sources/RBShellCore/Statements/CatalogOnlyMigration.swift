import Migrations

/// Whether a migration only removes or renames catalog entries (and comments on them): no data
/// read or written, no table rewritten, no enum value added. Such migrations take milliseconds
/// once their locks are granted, so a store may commit several of them together (the server's
/// per-transaction cost dominates a long `downto` of drops) without holding any lock for long
/// and without the in-transaction limits (a new enum value, pending trigger events) a shared
/// transaction would impose on anything else. Unknown statements answer no.
public enum CatalogOnlyMigration {
  public static func isCatalogOnly(_ sql: String, strings: SQLLexer.StringRule) -> Bool {
    let statements = SQLSplitter.split(sql, strings: strings)
    return !statements.isEmpty && statements.allSatisfy { isCatalogOnly(StatementParser.parse($0.text)) }
  }

  static func isCatalogOnly(_ intent: StatementIntent) -> Bool {
    switch intent {
    case .dropRelations, .dropTypes, .dropFunctions, .dropTrigger, .renameRelation, .comment: true
    case .createFunction: true
    case .alterTable(_, let actions): actions.allSatisfy(isCatalogOnly)
    case .createRelation, .createIndex, .createType, .addEnumValue, .createTrigger, .createExtension, .dropExtensions,
      .createSchema, .dropSchemas, .unprovable:
      false
    }
  }

  private static func isCatalogOnly(_ action: StatementIntent.TableAction) -> Bool {
    switch action {
    case .dropColumn, .renameColumn, .dropConstraint, .dropNotNull, .dropDefault: true
    case .addColumn, .addConstraint, .addUnnamedConstraint, .setColumnType, .setNotNull, .setDefault, .unprovable: false
    }
  }
}
