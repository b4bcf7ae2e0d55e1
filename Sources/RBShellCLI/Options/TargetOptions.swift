import ArgumentParser
import Foundation

/// `--target ID[,ID…]` (repeatable), as the migrator takes it.
struct TargetOptions: ParsableArguments {
  @Option(name: .customLong("target"), help: ArgumentHelp("Migration id(s): a comma list or repeated.", valueName: "id"))
  var raw: [String] = []

  func validate() throws {
    guard !raw.isEmpty else { throw ValidationError("supply a target via --target") }
    _ = try ids()
  }

  func ids() throws -> [Int] {
    try raw.flatMap { $0.split(separator: ",") }.map { text in
      guard let id = Int(text.trimmingCharacters(in: .whitespaces)) else { throw ValidationError("--target: \"\(text)\" is not a migration id") }
      return id
    }
  }
}
