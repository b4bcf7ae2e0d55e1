import ArgumentParser
import Migrations
import RBShellCore
import RBShellPostgres

extension PrivilegedMode: ExpressibleByArgument {}

/// Flags every write command shares: preview, confirmation, locking and timeouts.
struct WriteOptions: ParsableArguments {
  @Flag(help: "Print the plan and write nothing.") var dryRun = false
  /// Set by `rbshell rehearse`: run the plan in a transaction that is always rolled back.
  @Flag(help: .hidden) var rehearse = false
  @Option(help: ArgumentHelp("With rehearse: how long a statement may wait for a table lock.", valueName: "duration"))
  var rehearsalLockTimeout = "2s"
  @Flag(name: [.customShort("y"), .long], help: "Do not ask for confirmation (needed when stdin is not a terminal).") var yes = false
  @Flag(help: "Show each step's SQL with line numbers in the plan.") var verbose = false
  @Flag(help: "Print the plan (and its data-loss preview) as one JSON document.") var json = false
  @Flag(help: "Count rows and values exactly for the data-loss preview instead of using statistics (scans the tables).")
  var exact = false

  @Option(help: ArgumentHelp("Seconds to wait for the schema's migration lock before giving up (exit 5); at most a day.", valueName: "seconds"))
  var lockTimeout: Double = 30

  @Option(help: ArgumentHelp("PostgreSQL statement_timeout for the migrations, e.g. 5min.", valueName: "duration"))
  var statementTimeout: String?

  @Option(
    name: .customLong("ddl-lock-timeout"),
    help: ArgumentHelp("PostgreSQL lock_timeout for the migrations' table locks, e.g. 10s.", valueName: "duration"))
  var ddlLockTimeout: String?

  @Option(
    help:
      "Privileged (extension) migrations: auto (run them when connected as a superuser, else refuse; the default), refuse, apply, or noop (record them; run their SQL by hand)."
  )
  var privileged: PrivilegedMode = .auto

  @Flag(help: "The migrator's spelling of --privileged=refuse: stop at privileged migrations.") var unprivilegedOnly = false
  @Flag(help: "The migrator's spelling of --privileged=noop.") var noopPrivileged = false

  @Option(help: ArgumentHelp("With --privileged=noop going up: the hash printed by a first run, confirming the SQL was applied by hand.", valueName: "hash"))
  var privilegedHash: [String] = []

  @Flag(
    help:
      "Run the whole plan in one transaction, all or nothing (like psql -1): a failure or interruption changes no migration. Not with concurrent index migrations."
  )
  var singleTransaction = false

  @Flag(help: "Retry one failed migration, only if it is the next step of the plan.") var ignoreSingleDirtyLog = false
  @Flag(help: "Retry one pending migration, only if it is the next step of the plan.") var ignoreSinglePendingLog = false

  func validate() throws {
    try DurationArgument.seconds(lockTimeout, flag: "--lock-timeout")
    try DurationArgument.check(statementTimeout, flag: "--statement-timeout")
    try DurationArgument.check(ddlLockTimeout, flag: "--ddl-lock-timeout")
    try DurationArgument.check(rehearsalLockTimeout, flag: "--rehearsal-lock-timeout")
    if unprivilegedOnly && noopPrivileged { throw ValidationError("--unprivileged-only and --noop-privileged exclude each other") }
  }

  /// `--privileged`, or the migrator's flags for it.
  var privilegedMode: PrivilegedMode {
    unprivilegedOnly ? .refuse : noopPrivileged ? .noop : privileged
  }

  var runner: RunnerOptions {
    RunnerOptions(lockTimeout: lockTimeout, privileged: privilegedMode, privilegedHashes: privilegedHash, singleTransaction: singleTransaction)
  }

  var dirtyOptions: DirtyCheck.Options {
    DirtyCheck.Options(ignoreSingleDirtyLog: ignoreSingleDirtyLog, ignoreSinglePendingLog: ignoreSinglePendingLog)
  }
}

/// `--db` for commands that change exactly one schema.
struct SingleSchemaOptions: ParsableArguments {
  @Option(
    name: [.customLong("db"), .customLong("schema")],
    help: ArgumentHelp("The schema: frontend, codeintel or codeinsights (or pgsql, codeintel-db, codeinsights-db).", valueName: "schema"),
    completion: .list(Schema.allCases.map(\.rawValue)))
  var db: String

  func validate() throws { _ = try schema() }

  func schema() throws -> Schema {
    guard let schema = Schema(name: db) else {
      throw ValidationError("unknown schema \"\(db)\": use frontend, codeintel or codeinsights (or pgsql, codeintel-db, codeinsights-db)")
    }
    return schema
  }
}
