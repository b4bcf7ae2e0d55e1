import Foundation
import PostgresClient

/// Whether database tests run. Under `RBSHELL_REQUIRE_DB=1` (scripts/test, CI) they always run,
/// so a missing server fails them; otherwise they run only when a server answers.
public enum TestEnvironment {
  public static let requiresDatabase = ProcessInfo.processInfo.environment["RBSHELL_REQUIRE_DB"] == "1"

  public static let databaseTestsEnabled: Bool = requiresDatabase || serverAnswers

  public static let skipReason: Comment =
    "no PostgreSQL reachable through the PG* environment: run `scripts/test` (or `scripts/with-postgres swift test`)"

  private static let serverAnswers: Bool = (try? Connection(dsn: nil, options: ConnectOptions(connectTimeoutSeconds: 2))) != nil
}

/// A comment type that mirrors Swift Testing's, so suites can pass the reason to `.enabled(if:_:)`.
public typealias Comment = String
