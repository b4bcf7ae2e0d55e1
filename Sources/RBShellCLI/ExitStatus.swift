import ArgumentParser

/// rbshell's exit codes, in one place (docs/exit-codes.md lists them for operators).
public enum ExitStatus: Int32, Sendable {
  case ok = 0
  case failed = 1
  case cannotConnect = 2
  case scriptStopped = 3
  case needsRepair = 4
  case busy = 5
  case usage = 64
  case badInput = 65

  var exitCode: ExitCode { ExitCode(rawValue) }

  /// A write stopped by a signal exits 128 + the signal, as a shell reports it: 130 for Ctrl-C
  /// (SIGINT), 143 for SIGTERM, 129 for SIGHUP.
  static func interrupted(by signal: Int32) -> ExitCode { ExitCode(128 + signal) }
}
