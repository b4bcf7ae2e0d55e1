#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// How privileged migrations (extension changes) are handled, as the migrator's flags do.
public enum PrivilegedMode: String, Sendable, CaseIterable, Codable {
  /// The migrator's default: run them when the connected role can (a superuser), otherwise
  /// refuse with the instructions.
  case auto
  /// Refuse any plan with a privileged migration that has SQL (`-unprivileged-only`).
  case refuse
  /// Run them (the session must be a superuser).
  case apply
  /// Record them as done without running them; the operator runs the printed SQL by hand.
  case noop

  /// The migrator's `--privileged-hash`: standard base64 of SHA-1 over the privileged ids joined by
  /// `,` in plan order. Order matters.
  public static func hash(_ ids: [Int]) -> String {
    Data(SHA1.digest(Array(ids.map(String.init).joined(separator: ",").utf8))).base64EncodedString()
  }
}

/// SHA-1, only for the migrator's privileged-hash compatibility (not for security): a dozen
/// lines instead of linking a crypto library for one digest.
enum SHA1 {
  static func digest(_ message: [UInt8]) -> [UInt8] {
    var h: [UInt32] = [0x6745_2301, 0xEFCD_AB89, 0x98BA_DCFE, 0x1032_5476, 0xC3D2_E1F0]
    var data = message + [0x80]
    while data.count % 64 != 56 { data.append(0) }
    data += (0..<8).map { UInt8(truncatingIfNeeded: UInt64(message.count) * 8 >> (56 - 8 * $0)) }
    for chunk in stride(from: 0, to: data.count, by: 64) {
      var w = (0..<16).map { i in (0..<4).reduce(UInt32(0)) { $0 << 8 | UInt32(data[chunk + 4 * i + $1]) } }
      for i in 16..<80 { w.append(rotate(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1)) }
      var (a, b, c, d, e) = (h[0], h[1], h[2], h[3], h[4])
      for i in 0..<80 {
        let (f, k): (UInt32, UInt32) =
          i < 20
          ? ((b & c) | (~b & d), 0x5A82_7999)
          : i < 40
            ? (b ^ c ^ d, 0x6ED9_EBA1)
            : i < 60 ? ((b & c) | (b & d) | (c & d), 0x8F1B_BCDC) : (b ^ c ^ d, 0xCA62_C1D6)
        let t = rotate(a, 5) &+ f &+ e &+ k &+ w[i]
        (e, d, c, b, a) = (d, c, rotate(b, 30), a, t)
      }
      h = [h[0] &+ a, h[1] &+ b, h[2] &+ c, h[3] &+ d, h[4] &+ e]
    }
    return h.flatMap { v in (0..<4).map { UInt8(truncatingIfNeeded: v >> (24 - 8 * $0)) } }
  }

  private static func rotate(_ x: UInt32, _ n: UInt32) -> UInt32 { x << n | x >> (32 - n) }
}
