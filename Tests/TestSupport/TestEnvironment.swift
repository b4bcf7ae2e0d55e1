import Foundation
import PostgresClient

/// Whether database tests run. Under `RBSHELL_REQUIRE_DB=1` (scripts/test, CI) they always run,
/// so a missing server fails them; otherwise they run only when a server answers.
public enum TestEnvironment {
  public static let requiresDatabase = ProcessInfo.processInfo.environment["RBSHELL_REQUIRE_DB"] == "1"

  public static let databaseTestsEnabled: Bool = requiresDatabase || serverAnswers

  private static let serverAnswers: Bool = (try? Connection(dsn: nil, options: ConnectOptions(connectTimeoutSeconds: 2))) != nil
}
