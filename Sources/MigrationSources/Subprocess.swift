import Foundation

/// Runs a program to completion and captures its output. Used only for `git`.
struct Subprocess {
  var status: Int32
  var stdout: Data
  var stderr: String

  static func run(_ executable: String, _ arguments: [String], input: Data? = nil) throws -> Subprocess {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [executable] + arguments
    let out = Pipe()
    let err = Pipe()
    let inPipe = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = inPipe
    try process.run()
    let group = DispatchGroup()
    let errBox = Box()
    let inputData = input ?? Data()
    DispatchQueue.global().async(group: group) { errBox.data = err.fileHandleForReading.readDataToEndOfFile() }
    DispatchQueue.global().async(group: group) {
      inPipe.fileHandleForWriting.write(inputData)
      try? inPipe.fileHandleForWriting.close()
    }
    let output = out.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    process.waitUntilExit()
    return Subprocess(status: process.terminationStatus, stdout: output, stderr: String(decoding: errBox.data, as: UTF8.self))
  }

  private final class Box: @unchecked Sendable { var data = Data() }
}
