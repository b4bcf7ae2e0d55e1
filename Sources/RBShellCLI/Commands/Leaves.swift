import ArgumentParser
import MigrationSources
import Migrations

extension RBShell {
  /// `rbshell leaves`: the runbook's "which leaf migrations does release X end on?", without `sg`.
  struct Leaves: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "leaves",
      abstract: "List the leaf migrations of each schema: the downto targets for a rollback to that release.",
      discussion: """
        Examples:
          rbshell leaves --migrations ./migrations --rev v3.36.0
          rbshell leaves --migrations stitched-migration-graph.json --version v3.36.0 --db frontend
        No database is needed. Exit codes: 0 ok, 64 unknown revision/version/path, 65 invalid definitions.
        """)

    @OptionGroup var definitions: DefinitionOptions
    @OptionGroup var selection: SchemaOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
      let report = try ErrorReporting.run {
        let catalog = try definitions.catalog()
        let schemas = try SchemaSelection.resolve(selection, in: catalog)
        return try schemas.map { schema in
          LeafReport(schema: schema, source: catalog.label, leaves: try catalog.graph(for: schema, hint: schemas.first).leaves)
        }
      }
      print(output.json ? LeafReport.json(report) : report.map(\.text).joined(separator: "\n"), terminator: "")
    }
  }
}

/// One schema's leaves, rendered as `sg migration leaves` prints them.
struct LeafReport: Encodable {
  var schema: Schema
  var source: String
  var leaves: [Definition]

  var text: String {
    (["Leaf migrations for \"\(schema)\" defined at \(source)"] + leaves.map { " \($0.id): (\($0.name))" })
      .joined(separator: "\n") + "\n"
  }

  static func json(_ reports: [LeafReport]) -> String {
    struct Leaf: Encodable {
      var id: Int
      var name: String
    }
    struct Entry: Encodable {
      var schema: String
      var source: String
      var leaves: [Leaf]
    }
    struct Document: Encodable { var schemas: [Entry] }
    return JSONOutput.encode(
      Document(
        schemas: reports.map {
          Entry(schema: $0.schema.rawValue, source: $0.source, leaves: $0.leaves.map { Leaf(id: $0.id, name: $0.name) })
        }))
  }
}
