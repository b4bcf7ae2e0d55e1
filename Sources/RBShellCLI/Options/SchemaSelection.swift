import MigrationSources
import Migrations

/// Which schemas a definitions command covers: those named by `--db`, or those the source has.
enum SchemaSelection {
  static func resolve(_ selection: SchemaOptions, in catalog: DefinitionCatalog) throws -> [Schema] {
    let chosen = try selection.schemas()
    let hint = chosen.count == 1 ? chosen.first : nil
    let present = try catalog.schemasPresent(hint: hint)
    if !selection.isExplicit { return present }
    for schema in chosen where !present.contains(schema) {
      throw DefinitionSourceError.noSchemaFolder(schema, catalog.label)
    }
    return chosen
  }
}
