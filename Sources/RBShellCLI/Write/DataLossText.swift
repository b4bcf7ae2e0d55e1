import RBShellCore

/// The data-loss preview shown before confirming: what each destructive statement takes with it,
/// or, explicitly, that nothing is lost.
enum DataLossText {
  static func render(_ estimates: [DataLossEstimate], planHasSteps: Bool) -> String {
    guard planHasSteps else { return "" }
    guard !estimates.isEmpty else { return "Data loss: none — no statement of this plan drops a table, column, type or schema, truncates or deletes.\n" }
    var lines = ["Data loss (\(estimates.contains(where: \.exact) ? "exact counts" : "estimates from statistics; --exact counts")):"]
    for estimate in estimates {
      var text = "  \(estimate.direction) \(estimate.migration), line \(estimate.line): \(verb(estimate.kind)) \(estimate.object)"
      text += " — " + amount(estimate)
      if !estimate.cascadesTo.isEmpty { text += "; CASCADE also drops: " + estimate.cascadesTo.joined(separator: ", ") }
      lines.append(text)
    }
    return lines.joined(separator: "\n") + "\n"
  }

  static func verb(_ kind: DataLossTarget.Kind) -> String {
    switch kind {
    case .table: "DROP TABLE"
    case .column: "DROP COLUMN"
    case .type: "DROP TYPE"
    case .schema: "DROP SCHEMA"
    case .truncate: "TRUNCATE"
    case .delete: "DELETE FROM"
    }
  }

  static func amount(_ estimate: DataLossEstimate) -> String {
    var parts: [String] = []
    if let rows = estimate.rows {
      let prefix = estimate.exact ? "" : "about "
      let unit = estimate.kind == .column ? "non-null values" : "rows"
      parts.append((estimate.kind == .delete ? "up to " : prefix) + "\(rows) \(unit)")
    }
    if let bytes = estimate.bytes { parts.append(size(bytes)) }
    if let note = estimate.note { parts.append(note) }
    if estimate.kind == .type, parts.isEmpty { parts.append("a type (no data of its own)") }
    return parts.joined(separator: ", ")
  }

  static func size(_ bytes: Int64) -> String {
    let units = ["bytes", "kB", "MB", "GB", "TB"]
    var value = Double(bytes)
    var unit = 0
    while value >= 1024, unit < units.count - 1 {
      value /= 1024
      unit += 1
    }
    // One decimal as printf's %.1f gives it, without Foundation's String(format:) (a preview
    // sizes every table a plan drops).
    let tenths = Int((value * 10).rounded(.toNearestOrEven))
    return unit == 0 ? "\(bytes) bytes" : "\(tenths / 10).\(tenths % 10) \(units[unit])"
  }
}
