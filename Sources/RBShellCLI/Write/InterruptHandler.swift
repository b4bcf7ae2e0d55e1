#if canImport(Glibc)
  import Glibc
#endif
import Dispatch
import PostgresClient
import Synchronization

/// The one owner of SIGINT. On Linux a signal is delivered to one Dispatch source only, so every
/// part of rbshell that reacts to Ctrl-C goes through here:
/// - while a statement runs (`cancelling`): PQcancel it — the statement fails with SQLSTATE 57014;
/// - at the shell's prompt (`promptActive`): ask readline to abandon the line;
/// - otherwise: exit 130, as an interrupted command-line tool does.
final class Interrupts: @unchecked Sendable {
  static let shared = Interrupts()

  private let handler = Mutex<(@Sendable (Int32) -> Void)?>(nil)
  /// Set when Ctrl-C arrives at the prompt; readline's event hook consumes it.
  let promptInterrupted = Atomic<Bool>(false)
  let promptActive = Atomic<Bool>(false)
  /// In the shell, Ctrl-C never ends the process (only the line or the statement).
  let inShell = Atomic<Bool>(false)
  private let started = Mutex(false)
  nonisolated(unsafe) private var source: (any DispatchSourceSignal)?

  private func start() {
    let first = started.withLock { started in
      defer { started = true }
      return !started
    }
    guard first else { return }
    signal(SIGINT, SIG_IGN)
    let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: DispatchQueue(label: "rbshell.sigint"))
    source.setEventHandler { [unowned self] in self.interrupt() }
    source.resume()
    self.source = source
  }

  private func interrupt() {
    if let handler = handler.withLock({ $0 }) {
      handler(SIGINT)
    } else if promptActive.load(ordering: .relaxed) || inShell.load(ordering: .relaxed) {
      promptInterrupted.store(true, ordering: .relaxed)
    } else {
      Terminal.writeStderr("\nrbshell: interrupted\n")
      exit(130)
    }
  }

  /// Ctrl-C cancels this connection's running statement until the returned token is released.
  func cancelling(_ handle: QueryCanceller) -> Token {
    routing { _ in
      Terminal.writeStderr("\nrbshell: interrupt: cancelling the running statement…\n")
      handle.cancel()
    }
  }

  /// Ctrl-C calls `handler` (with SIGINT) until the returned token is released.
  func routing(_ handler: @escaping @Sendable (Int32) -> Void) -> Token {
    start()
    self.handler.withLock { $0 = handler }
    return Token { [weak self] in self?.handler.withLock { $0 = nil } }
  }

  /// Routes Ctrl-C to the prompt from now on (the shell calls this once).
  func routeToPrompt() {
    inShell.store(true, ordering: .relaxed)
    start()
  }

  final class Token {
    private let release: () -> Void
    init(_ release: @escaping () -> Void) { self.release = release }
    deinit { release() }
  }
}

/// Ctrl-C while a plan or a query runs cancels the running statement (PQcancel) instead of
/// killing rbshell: the step then fails with SQLSTATE 57014, is recorded, and the lock is released.
final class InterruptHandler {
  private let token: Interrupts.Token

  init(cancelling canceller: QueryCanceller) {
    token = Interrupts.shared.cancelling(canceller)
  }
}
