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
    if let interrupted = error as? WriteInterrupted {
      Terminal.error(interrupted.description)
      return ExitStatus.interrupted(by: interrupted.signal)
    }
    if let interrupted = error as? LedgerEditInterrupted {
      Terminal.error(interrupted.description)
      return ExitStatus.interrupted(by: interrupted.signal)
    }
    let (message, status) = classify(error)
    Terminal.error(message)
    return status.exitCode
  }

  /// The message and exit status for an error of any layer.
  static func classify(_ error: any Error) -> (String, ExitStatus) {
    switch error {
    case let error as PostgresError where error.kind == .connectionFailed: ("cannot connect to \(error.message)", .cannotConnect)
    case let error as PostgresError where error.kind == .connectionLost: (error.message, .cannotConnect)
    case let error as PostgresError: (error.description, .failed)
    case let error as InvalidDefinitions: (error.description, .badInput)
    case WriteRefusal.unstorableVersions: ("\(error)", .badInput)
    case PlanError.unknownMigration, WriteRefusal.unknownVersion, RepairRefusal.nothingToRepair, RepairRefusal.legacyNotDirty,
      RepairRefusal.legacyIgnored:
      ("\(error)", .usage)
    case is DefinitionSourceError, is StitchedGraphError, is CatalogUsageError, is ToolLedgerMissing: ("\(error)", .usage)
    case ToolRepairRefusal.notDirty, ToolRepairRefusal.badVersion, ToolRepairRefusal.nothingRan, ToolRepairRefusal.nothingLeft: ("\(error)", .usage)
    case is ToolRepairRefusal, is LedgerEditChanged: ("\(error)", .needsRepair)
    case let error as ToolLockBusy: (error.description, .busy)
    case let error as ScratchDatabase.Failure: (error.description, .failed)
    case is WriteRefusal, is RepairRefusal, is DirectWriteRefusal: ("\(error)", .needsRepair)
    case let error as LockBusy: (error.description, .busy)
    case let error as GolangMigrateLockBusy: (error.description, .busy)
    case let error as StepFailure: (error.description, error.error.connectionLost ? .cannotConnect : .failed)
    default: ("\(error)", .failed)
    }
  }
}
