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
}
