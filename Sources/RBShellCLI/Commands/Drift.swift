import ArgumentParser
import Foundation
import MigrationSources
import Migrations
import PostgresClient
import RBShellCore
import RBShellPostgres

extension RBShell {
  /// `rbshell drift`: is the live schema the one its ledger claims?
  struct Drift: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "drift",
      abstract: "Compare the live schema with the one its migrations build in a scratch database (never writes to the live database).",
      discussion: """
        The expected schema is built from the definitions' up SQL, in plan order, by the same runner as \
        `rbshell upto`, in a scratch database on the same server (created from template0, dropped \
        afterwards) — the migrations the ledger records as applied, or all of --release's or --rev's. \
        Exit codes: 0 equal (cosmetic differences only) · 4 a difference · 1 the scratch database could \
        not be created or built · 2 cannot connect · 64 bad usage · 65 invalid definitions. See docs/commands/drift.md.
        """)

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var selection: SchemaOptions
    @OptionGroup var definitions: DefinitionOptions
    @OptionGroup var output: OutputOptions
    @Option(
      help: ArgumentHelp(
        "A database on a server where rbshell may create the scratch database (default: the live server).", valueName: "dsn"))
    var scratchDSN: String?
    @Flag(help: "Reuse the scratch database a previous --keep-scratch run kept for the same schema and migrations, or keep the one built now.")
    var keepScratch = false

    func run() throws {
      let schemas = try selection.schemas()
      let reports = try ErrorReporting.run {
        let catalog = try definitions.catalog()  // read once: a stitched graph is large
        return try schemas.compactMap { try drift($0, catalog: catalog) }
      }
      print(output.json ? JSONOutput.encode(DriftJSON(reports)) : DriftText.render(reports), terminator: "")
      if reports.contains(where: { !$0.real.isEmpty }) { throw ExitStatus.needsRepair.exitCode }
    }

    /// One schema's drift; nil (with a note) for a schema with nothing to compare.
    private func drift(_ schema: Schema, catalog: DefinitionCatalog) throws -> DriftService.Report? {
      let present = try catalog.schemasPresent(hint: schema)
      guard present.contains(schema) else {
        if selection.isExplicit { Terminal.error("\(schema.rawValue): the definitions have no migrations for it") }
        return nil
      }
      let graph = try catalog.graph(for: schema, hint: schema)
      let others = present.filter { $0 != schema }.compactMap { try? catalog.graph(for: $0, hint: $0) }
      let service = DriftService(
        router: connection.router(readOnly: false), options: DriftService.Options(scratchDSN: scratchDSN, keepScratch: keepScratch))
      // A release or revision names the expected schema itself: all of its migrations.
      let named = definitions.release.map { "release \($0)" } ?? definitions.rev.map { "revision \($0)" }
      let expected = named == nil ? try service.appliedMigrations(schema) : graph.ids
      guard !expected.isEmpty else {
        if selection.isExplicit { Terminal.error("\(schema.rawValue): the ledger records no applied migration: nothing to compare") }
        return nil
      }
      let plan = try DriftPlan(graph: graph, schema: schema, expected: expected)
      let basis = named ?? "the ledger's applied migrations"
      let cancellation = Cancellation()
      let signals = WriteSignals(cancellation: cancellation, cancelling: [])
      defer { withExtendedLifetime(signals) {} }
      // Privileged (extension) migrations run in the scratch database as the role can: it owns
      // that database, so PostgreSQL lets it create trusted extensions (pg_trgm, citext, hstore);
      // one it may not create fails the build with the server's error.
      let runner = WriteRunner(
        options: RunnerOptions(lockTimeout: 10, privileged: .apply), cancellation: cancellation, audit: ScratchAudit(),
        events: DriftProgress.report)
      Terminal.writeStderr("rbshell: drift \(schema.rawValue): building the expected schema (\(plan.definitions.count) migrations) in a scratch database…\n")
      return try service.run(plan, basis: basis, fromLedger: named == nil, otherGraphs: others, runner: runner, cancellation: cancellation)
    }
  }
}

/// The scratch build writes only rbshell's own throwaway database: nothing for the audit log.
final class ScratchAudit: AuditSink {
  func record(_ record: AuditRecord) {}
  func record(_ record: LedgerEditRecord) {}
}

/// The scratch build's progress on stderr: a line every 100 migrations (and the last), not one
/// per step.
enum DriftProgress {
  static func report(_ event: RunnerEvent) {
    guard case .stepStarted(let index, let total, _) = event, index % 100 == 0 || index == total else { return }
    Terminal.writeStderr("rbshell: drift: applying \(index)/\(total)\n")
  }
}
