import Foundation
import Migrations
import SeededRandom
import Synchronization

/// `rbshell-fuzz`: mutated SQL files, metadata.yaml files and stitched graphs through rbshell's
/// readers, checking the properties in `Targets`. No crash, no hang: an input that runs longer
/// than `--input-limit` seconds is saved and fails the run.
///
///     rbshell-fuzz [--seconds S | --inputs N] [--seed N] [--corpus stitched-migration-graph.json]
///
/// Exit codes: 0 every input held, 1 a property failed (the input is saved), 2 an input hung, 64 usage.
struct Options {
  var seconds: Double?
  var inputs: Int?
  var seed: UInt64 = 1
  var corpus: String?
  var inputLimit: Double = 10

  static func parse(_ arguments: [String]) -> Options? {
    var options = Options()
    var rest = arguments[...]
    while let flag = rest.popFirst() {
      guard let value = rest.popFirst() else { return nil }
      switch flag {
      case "--seconds": options.seconds = Double(value)
      case "--inputs": options.inputs = Int(value)
      case "--seed": options.seed = UInt64(value) ?? 1
      case "--corpus": options.corpus = value
      case "--input-limit": options.inputLimit = Double(value) ?? 10
      default: return nil
      }
    }
    return options.seconds != nil || options.inputs != nil ? options : nil
  }
}

/// The input being run and since when, for the watchdog thread.
final class CurrentInput: Sendable {
  private let state = Mutex<(target: String, bytes: [UInt8], started: Double)?>(nil)
  func begin(_ target: String, _ bytes: [UInt8]) { state.withLock { $0 = (target, bytes, Date().timeIntervalSince1970) } }
  func end() { state.withLock { $0 = nil } }
  func overdue(after limit: Double) -> (target: String, bytes: [UInt8])? {
    state.withLock { current in
      guard let current, Date().timeIntervalSince1970 - current.started > limit else { return nil }
      return (current.target, current.bytes)
    }
  }
}

func save(_ bytes: [UInt8], target: String) -> String {
  let path = FileManager.default.temporaryDirectory.appending(path: "rbshell-fuzz-\(target)-\(UUID().uuidString).bin").path
  _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
  return path
}

func corpusSeeds(_ path: String?) -> [String] {
  guard let path, let data = FileManager.default.contents(atPath: path),
    let graph = try? StitchedGraph.decode(data, location: path)
  else { return [] }
  return graph.schemas.values.flatMap(\.definitions).flatMap { [$0.upQuery, $0.downQuery] }.filter { !$0.isEmpty }
}

guard let options = Options.parse(Array(CommandLine.arguments.dropFirst())) else {
  FileHandle.standardError.write(Data("usage: rbshell-fuzz (--seconds S | --inputs N) [--seed N] [--corpus FILE] [--input-limit S]\n".utf8))
  exit(64)
}
let corpus = corpusSeeds(options.corpus)
let targets: [(name: String, mutator: Mutator, check: ([UInt8]) -> String?)] = [
  ("sql", Mutator(seeds: Seeds.sql + corpus, dictionary: Seeds.sqlDictionary, rawPieces: Seeds.rawSQLPieces), Targets.sql),
  ("metadata", Mutator(seeds: Seeds.metadata, dictionary: Seeds.metadataDictionary), Targets.metadata),
  ("stitched", Mutator(seeds: [Seeds.stitched], dictionary: Seeds.stitchedDictionary), Targets.stitched),
]
let current = CurrentInput()
let watchdog = Thread {
  while true {
    Thread.sleep(forTimeInterval: 0.2)
    if let hung = current.overdue(after: options.inputLimit) {
      FileHandle.standardError.write(
        Data("rbshell-fuzz: a \(hung.target) input ran over \(options.inputLimit) s; saved to \(save(hung.bytes, target: hung.target))\n".utf8))
      exit(2)
    }
  }
}
watchdog.start()

var rng = SplitMix64(seed: options.seed)
var counts = [Int](repeating: 0, count: targets.count)
var largest = 0
let started = Date()
var total = 0
while true {
  if let limit = options.inputs, total >= limit { break }
  if let seconds = options.seconds, total % 64 == 0, Date().timeIntervalSince(started) >= seconds { break }
  let index = total % targets.count
  let target = targets[index]
  let input = target.mutator.input(using: &rng)
  largest = max(largest, input.count)
  current.begin(target.name, input)
  let failure = target.check(input)
  current.end()
  if let failure {
    print("rbshell-fuzz: \(failure)\n  input saved to \(save(input, target: target.name))")
    exit(1)
  }
  counts[index] += 1
  total += 1
}
let elapsed = Date().timeIntervalSince(started)
let perTarget = zip(targets, counts).map { "\($0.name) \($1)" }.joined(separator: ", ")
print(
  String(
    format: "rbshell-fuzz: %d inputs (%@; %d corpus seeds; largest %d bytes) in %.1f s, seed %llu: no failure, no crash, no hang",
    total, perTarget, corpus.count, largest, elapsed, options.seed))
