import ArgumentParser
import MigrationSources
import Migrations
import PostgresClient
import RBShellCore
import RBShellPostgres

/// Turns errors from lower layers into one stderr message and an exit code. Only the CLI does this.
enum ErrorReporting {
  /// Runs a command's work, turning any error into its message and exit code.
  static func run<T>(_ body: () throws -> T) throws -> T {
    do {
      return try body()
    } catch let code as ExitCode {
      throw code
    } catch {
      throw exitCode(reporting: error)
    }
  }

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
    case let error as InvalidDefinitions:
      Terminal.error(error.description)
      return ExitStatus.badInput.exitCode
    case PlanError.unknownMigration, WriteRefusal.unknownVersion:
      Terminal.error("\(error)")
      return ExitStatus.usage.exitCode
    case is DefinitionSourceError, is StitchedGraphError, is CatalogUsageError:
      Terminal.error("\(error)")
      return ExitStatus.usage.exitCode
    case let refusal as WriteRefusal:
      Terminal.error(refusal.description)
      if case .planChanged = refusal { return ExitStatus.failed.exitCode }
      return ExitStatus.needsRepair.exitCode
    case let refusal as RepairRefusal:
      Terminal.error(refusal.description)
      if case .nothingToRepair = refusal { return ExitStatus.usage.exitCode }
      return ExitStatus.needsRepair.exitCode
    case let refusal as IndexRepair.Refusal:
      Terminal.error(refusal.description)
      return ExitStatus.needsRepair.exitCode
    case let refusal as UndoRefusal:
      Terminal.error(refusal.description)
      return ExitStatus.needsRepair.exitCode
    case let error as LockBusy:
      Terminal.error(error.description)
      return ExitStatus.busy.exitCode
    case let error as StepFailure:
      Terminal.error(error.description)
      return error.error.kind == .connectionLost ? ExitStatus.cannotConnect.exitCode : ExitStatus.failed.exitCode
    default:
      Terminal.error("\(error)")
      return ExitStatus.failed.exitCode
    }
  }
}
