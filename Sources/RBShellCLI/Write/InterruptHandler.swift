import CSignalPipe
import Foundation
import PostgresClient
import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// The one owner of SIGINT, SIGTERM and SIGHUP.
///
/// A C handler (CSignalPipe) writes each signal's number to a pipe; one thread reads the pipe and
/// decides. Dispatch signal sources are not used: on Linux they rely on the signal being blocked,
/// which holds only for the thread that registered the source, so a signal the kernel handed to
/// another thread was lost and Ctrl-C sometimes did nothing. A handler runs in whichever thread
/// the signal lands, and exec resets it for child processes (where SIG_IGN would be inherited).
/// What a signal does:
/// - while a write or a statement has routed it here: call that handler (cancel, record, exit later);
/// - SIGINT at the shell's prompt or in the shell: ask readline to abandon the line;
/// - otherwise: exit 128 + signal, as an interrupted command-line tool does.
final class Interrupts: @unchecked Sendable {
  static let shared = Interrupts()
  static let handledSignals: [Int32] = [SIGINT, SIGTERM, SIGHUP]

  private struct Route {
    let signals: Set<Int32>
    let handler: @Sendable (Int32) -> Void
  }

  private let route = Mutex<Route?>(nil)
  /// Set when Ctrl-C arrives at the prompt; readline's event hook consumes it.
  let promptInterrupted = Atomic<Bool>(false)
  let promptActive = Atomic<Bool>(false)
  /// In the shell, Ctrl-C never ends the process (only the line or the statement).
  let inShell = Atomic<Bool>(false)
  private let installed = Mutex(false)

  /// Installs the handlers and starts the thread that reads the pipe; later calls do nothing.
  static func install() {
    let first = shared.installed.withLock { installed in
      defer { installed = true }
      return !installed
    }
    guard first else { return }
    var ends: [Int32] = [0, 0]
    guard pipe(&ends) == 0 else { fatalError("rbshell: cannot create the signal pipe: errno \(errno)") }
    for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
    let readEnd = ends[0]
    let reader = Thread { shared.readSignals(from: readEnd) }
    reader.name = "rbshell.signals"
    reader.start()
    guard rbshell_forward_signals_to_pipe(ends[1], handledSignals, Int32(handledSignals.count)) == 0 else {
      fatalError("rbshell: cannot install signal handlers: errno \(errno)")
    }
    unblockHandledSignals()
  }

  /// A parent may start rbshell with these signals blocked (the mask survives exec); then they
  /// would never arrive. Threads started later inherit the main thread's mask.
  private static func unblockHandledSignals() {
    var set = sigset_t()
    sigemptyset(&set)
    for number in handledSignals { sigaddset(&set, number) }
    pthread_sigmask(SIG_UNBLOCK, &set, nil)
  }

  private func readSignals(from fd: Int32) {
    var byte: UInt8 = 0
    while true {
      let count = read(fd, &byte, 1)
      if count == 1 { deliver(Int32(byte)) } else if count == 0 || errno != EINTR { return }
    }
  }

  private func deliver(_ number: Int32) {
    if let route = route.withLock({ $0 }), route.signals.contains(number) {
      route.handler(number)
    } else if number == SIGINT, promptActive.load(ordering: .relaxed) || inShell.load(ordering: .relaxed) {
      promptInterrupted.store(true, ordering: .relaxed)
    } else {
      Terminal.writeStderr("\nrbshell: \(Self.name(number))\n")
      exit(128 + number)
    }
  }

  /// Ctrl-C cancels this connection's running statement until the returned token is released.
  func cancelling(_ handle: QueryCanceller) -> Token {
    routing([SIGINT]) { _ in
      Terminal.writeStderr("\nrbshell: interrupt: cancelling the running statement…\n")
      handle.cancel()
    }
  }

  /// `signals` call `handler` until the returned token is released.
  func routing(_ signals: Set<Int32>, _ handler: @escaping @Sendable (Int32) -> Void) -> Token {
    Self.install()
    route.withLock { $0 = Route(signals: signals, handler: handler) }
    return Token { [weak self] in self?.route.withLock { $0 = nil } }
  }

  /// Routes Ctrl-C to the prompt from now on (the shell calls this once).
  func routeToPrompt() {
    inShell.store(true, ordering: .relaxed)
    Self.install()
  }

  static func name(_ signal: Int32) -> String {
    switch signal {
    case SIGINT: "interrupted"
    case SIGTERM: "SIGTERM"
    case SIGHUP: "SIGHUP"
    default: "signal \(signal)"
    }
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
