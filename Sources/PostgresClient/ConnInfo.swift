import CLibPQ

/// libpq's own reading of a connection string (`PQconninfoParse`), keyword/value or URL form:
/// the one parser rbshell trusts to say which password a DSN carries and what its database is.
public enum ConnInfo {
  /// The keywords the string sets, with their values; nil when libpq rejects the string (its
  /// error text is never kept: it may quote the password).
  public static func parse(_ dsn: String) -> [String: String]? {
    var error: UnsafeMutablePointer<CChar>?
    guard let options = PQconninfoParse(dsn, &error) else {
      if let error { PQfreemem(error) }
      return nil
    }
    defer { PQconninfoFree(options) }
    var values: [String: String] = [:]
    var option = options
    while let keyword = option.pointee.keyword {
      if let value = option.pointee.val { values[String(cString: keyword)] = String(cString: value) }
      option += 1
    }
    return values
  }
}
