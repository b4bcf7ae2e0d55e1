extension StringProtocol {
  /// Whether the text contains `needle` (ASCII), byte by byte, ASCII letters compared without
  /// case when asked. Why: with Foundation imported, `String.contains(String)` goes through
  /// NSString's search, which took half the time of validating a 400,000-statement file.
  public func containsASCII(_ needle: String, ignoringCase: Bool = false) -> Bool {
    let pattern = needle.utf8.map { ignoringCase ? asciiFolded($0) : $0 }
    if let found = utf8.withContiguousStorageIfAvailable({ asciiSearch($0, pattern, ignoringCase) }) { return found }
    return Array(utf8).withUnsafeBufferPointer { asciiSearch($0, pattern, ignoringCase) }
  }
}

private func asciiSearch(_ bytes: UnsafeBufferPointer<UInt8>, _ pattern: [UInt8], _ ignoringCase: Bool) -> Bool {
  guard let first = pattern.first else { return true }
  guard bytes.count >= pattern.count else { return false }
  for i in 0...(bytes.count - pattern.count) where (ignoringCase ? asciiFolded(bytes[i]) : bytes[i]) == first {
    var k = 1
    while k < pattern.count, (ignoringCase ? asciiFolded(bytes[i + k]) : bytes[i + k]) == pattern[k] { k += 1 }
    if k == pattern.count { return true }
  }
  return false
}

private func asciiFolded(_ b: UInt8) -> UInt8 { (0x41...0x5A).contains(b) ? b | 0x20 : b }
