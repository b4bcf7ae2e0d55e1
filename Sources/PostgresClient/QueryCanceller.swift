import CLibPQ
import Synchronization

/// Cancels the statement running on one connection, from any thread (libpq documents
/// `PQcancel` as thread-safe). The mutex only keeps `cancel()` and `deinit` apart.
public final class QueryCanceller: @unchecked Sendable {
  private let handle: OpaquePointer?
  private let lock = Mutex(())

  init(_ handle: OpaquePointer?) { self.handle = handle }

  deinit { lock.withLock { _ in if let handle { PQfreeCancel(handle) } } }

  /// Asks the server to cancel the running statement, which then fails with SQLSTATE 57014.
  /// Returns false when the request could not be sent (nothing is running is not an error).
  @discardableResult
  public func cancel() -> Bool {
    lock.withLock { _ in
      guard let h = handle else { return false }
      var buffer = [CChar](repeating: 0, count: 256)
      return PQcancel(h, &buffer, Int32(buffer.count)) == 1
    }
  }
}
