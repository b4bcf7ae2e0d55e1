import ArgumentParser
import Migrations

/// `--db`: which schemas a read-only command looks at.
struct SchemaOptions: ParsableArguments {
  @Option(
    name: [.customLong("db"), .customLong("schema")],
    help: ArgumentHelp(
      "Schemas: frontend, codeintel, codeinsights (aliases pgsql, codeintel-db, codeinsights-db), a comma list, or all (default).",
      valueName: "schemas"),
    completion: .list(Schema.allCases.map(\.rawValue) + ["all"]))
  var db: String?

  /// Whether the operator chose schemas (otherwise commands may use whatever is present).
  var isExplicit: Bool { db != nil }

  func validate() throws {
    _ = try schemas()
  }

  /// The selected schemas; all three when `--db` was not given.
  func schemas() throws -> [Schema] {
    do {
      return try Schema.parseList(db ?? "all")
    } catch {
      throw ValidationError(error.description)
    }
  }
}
