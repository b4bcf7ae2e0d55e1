import Synchronization

/// A request to stop a write, set from a signal handler and read by the runner between steps
/// and while it waits for the lock. Setting it also cancels the store's running statement.
public final class Cancellation: Sendable {
  private let flag = Atomic<Int32>(0)
  private let hooks = Mutex<[@Sendable () -> Void]>([])

  public init() {}

  /// The signal that asked to stop (0 while none did).
  public var signal: Int32 { flag.load(ordering: .acquiring) }
  public var isCancelled: Bool { signal != 0 }

  /// Marks the write cancelled by `signal` and runs every hook (e.g. PQcancel).
  public func cancel(signal: Int32) {
    flag.store(signal, ordering: .releasing)
    for hook in hooks.withLock({ $0 }) { hook() }
  }

  /// Runs `hook` on cancellation (immediately when already cancelled).
  public func onCancel(_ hook: @escaping @Sendable () -> Void) {
    hooks.withLock { $0.append(hook) }
    if isCancelled { hook() }
  }
}
