import ArgumentParser
import PostgresClient

/// Turns errors from lower layers into one stderr message and an exit code. Only the CLI does this.
enum ErrorReporting {
  static func exitCode(reporting error: any Error) -> ExitCode {
    switch error {
    case let error as PostgresError where error.kind == .connectionFailed:
      Terminal.error("cannot connect to \(error.message)")
      return ExitStatus.cannotConnect.exitCode
    case let error as PostgresError where error.kind == .connectionLost:
      Terminal.error(error.message)
      return ExitStatus.cannotConnect.exitCode
    case let error as PostgresError:
      Terminal.error(error.description)
      return ExitStatus.failed.exitCode
    default:
      Terminal.error("\(error)")
      return ExitStatus.failed.exitCode
    }
  }
}
