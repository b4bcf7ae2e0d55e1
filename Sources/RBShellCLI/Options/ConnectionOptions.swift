import ArgumentParser
import Migrations
import PostgresClient
import RBShellPostgres

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// How to reach the databases: a DSN, or libpq's environment; per-schema overrides follow
/// Sourcegraph's variables (see `ConnectionRouter`).
struct ConnectionOptions: ParsableArguments {
  @Option(
    name: [.customShort("d"), .long],
    help: ArgumentHelp(
      "Connection string or postgres:// URL (default: libpq's PG* environment, ~/.pgpass).",
      valueName: "dsn"))
  var dsn: String?

  @Option(help: ArgumentHelp("Connection for codeintel (default: CODEINTEL_PG*, else --dsn).", valueName: "dsn"))
  var codeintelDsn: String?

  @Option(
    help: ArgumentHelp("Connection for codeinsights (default: CODEINSIGHTS_PG*, else --dsn).", valueName: "dsn"))
  var codeinsightsDsn: String?

  func router(readOnly: Bool) -> ConnectionRouter {
    var perSchema: [Schema: String] = [:]
    perSchema[.codeintel] = codeintelDsn
    perSchema[.codeinsights] = codeinsightsDsn
    return ConnectionRouter(
      dsn: dsn, schemaDSNs: perSchema, environment: ProcessInfo.processInfo.environment,
      options: ConnectOptions(readOnly: readOnly))
  }
}
