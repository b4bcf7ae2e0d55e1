#if canImport(Glibc)
  import Glibc
#endif
import Dispatch
import PostgresClient

/// Ctrl-C while a plan runs cancels the running statement (PQcancel) instead of killing
/// rbshell: the step then fails with SQLSTATE 57014, is recorded, and the lock is released.
final class InterruptHandler: @unchecked Sendable {
  nonisolated(unsafe) private var source: (any DispatchSourceSignal)?

  init(cancelling canceller: QueryCanceller) {
    signal(SIGINT, SIG_IGN)
    let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: DispatchQueue(label: "rbshell.sigint"))
    source.setEventHandler {
      Terminal.writeStderr("\nrbshell: interrupt: cancelling the running statement…\n")
      canceller.cancel()
    }
    source.resume()
    self.source = source
  }

  deinit {
    source?.cancel()
    signal(SIGINT, SIG_DFL)
  }
}
