/// The rows of one statement's result, copied out of libpq in text format.
public struct QueryResult: Sendable {
  public let columns: [String]
  public let rows: [[String?]]
  /// The command tag, e.g. `SELECT 3`, `CREATE TABLE`, `INSERT 0 1`.
  public let commandTag: String

  public init(columns: [String], rows: [[String?]], commandTag: String) {
    self.columns = columns
    self.rows = rows
    self.commandTag = commandTag
  }

  /// Rows with access by column name.
  public var records: [Row] {
    let index = Dictionary(columns.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
    return rows.map { Row(values: $0, columnIndex: index) }
  }

  /// The first column of the first row, the usual shape of `SELECT count(*)`.
  public var scalar: String? { rows.first?.first ?? nil }
}

/// One row; typed getters throw `RowError` naming the column when the value has the wrong shape.
public struct Row: Sendable {
  let values: [String?]
  let columnIndex: [String: Int]

  public func string(_ column: String) throws(RowError) -> String? {
    guard let i = columnIndex[column] else { throw .noSuchColumn(column) }
    return values[i]
  }

  public func requiredString(_ column: String) throws(RowError) -> String {
    guard let value = try string(column) else { throw .unexpectedNull(column) }
    return value
  }

  public func int(_ column: String) throws(RowError) -> Int? {
    guard let text = try string(column) else { return nil }
    guard let value = Int(text) else { throw .notAnInteger(column, text) }
    return value
  }

  public func requiredInt(_ column: String) throws(RowError) -> Int {
    guard let value = try int(column) else { throw .unexpectedNull(column) }
    return value
  }

  public func double(_ column: String) throws(RowError) -> Double? {
    guard let text = try string(column) else { return nil }
    guard let value = Double(text) else { throw .notANumber(column, text) }
    return value
  }

  /// PostgreSQL's text form of boolean is `t` / `f`.
  public func bool(_ column: String) throws(RowError) -> Bool? {
    switch try string(column) {
    case nil: return nil
    case "t": return true
    case "f": return false
    case let other?: throw .notABoolean(column, other)
    }
  }

  public func requiredBool(_ column: String) throws(RowError) -> Bool {
    guard let value = try bool(column) else { throw .unexpectedNull(column) }
    return value
  }
}

public enum RowError: Error, Sendable, Equatable, CustomStringConvertible {
  case noSuchColumn(String)
  case unexpectedNull(String)
  case notAnInteger(String, String)
  case notANumber(String, String)
  case notABoolean(String, String)

  public var description: String {
    switch self {
    case .noSuchColumn(let c): "result has no column \"\(c)\""
    case .unexpectedNull(let c): "column \"\(c)\" is unexpectedly NULL"
    case .notAnInteger(let c, let v): "column \"\(c)\" holds \"\(v)\", not an integer"
    case .notANumber(let c, let v): "column \"\(c)\" holds \"\(v)\", not a number"
    case .notABoolean(let c, let v): "column \"\(c)\" holds \"\(v)\", not a boolean"
    }
  }
}
