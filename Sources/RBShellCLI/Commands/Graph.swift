import ArgumentParser
import MigrationSources
import Migrations

extension RBShell {
  /// `rbshell graph`: see branches and merges near the leaves, or the whole graph as DOT.
  struct Graph: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "graph",
      abstract: "Draw a schema's migration graph: text around the leaves, or Graphviz DOT.",
      discussion: "Example: rbshell graph --db frontend --depth 4   |   rbshell graph --db codeintel --format dot | dot -Tsvg > g.svg")

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, dot }

    @OptionGroup var definitions: DefinitionOptions
    @OptionGroup var selection: SchemaOptions
    @Option(help: "text (the last levels above the leaves) or dot (the whole graph).") var format: Format = .text
    @Option(help: "With text: how many levels above the leaves to draw.") var depth: Int = 5

    func validate() throws {
      guard depth >= 1 else { throw ValidationError("--depth must be at least 1") }
    }

    func run() throws {
      let graphs = try ErrorReporting.run {
        let catalog = try definitions.catalog()
        let schemas = try SchemaSelection.resolve(selection, in: catalog)
        return try schemas.map { ($0, try catalog.graph(for: $0, hint: schemas.first)) }
      }
      for (schema, graph) in graphs {
        print(format == .dot ? GraphDrawing.dot(graph, schema: schema) : GraphDrawing.text(graph, schema: schema, depth: depth), terminator: "")
      }
    }
  }
}
