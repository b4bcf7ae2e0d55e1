/// The migration tools whose ledgers rbshell reads besides Sourcegraph's (research: peers.md),
/// and how each records a migration that did not finish.
public enum LedgerTool: String, CaseIterable, Sendable, Codable {
  case golangMigrate = "golang-migrate"
  case flyway
  case prisma
  case atlas
  case goose
  case alembic
  case sqitch
  case rails
  case dbmate

  /// How the tool names itself.
  public var displayName: String {
    switch self {
    case .golangMigrate: "golang-migrate"
    case .flyway: "Flyway"
    case .prisma: "Prisma Migrate"
    case .atlas: "Atlas"
    case .goose: "goose"
    case .alembic: "Alembic"
    case .sqitch: "Sqitch"
    case .rails: "Rails (ActiveRecord)"
    case .dbmate: "dbmate"
    }
  }

  /// What a failure leaves in the ledger, for readers of an empty failure list.
  public var failureRecord: String {
    switch self {
    case .golangMigrate: "the one row's dirty flag stays true"
    case .flyway: "a row with success = false, for a migration that ran outside a transaction"
    case .prisma: "a row with finished_at and rolled_back_at both NULL"
    case .atlas: "a revision with applied < total, and error / error_stmt"
    case .goose, .rails, .dbmate: "nothing: the migration and its row roll back together, or a non-transactional one leaves no row"
    case .alembic: "nothing: alembic_version keeps the revision before the failure"
    case .sqitch: "a fail event in sqitch.events, the change absent from sqitch.changes"
    }
  }
}
