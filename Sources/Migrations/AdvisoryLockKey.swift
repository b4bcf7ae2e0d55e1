/// Sourcegraph's migration lock key: FNV-1 (32-bit, multiply then xor) of
/// `"<ledger name>:migrations"`, reduced modulo 2147483647 so it fits a positive int4.
///
/// frontend → 1308612253, codeintel → 1731304153, codeinsights → 1054047648.
public enum AdvisoryLockKey {
  public static func forLedger(_ ledgerName: String) -> Int32 {
    Int32(fnv1(Array("\(ledgerName):migrations".utf8)) % 2_147_483_647)
  }

  public static func fnv1(_ bytes: [UInt8]) -> UInt32 {
    var hash: UInt32 = 2_166_136_261
    for byte in bytes {
      hash = hash &* 16_777_619
      hash ^= UInt32(byte)
    }
    return hash
  }
}
