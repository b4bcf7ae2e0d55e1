#if canImport(Glibc)
  import Glibc
#endif
import Dispatch
import PostgresClient
import RBShellCore

/// While a write runs, SIGINT, SIGTERM and SIGHUP do not kill rbshell: they cancel the running
/// statement (PQcancel) or end the lock wait, so the runner records the failure as the migrator
/// would, releases the lock and writes the audit entry; the CLI then exits 128 + the signal.
/// The previous dispositions come back when the write ends.
final class WriteSignals {
  private let token: Interrupts.Token
  private var sources: [any DispatchSourceSignal] = []

  init(cancellation: Cancellation, cancelling cancellers: [QueryCanceller]) {
    cancellation.onCancel { cancellers.forEach { $0.cancel() } }
    token = Interrupts.shared.routing { signal in
      Terminal.writeStderr("\nrbshell: \(Self.name(signal)): stopping the write (the running migration is rolled back and recorded)…\n")
      cancellation.cancel(signal: signal)
    }
    for number in [SIGTERM, SIGHUP] {
      signal(number, SIG_IGN)
      let source = DispatchSource.makeSignalSource(signal: number, queue: DispatchQueue(label: "rbshell.signal.\(number)"))
      source.setEventHandler {
        Terminal.writeStderr("\nrbshell: \(Self.name(number)): stopping the write (the running migration is rolled back and recorded)…\n")
        cancellation.cancel(signal: number)
      }
      source.resume()
      sources.append(source)
    }
  }

  deinit {
    sources.forEach { $0.cancel() }
    signal(SIGTERM, SIG_DFL)
    signal(SIGHUP, SIG_DFL)
  }

  static func name(_ signal: Int32) -> String {
    switch signal {
    case SIGINT: "interrupt"
    case SIGTERM: "SIGTERM"
    case SIGHUP: "SIGHUP"
    default: "signal \(signal)"
    }
  }
}
