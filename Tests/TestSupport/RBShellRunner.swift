import Foundation

/// Runs the real `rbshell` binary, as an operator would, and captures what it printed.
public struct RBShellRun: Sendable {
  public var status: Int32
  public var stdout: String
  public var stderr: String

  /// Runs `rbshell ARGS` with the test's environment plus `environment`; `removing` drops
  /// variables. `executable` and `directory` run another copy of the binary from another folder.
  public static func run(
    _ arguments: [String], environment: [String: String] = [:], removing: [String] = [], stdin: String? = nil,
    executable: URL = PackagePaths.rbshell, directory: URL? = nil
  ) throws -> RBShellRun {
    let process = Process()
    process.executableURL = executable
    if let directory { process.currentDirectoryURL = directory }
    process.arguments = arguments
    var env = ProcessInfo.processInfo.environment
    for key in removing { env[key] = nil }
    env.merge(environment) { _, new in new }
    env["NO_COLOR"] = "1"
    process.environment = env
    let out = Pipe()
    let err = Pipe()
    let input = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = input
    try process.run()
    if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
    try input.fileHandleForWriting.close()
    // Drain stderr on another thread while reading stdout, so neither pipe can fill and block the child.
    let errBox = DataBox()
    let group = DispatchGroup()
    DispatchQueue.global().async(group: group) { errBox.data = err.fileHandleForReading.readDataToEndOfFile() }
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    let errData = errBox.data
    process.waitUntilExit()
    return RBShellRun(
      status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
      stderr: String(decoding: errData, as: UTF8.self))
  }

  /// stdout parsed as one JSON object.
  public func json() throws -> [String: Any] {
    let object = try JSONSerialization.jsonObject(with: Data(stdout.utf8))
    guard let dictionary = object as? [String: Any] else { throw RunError.notAnObject(stdout) }
    return dictionary
  }

  public enum RunError: Error { case notAnObject(String) }
}

private final class DataBox: @unchecked Sendable {
  var data = Data()
}
