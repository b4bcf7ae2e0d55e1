import Foundation
import PostgresClient
import RBShellCore

/// While a write runs, SIGINT, SIGTERM and SIGHUP do not kill rbshell: they cancel the running
/// statement (PQcancel) or end the lock wait, so the runner records the failure as the migrator
/// would, releases the lock and writes the audit entry; the CLI then exits 128 + the signal.
/// The usual behaviour comes back when the write ends.
final class WriteSignals {
  private let token: Interrupts.Token

  init(cancellation: Cancellation, cancelling cancellers: [QueryCanceller]) {
    cancellation.onCancel { cancellers.forEach { $0.cancel() } }
    token = Interrupts.shared.routing(Set(Interrupts.handledSignals)) { signal in
      Terminal.writeStderr("\nrbshell: \(Self.name(signal)): stopping the write (the running migration is rolled back and recorded)…\n")
      cancellation.cancel(signal: signal)
    }
  }

  static func name(_ signal: Int32) -> String {
    signal == SIGINT ? "interrupt" : Interrupts.name(signal)
  }
}
