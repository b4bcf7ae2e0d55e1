import CLibPQ

/// A server notice or warning (`NOTICE: table "x" does not exist, skipping`).
public struct Notice: Sendable, Equatable, CustomStringConvertible {
  public var severity: String
  public var sqlState: SQLState?
  public var message: String
  public var description: String { "\(severity): \(message)" }
}

/// Receives notices through libpq's notice receiver, so they can be shown in context
/// instead of being printed to stderr by libpq's default processor.
final class NoticeCollector {
  private var collected: [Notice] = []

  func install(on handle: OpaquePointer) {
    let context = Unmanaged.passUnretained(self).toOpaque()
    PQsetNoticeReceiver(
      handle,
      { context, result in
        guard let context, let result else { return }
        let collector = Unmanaged<NoticeCollector>.fromOpaque(context).takeUnretainedValue()
        collector.collected.append(NoticeCollector.notice(from: result))
      }, context)
  }

  func take() -> [Notice] {
    defer { collected.removeAll() }
    return collected
  }

  private static func notice(from result: OpaquePointer) -> Notice {
    func field(_ code: Int32) -> String? { PQresultErrorField(result, code).map { String(cString: $0) } }
    return Notice(
      severity: field(CLIBPQ_DIAG_SEVERITY) ?? "NOTICE",
      sqlState: field(CLIBPQ_DIAG_SQLSTATE).map(SQLState.init(rawValue:)),
      message: field(CLIBPQ_DIAG_MESSAGE_PRIMARY) ?? "")
  }
}
