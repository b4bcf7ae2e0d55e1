import Foundation
import RBShellCore
import RBShellPostgres

/// `rbshell drift` for a terminal: per schema, each difference with where it comes from and the
/// SQL that would make the live database match (to review; drift runs none of it).
enum DriftText {
  static func render(_ reports: [DriftService.Report]) -> String {
    if reports.isEmpty { return "drift: no schema with applied migrations to compare\n" }
    return reports.map(render).joined(separator: "\n")
  }

  static func render(_ report: DriftService.Report) -> String {
    let names = Dictionary(report.plan.definitions.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
    let built = report.reused ? "reused kept scratch database \(report.scratch)" : "built in \(Progress.formatted(report.buildSeconds))"
    var out = "drift \(report.schema.rawValue) (database \(report.database.name)): \(report.basis), \(report.plan.definitions.count) migrations; "
    out += "\(built), compared in \(Progress.formatted(report.compareSeconds))\n"
    if !report.plan.unknown.isEmpty {
      out += "  note: the ledger records migrations the definitions do not have (not built): \(report.plan.unknown.map(String.init).joined(separator: ", "))\n"
    }
    if !report.plan.addedAncestors.isEmpty {
      out += "  note: the ledger lacks ancestors of what it records; built them too: \(report.plan.addedAncestors.map(String.init).joined(separator: ", "))\n"
    }
    for warning in report.warnings { out += "  warning: \(warning)\n" }
    if !report.notCompared.isEmpty {
      out += "  note: not compared (the migrations make nothing there): schema \(report.notCompared.joined(separator: ", "))\n"
    }
    let real = report.real
    let cosmetic = report.differences.filter(\.cosmetic)
    if real.isEmpty {
      out += "  equal" + (cosmetic.isEmpty ? "\n" : " except for \(cosmetic.count) cosmetic difference\(cosmetic.count == 1 ? "" : "s")\n")
    } else {
      out += "  DRIFT: \(real.count) difference\(real.count == 1 ? "" : "s")" + (cosmetic.isEmpty ? "" : " (and \(cosmetic.count) cosmetic)") + "\n"
    }
    for difference in real { out += describe(difference, names: names) }
    if !cosmetic.isEmpty { out += "  cosmetic (column order, comments, versions):\n" }
    for difference in cosmetic { out += describe(difference, names: names) }
    if report.kept, !report.reused { out += "  kept scratch database \(report.scratch) for the next run (drop it with DROP DATABASE when done)\n" }
    return out
  }

  static func describe(_ property: DriftDifference.Property) -> String {
    if property.name == "body" { return "the body is not the migrations' (md5 \(property.live ?? "none"), theirs \(property.expected ?? "none"))" }
    guard property.name == "column order" else {
      return "\(property.name) is \(property.live ?? "none"), the migrations make it \(property.expected ?? "none")"
    }
    let order = { (text: String?) in (text ?? "").components(separatedBy: ", ") }
    let moved = DriftComparison.movedColumns(expected: order(property.expected), live: order(property.live))
    return "column order differs (\(moved.joined(separator: ", ")) in another place)"
  }

  static func describe(_ difference: DriftDifference, names: [Int: String]) -> String {
    let object = difference.object
    var out = "  \(object.kind.rawValue) \(object.path): "
    switch difference.change {
    case .missing: out += "missing — the migrations create it, the live database has none"
    case .extra: out += "extra — the live database has it, the migrations do not create it"
    case .changed:
      out += difference.properties.map(describe).joined(separator: "; ")
    }
    out += "\n"
    if !difference.absorbed.isEmpty { out += "    with its \(difference.absorbed.map { "\($0.kind.rawValue) \($0.name)" }.joined(separator: ", "))\n" }
    if let migration = difference.migration {
      out += "    from migration \(migration)\(names[migration].map { " (\($0))" } ?? "") (the last whose statements touch it)\n"
    } else if difference.change == .extra {
      out += "    no migration's statements touch it (made by hand?)\n"
    }
    for statement in DriftFixSQL.statements(for: difference) {
      out += "    fix: " + statement.replacingOccurrences(of: "\n", with: "\n         ") + (statement.hasPrefix("--") ? "" : ";") + "\n"
    }
    return out
  }
}
