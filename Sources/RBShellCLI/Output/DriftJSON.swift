import RBShellCore
import RBShellPostgres

/// `rbshell drift --json`: one document for every schema compared (docs/json-output.md).
struct DriftJSON: Encodable {
  struct Schema: Encodable {
    var schema: String
    var database: DatabaseLabel
    var basis: String
    var migrations: Int
    var unknownMigrations: [Int]
    var addedAncestors: [Int]
    var scratch: Scratch
    var seconds: Seconds
    var equal: Bool
    var warnings: [String]
    var notCompared: [String]
    var differences: [Difference]
  }

  struct Scratch: Encodable {
    var database: String
    var reused: Bool
    var kept: Bool
  }

  struct Seconds: Encodable {
    var build: Double
    var compare: Double
  }

  struct Difference: Encodable {
    var kind: String
    var object: String
    var change: String
    var cosmetic: Bool
    var properties: [DriftDifference.Property]
    var includes: [String]
    var migration: Int?
    var migrationName: String?
    var sql: [String]
  }

  var drift: [Schema]

  init(_ reports: [DriftService.Report]) {
    drift = reports.map { report in
      let names = Dictionary(report.plan.definitions.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
      return Schema(
        schema: report.schema.rawValue, database: report.database, basis: report.basis, migrations: report.plan.definitions.count,
        unknownMigrations: report.plan.unknown, addedAncestors: report.plan.addedAncestors,
        scratch: Scratch(database: report.scratch, reused: report.reused, kept: report.kept),
        seconds: Seconds(build: report.buildSeconds, compare: report.compareSeconds), equal: report.real.isEmpty, warnings: report.warnings,
        notCompared: report.notCompared,
        differences: report.differences.map { difference in
          Difference(
            kind: difference.object.kind.rawValue, object: difference.object.path, change: difference.change.rawValue,
            cosmetic: difference.cosmetic, properties: difference.properties, includes: difference.absorbed.map(\.key),
            migration: difference.migration, migrationName: difference.migration.flatMap { names[$0] },
            sql: DriftFixSQL.statements(for: difference))
        })
    }
  }
}
