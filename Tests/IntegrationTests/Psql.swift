import Foundation
import TestSupport

/// Runs psql against a test database, as an operator's shell would.
enum Psql {
  struct Failure: Error, CustomStringConvertible {
    var status: Int32
    var stderr: String
    var description: String { "psql exited \(status): \(stderr)" }
  }

  static func run(database: String, files: [String]) throws {
    try run(database: database, paths: files.map { PackagePaths.root.appending(path: $0).path })
  }

  /// `psql -X -q -v ON_ERROR_STOP=1 [-1] -f PATH…` with absolute paths.
  static func run(database: String, paths: [String], singleTransaction: Bool = false) throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments =
      ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", database] + (singleTransaction ? ["-1"] : [])
      + paths.flatMap { ["-f", $0] }
    let err = Pipe()
    process.standardOutput = FileHandle.nullDevice
    process.standardError = err
    try process.run()
    let errors = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { throw Failure(status: process.terminationStatus, stderr: errors) }
  }

  /// Starts psql running `sql` and returns without waiting (for statements that must block).
  static func start(database: String, sql: String) throws -> Process {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["psql", "-X", "-q", "-d", database, "-c", sql]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    return process
  }
}
