/// `\set` variables, parsed strictly as psql does ("Boolean expected").
struct ShellSettings: Equatable {
  enum Format: String { case human, json }

  var onErrorStop: Bool
  var verbose = false
  var format = Format.human
  var timing = false

  init(onErrorStop: Bool) { self.onErrorStop = onErrorStop }

  static let names = ["ON_ERROR_STOP", "VERBOSE", "FORMAT"]

  mutating func set(_ name: String, to value: String) throws(SettingError) {
    switch name.uppercased() {
    case "ON_ERROR_STOP": onErrorStop = try Self.bool(value, name)
    case "VERBOSE": verbose = try Self.bool(value, name)
    case "FORMAT":
      guard let format = Format(rawValue: value.lowercased()) else { throw .invalid(name, value, "human or json") }
      self.format = format
    default: throw .unknown(name)
    }
  }

  var listing: [String] {
    ["ON_ERROR_STOP = \(onErrorStop ? "on" : "off")", "VERBOSE = \(verbose ? "on" : "off")", "FORMAT = \(format.rawValue)"]
  }

  static func bool(_ value: String, _ name: String) throws(SettingError) -> Bool {
    switch value.lowercased() {
    case "on", "true", "1", "yes": return true
    case "off", "false", "0", "no": return false
    default: throw .invalid(name, value, "on or off")
    }
  }
}

enum SettingError: Error, Equatable, CustomStringConvertible {
  case unknown(String)
  case invalid(String, String, String)

  var description: String {
    switch self {
    case .unknown(let name): "unknown setting \(name) (known: \(ShellSettings.names.joined(separator: ", ")))"
    case .invalid(let name, let value, let expected): "invalid value \"\(value)\" for \(name): \(expected) expected"
    }
  }
}
