import Migrations

/// Names the tool behind an advisory lock: Sourcegraph's migrator per schema, and other
/// migration tools' well-known keys.
public enum KnownLocks {
  public enum Owner: Equatable, Sendable {
    case sourcegraph(Schema)
    case tool(String)
  }

  /// Sqitch's session lock on PostgreSQL, `pg_try_advisory_lock(75474063)`.
  public static let sqitchKey: Int64 = 75_474_063
  /// goose's session locks: crc32("goose") in the lock package's first releases, crc64-ECMA
  /// later.
  public static let gooseKeys: [Int64] = [4_097_083_626, 5_887_940_537_704_921_958]
  /// Atlas's session lock: FNV-1 of `atlas_migrate_execute`.
  public static let atlasKey = Int64(AdvisoryLockKey.fnv1(Array("atlas_migrate_execute".utf8)))
  /// Prisma Migrate's session lock, `pg_advisory_lock(72707369)`.
  public static let prismaKey: Int64 = 72_707_369

  public static func owner(of lock: AdvisoryLockHolder, database: String) -> Owner? {
    if lock.objSubID == 2, lock.objID == 0,
      let schema = Schema.allCases.first(where: { Int64($0.lockKey) == lock.classID })
    {
      return .sourcegraph(schema)
    }
    guard lock.objSubID == 1 else { return nil }
    return fixedKeys(database: database)[lock.bigintKey].map(Owner.tool)
  }

  /// Keys of other tools' session locks (peers' research): fixed ones, and those derived from
  /// the database name.
  static func fixedKeys(database: String) -> [Int64: String] {
    var keys: [Int64: String] = [
      sqitchKey: "Sqitch",
      prismaKey: "Prisma Migrate",
      gooseKeys[0]: "goose",
      gooseKeys[1]: "goose",
      atlasKey: "Atlas",
    ]
    keys[Int64(CRC32.checksum(Array(database.utf8))) * 2_053_462_845] = "Rails (ActiveRecord)"
    for schema in Schema.allCases {
      for key in golangMigrateKeys(database: database, table: schema.ledgerName) { keys[key] = "golang-migrate" }
    }
    return keys
  }

  /// The keys golang-migrate's postgres driver has locked over the years for a migrations
  /// `table` in `schema`: the database name alone, then with the schema, then with schema and
  /// table (v4.15+).
  public static func golangMigrateKeys(database: String, table: String, schema: String = "public") -> [Int64] {
    [[], [schema], [schema, table]].map { golangMigrateKey(database: database, names: $0) }
  }

  /// golang-migrate's `GenerateAdvisoryLockId`: CRC-32 of the names joined by NUL, times a salt,
  /// in 32-bit arithmetic (Go's `uint32`), so the product wraps. (Rails' Ruby integers do not.)
  public static func golangMigrateKey(database: String, names: [String]) -> Int64 {
    let joined = (names + [database]).joined(separator: "\u{0}")
    return Int64(CRC32.checksum(Array(joined.utf8)) &* 1_486_364_155)
  }
}

/// CRC-32 (IEEE), as Go's `crc32.ChecksumIEEE` and Ruby's `Zlib.crc32` compute it.
enum CRC32 {
  private static let table: [UInt32] = (0..<256).map { n in
    (0..<8).reduce(UInt32(n)) { c, _ in c & 1 == 1 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
  }

  static func checksum(_ bytes: [UInt8]) -> UInt32 {
    ~bytes.reduce(~UInt32(0)) { crc, byte in table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
  }
}
