import Foundation
import PostgresClient
import RBShellCore

/// Reads a database's `SchemaDescription` from its catalog. Run it inside
/// `Connection.snapshotTransaction` so every query sees one state.
public struct SchemaDescriptionReader {
  let connection: Connection

  public init(connection: Connection) { self.connection = connection }

  public func read() throws -> SchemaDescription {
    typealias Q = SchemaDescriptionQueries
    let readers: [(String, (Row) throws -> SchemaObject)] = [
      (Q.relations, relation), (Q.columns, column), (Q.constraints, { try Self.owned(.constraint, $0, properties: ["definition", "validated"]) }),
      (Q.indexes, { try Self.owned(.index, $0, properties: ["definition", "valid"]) }), (Q.sequences, sequence), (Q.functions, function),
      (Q.triggers, { try Self.owned(.trigger, $0, properties: ["definition", "enabled"]) }), (Q.enums, enumType), (Q.extensions, `extension`),
    ]
    var objects: [SchemaObject] = []
    for (query, read) in readers {
      for row in try connection.query(query).records { objects.append(try read(row)) }
    }
    return SchemaDescription(objects: objects)
  }

  /// A constraint, index or trigger: its table, the server's definition and the named properties.
  static func owned(_ kind: SchemaObject.Kind, _ row: Row, properties names: [String]) throws -> SchemaObject {
    var properties: [String: String] = [:]
    for name in names { properties[name] = try row.requiredString(name) }
    return SchemaObject(
      kind, schema: try row.requiredString("schema"), name: try row.requiredString("name"), table: try row.string("table"),
      properties: properties, cosmetic: comment(try row.string("comment")), definition: try row.string("definition"))
  }

  private func enumType(_ row: Row) throws -> SchemaObject {
    let labels = try row.requiredString("labels")
    return SchemaObject(
      .enumType, schema: try row.requiredString("schema"), name: try row.requiredString("name"), properties: ["values": Self.labels(labels)],
      cosmetic: Self.comment(try row.string("comment")), definition: labels)
  }

  private func `extension`(_ row: Row) throws -> SchemaObject {
    SchemaObject(
      .extension, schema: try row.requiredString("schema"), name: try row.requiredString("name"), cosmetic: ["version": try row.requiredString("version")])
  }

  private func relation(_ row: Row) throws -> SchemaObject {
    let kind: SchemaObject.Kind =
      switch try row.requiredString("kind") {
      case "v": .view
      case "m": .materializedView
      default: .table
      }
    var properties = ["persistence": try row.requiredString("persistence") == "u" ? "unlogged" : "logged"]
    if let definition = try row.string("definition") { properties["definition"] = definition }
    if kind == .table { properties["partitioned"] = String(try row.requiredString("kind") == "p") }
    return SchemaObject(
      kind, schema: try row.requiredString("schema"), name: try row.requiredString("name"), properties: properties,
      cosmetic: Self.comment(try row.string("comment")), definition: try row.string("definition"))
  }

  private func column(_ row: Row) throws -> SchemaObject {
    var properties = ["type": try row.requiredString("type"), "not null": String(try row.requiredBool("notnull"))]
    if let value = try row.string("default") { properties["default"] = value }
    if let value = try row.string("collation") { properties["collation"] = value }
    if let value = try row.string("identity"), !value.isEmpty { properties["identity"] = value == "a" ? "always" : "by default" }
    if let value = try row.string("generated"), !value.isEmpty { properties["generated"] = "stored" }
    return SchemaObject(
      .column, schema: try row.requiredString("schema"), name: try row.requiredString("name"), table: try row.string("table"),
      properties: properties, cosmetic: Self.comment(try row.string("comment")), position: try row.int("position"))
  }

  private func sequence(_ row: Row) throws -> SchemaObject {
    var properties: [String: String] = [:]
    for name in ["type", "increment", "min", "max", "cycle"] { properties[name] = try row.requiredString(name) }
    if let column = try row.string("owned_by") { properties["owned by"] = column }
    var cosmetic = Self.comment(try row.string("comment"))
    cosmetic["start"] = try row.requiredString("start")
    return SchemaObject(
      .sequence, schema: try row.requiredString("schema"), name: try row.requiredString("name"), table: try row.string("table"),
      properties: properties, cosmetic: cosmetic)
  }

  private func function(_ row: Row) throws -> SchemaObject {
    var properties: [String: String] = [:]
    for column in ["result", "language", "body", "kind", "volatility", "strict", "security_definer"] {
      properties[column.replacingOccurrences(of: "_", with: " ")] = try row.string(column) ?? ""
    }
    return SchemaObject(
      .function, schema: try row.requiredString("schema"), name: try row.requiredString("name"), properties: properties,
      cosmetic: Self.comment(try row.string("comment")), definition: try row.string("definition"))
  }

  static func comment(_ text: String?) -> [String: String] { text.map { ["comment": $0] } ?? [:] }

  /// An enum's labels (a JSON array) as `a, b, c`.
  static func labels(_ json: String) -> String {
    let labels = (try? JSONSerialization.jsonObject(with: Data(json.utf8))) as? [String] ?? []
    return labels.joined(separator: ", ")
  }
}
