import ArgumentParser
import Foundation
import MigrationSources
import Migrations
import PostgresClient
import RBShellCore
import RBShellPostgres

extension RBShell {
  /// `rbshell diagnose`: what is wrong, proven from the catalog, and the exact commands that fix it.
  struct Diagnose: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "diagnose",
      abstract: "Find what is wrong with each schema, prove it from the live catalog, and say how to fix it (read-only).",
      discussion: """
        Exit codes: 0 healthy · 4 a finding of severity error · 5 a migration is running now · \
        65 invalid definitions · 2 cannot connect · 64 bad usage. See docs/runbook.md for every finding.
        """)

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var selection: SchemaOptions
    @OptionGroup var definitions: DefinitionOptions
    @OptionGroup var output: OutputOptions
    @Flag(help: "Show every statement's evidence.") var verbose = false
    @Option(
      help: ArgumentHelp(
        "Diagnose another tool's ledger instead (golang-migrate, flyway, prisma, atlas, goose, alembic, sqitch, rails, dbmate); for golang-migrate, --migrations names its folder.",
        valueName: "tool"))
    var tool: String?
    @Option(help: ArgumentHelp("With --tool golang-migrate: the table it was told to use (x-migrations-table); repeatable.", valueName: "name"))
    var table: [String] = []

    func run() throws {
      if let tool { return try diagnoseTool(try LedgerTool.parse(tool)) }
      let schemas = try selection.schemas()
      let source = try ErrorReporting.run { try DiagnoseDefinitions(options: definitions.source, schemas: schemas) }
      let result = try ErrorReporting.run {
        try DiagnoseService(router: connection.router(readOnly: true))
          .diagnose(schemas, definitions: source.definitions(for:))
      }
      let report = DiagnoseReport(result: result, remedies: remedyText())
      print(output.json ? report.json() : report.text(verbose: verbose), terminator: "")
      if let status = report.exitStatus(definitionsInvalid: source.anyInvalid(schemas)) { throw status.exitCode }
    }

    /// Another tool's ledger, and for golang-migrate with its folder the catalog's verdict on a
    /// dirty version and the `force` it calls for.
    private func diagnoseTool(_ tool: LedgerTool) throws {
      guard definitions.rev == nil, definitions.release == nil else {
        throw ValidationError("--tool reads the tool's folder given with --migrations (not --rev or --release)")
      }
      guard definitions.migrations == nil || tool != .rails else {
        throw ValidationError("--migrations is not read for --tool rails (its migrations are Ruby, not SQL)")
      }
      let folder = try ErrorReporting.run { try definitions.migrations.map { try Self.folder(tool, path: $0) } }
      let report = try ErrorReporting.run {
        try ToolLedgerService(router: connection.router(readOnly: true)).report(only: tool, golangMigrateTables: table, folder: folder)
      }
      let suggest = { (ledger: ToolLedger, finding: ToolLedgerFinding) in repairCommand(ledger, finding) }
      print(
        output.json ? JSONOutput.encode(ToolLedgerJSON(report, suggest: suggest)) : ToolLedgerText.render(report, tool: tool, suggest: suggest),
        terminator: "")
      if report.needsRepair { throw ExitStatus.needsRepair.exitCode }
    }

    /// A tool's migrations folder, read in that tool's layout.
    static func folder(_ tool: LedgerTool, path: String) throws -> ToolLedgerService.Folder {
      let tree = LocalFileTree(root: URL(filePath: path))
      if tool == .dbmate { return .unrecording(try DbmateLayoutReader(tree: tree, displayPath: path).read("").map(\.migrationFile)) }
      if tool == .goose { return .unrecording(try GooseLayoutReader(tree: tree, displayPath: path).read("")) }
      if tool == .prisma { return .prisma(try PrismaLayoutReader(tree: tree, displayPath: path).read("")) }
      if tool == .sqitch { return .sqitch(try SqitchProjectReader(tree: tree, displayPath: path).read("")) }
      if tool == .flyway { return .flyway(try FlywayLayoutReader(tree: tree, displayPath: path).read("")) }
      if tool == .atlas { return .atlas(try AtlasLayoutReader(tree: tree, displayPath: path).read("")) }
      if tool == .alembic { return .alembic(try Self.alembicRevisions(path)) }
      return .golangMigrate(try DefinitionLoader(tree: tree, path: "", displayPath: path).flatDefinitions(tool: tool.rawValue))
    }

    /// Alembic's offline SQL (`alembic upgrade base:head --sql > FILE`), read.
    static func alembicRevisions(_ path: String) throws -> [AlembicOfflineReader.Revision] {
      let file = URL(filePath: path)
      guard let text = try LocalFileTree(root: file.deletingLastPathComponent()).contents(of: file.lastPathComponent) else {
        throw DefinitionSourceError.notFound(path)
      }
      return try AlembicOfflineReader().read(text, displayPath: path)
    }

    /// The finding's rbshell repair (decided with the finding) as a command line reaching the
    /// same database, migrations and table (password removed).
    private func repairCommand(_ ledger: ToolLedger, _ finding: ToolLedgerFinding) -> String? {
      guard let repair = finding.repair, let folder = definitions.migrations else { return nil }
      var words = ["rbshell", "repair", repair.command, "--tool", ledger.tool.rawValue, "--migrations", ShellQuoting.quote(folder)]
      if ledger.tool == .golangMigrate, ledger.table != "public.schema_migrations" { words += ["--table", ShellQuoting.quote(ledger.table)] }
      words += repair.arguments.map(ShellQuoting.quote)
      if let dsn = connection.dsn { words += ["--dsn", ShellQuoting.quote(ConnectionString.removingPassword(dsn))] }
      return words.joined(separator: " ")
    }

    /// How the printed commands reach the same database and definitions (passwords removed).
    private func remedyText() -> RemedyText {
      var connectionWords: [String] = []
      if let dsn = connection.dsn { connectionWords += ["--dsn", ShellQuoting.quote(ConnectionString.removingPassword(dsn))] }
      if let dsn = connection.codeintelDsn { connectionWords += ["--codeintel-dsn", ShellQuoting.quote(ConnectionString.removingPassword(dsn))] }
      if let dsn = connection.codeinsightsDsn { connectionWords += ["--codeinsights-dsn", ShellQuoting.quote(ConnectionString.removingPassword(dsn))] }
      var definitionWords: [String] = []
      if definitions.isExplicit { definitionWords += ["--migrations", ShellQuoting.quote(definitions.path)] }
      if let rev = definitions.rev { definitionWords += ["--rev", ShellQuoting.quote(rev)] }
      if let release = definitions.release { definitionWords += ["--release", ShellQuoting.quote(release)] }
      return RemedyText(connection: connectionWords, definitions: definitionWords)
    }
  }
}

/// The definitions diagnose compares against, if any: without `--migrations` and with no
/// `./migrations`, diagnose still runs the ledger, lock and index rules.
struct DiagnoseDefinitions {
  private var graphs: [Schema: DiagnosisInput.Definitions] = [:]

  init(options: DefinitionSource, schemas: [Schema]) throws {
    guard options.isExplicit || FileManager.default.fileExists(atPath: options.path) else {
      for schema in schemas { graphs[schema] = .none("no --migrations given and ./migrations does not exist") }
      return
    }
    let catalog = try options.catalog()
    let present = try catalog.schemasPresent(hint: schemas.count == 1 ? schemas.first : nil)
    // Every schema the definitions have, so facts shared by one database (an invalid index)
    // are attributed to the schema whose migration created them.
    for schema in Set(schemas).union(present) {
      guard present.contains(schema) else {
        graphs[schema] = .none("\(options.path) has no definitions for \(schema)")
        continue
      }
      do {
        graphs[schema] = .graph(try catalog.graph(for: schema, hint: schemas.count == 1 ? schema : nil))
      } catch let invalid as InvalidDefinitions {
        graphs[schema] = .invalid(invalid)
      }
    }
  }

  func definitions(for schema: Schema) -> DiagnosisInput.Definitions {
    graphs[schema] ?? .none("no definitions")
  }

  func anyInvalid(_ schemas: [Schema]) -> Bool {
    schemas.contains { if case .invalid = graphs[$0] { true } else { false } }
  }
}
