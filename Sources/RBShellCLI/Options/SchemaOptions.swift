import ArgumentParser
import Migrations

/// `--db`: which schemas a read-only command looks at.
struct SchemaOptions: ParsableArguments {
  @Option(
    name: [.customLong("db"), .customLong("schema")],
    help: ArgumentHelp(
      "Schemas: frontend, codeintel, codeinsights (aliases pgsql, codeintel-db, codeinsights-db), a comma list, or all.",
      valueName: "schemas"))
  var db: String = "all"

  func validate() throws {
    _ = try schemas()
  }

  func schemas() throws -> [Schema] {
    do {
      return try Schema.parseList(db)
    } catch {
      throw ValidationError(error.description)
    }
  }
}
