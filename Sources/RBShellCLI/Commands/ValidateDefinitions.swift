import ArgumentParser
import MigrationSources
import Migrations

extension RBShell {
  /// `rbshell validate-definitions`: the migrator's definition checks, alone.
  struct ValidateDefinitions: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "validate-definitions",
      abstract: "Check migration definitions with the migrator's rules and list every problem.",
      discussion: """
        Warnings (transaction-control: SQL that commits the migration's transaction itself) are listed \
        but do not fail validation. Exit codes: 0 valid, 65 problems found (all listed), 64 bad path, revision or version.
        """)

    @OptionGroup var definitions: DefinitionOptions
    @OptionGroup var selection: SchemaOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
      let results = try ErrorReporting.run {
        let catalog = try definitions.catalog()
        let schemas = try SchemaSelection.resolve(selection, in: catalog)
        return try schemas.map { try DefinitionCheck(schema: $0, catalog: catalog, hint: schemas.first) }
      }
      print(output.json ? DefinitionCheck.json(results) : results.map(\.text).joined(separator: "\n"), terminator: "")
      if results.contains(where: { !$0.problems.isEmpty }) { throw ExitStatus.badInput.exitCode }
    }
  }
}

/// One schema's validation: counts when valid, every problem when not.
struct DefinitionCheck {
  var schema: Schema
  var source: String
  var graph: MigrationGraph?
  var problems: [DefinitionProblem]
  /// Findings that do not make the definitions unusable.
  var warnings: [DefinitionProblem] { graph?.transactionControlWarnings ?? [] }

  init(schema: Schema, catalog: DefinitionCatalog, hint: Schema?) throws {
    self.schema = schema
    self.source = catalog.label
    do {
      graph = try catalog.graph(for: schema, hint: hint)
      problems = []
    } catch let invalid as InvalidDefinitions {
      graph = nil
      problems = invalid.problems
    }
  }

  var text: String {
    var lines = ["\(schema) (\(source)): " + (problems.isEmpty ? "valid" : "\(problems.count) problem(s)")]
    if let graph {
      lines.append("  definitions: \(graph.count)")
      lines.append("  root: " + (graph.root.map { "\($0.id) (\($0.name))" } ?? "none"))
      lines.append("  leaves: " + graph.leaves.map { "\($0.id) (\($0.name))" }.joined(separator: ", "))
    }
    lines += problems.map { "  \($0.location): \($0.code.rawValue): \($0.message)" + ($0.instructions.isEmpty ? "" : "\n    \($0.instructions)") }
    lines += warnings.map { "  warning: \($0.location): \($0.code.rawValue): \($0.message)\n    \($0.instructions)" }
    return lines.joined(separator: "\n") + "\n"
  }

  static func json(_ checks: [DefinitionCheck]) -> String {
    struct Entry: Encodable {
      var schema: String, source: String, valid: Bool, definitions: Int?, root: Int?, leaves: [Int]?
      var problems: [DefinitionProblem]
      var warnings: [DefinitionProblem]
    }
    struct Document: Encodable { var schemas: [Entry] }
    return JSONOutput.encode(
      Document(
        schemas: checks.map {
          Entry(
            schema: $0.schema.rawValue, source: $0.source, valid: $0.problems.isEmpty, definitions: $0.graph?.count,
            root: $0.graph?.root?.id, leaves: $0.graph?.leaves.map(\.id), problems: $0.problems,
            warnings: $0.warnings)
        }))
  }
}
