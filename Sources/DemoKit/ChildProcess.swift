import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Programs the demo runs, started with posix_spawn: in rbshell's own process group (so a shell
/// run in the foreground can read the terminal), with default signal handling and an empty
/// signal mask whatever rbshell blocks itself (see `TerminationSignals`).
public enum ChildProcess {
  public struct Failure: Error, CustomStringConvertible {
    public var description: String
  }

  /// Runs `argv` (looked up on PATH) with stdin from /dev/null and stdout and stderr appended to
  /// `log`; returns its exit status (128 + the signal when one ended it).
  public static func run(_ argv: [String], log: String) throws(Failure) -> Int32 {
    wait(
      try spawn(argv, environment: nil) { actions in
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, log, O_WRONLY | O_CREAT | O_APPEND, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
      })
  }

  /// What `argv` prints on stdout (stderr discarded), or nil when it cannot run or fails.
  static func output(of argv: [String]) throws(Failure) -> String? {
    var fds: [Int32] = [-1, -1]
    guard pipe(&fds) == 0 else { throw Failure(description: "pipe: \(String(cString: strerror(errno)))") }
    let pid = try spawn(argv, environment: nil) { actions in
      posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
      posix_spawn_file_actions_adddup2(&actions, fds[1], 1)
      posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
      posix_spawn_file_actions_addclose(&actions, fds[0])
      posix_spawn_file_actions_addclose(&actions, fds[1])
    }
    close(fds[1])
    let text = FileHandle(fileDescriptor: fds[0], closeOnDealloc: true).readDataToEndOfFile()
    return wait(pid) == 0 ? String(decoding: text, as: UTF8.self) : nil
  }

  /// Runs `argv` in the foreground with `environment`, sharing rbshell's terminal. While it runs,
  /// a SIGINT, SIGQUIT, SIGTERM or SIGHUP another process sends rbshell is passed on to it; one
  /// from the terminal reaches it directly and is not passed twice. Needs those signals blocked
  /// in every thread (`TerminationSignals.block()`) first. Returns its status as `run` does.
  public static func runInForeground(_ argv: [String], environment: [String: String]) throws(Failure) -> Int32 {
    let pid = try spawn(argv, environment: environment) { _ in }
    var waited = TerminationSignals.set
    sigaddset(&waited, SIGCHLD)
    while true {
      var info = siginfo_t()
      let signal = sigwaitinfo(&waited, &info)
      if signal == SIGCHLD || signal < 0 {
        if let status = reap(pid) { return status }
        continue
      }
      // si_code ≤ 0: sent by a process (kill, sigqueue); above 0: by the kernel, e.g. the terminal.
      if info.si_code <= 0 { kill(pid, signal) }
    }
  }

  private static func spawn(
    _ argv: [String], environment: [String: String]?, redirect: (inout posix_spawn_file_actions_t) -> Void
  ) throws(Failure) -> pid_t {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    redirect(&actions)
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var empty = sigset_t()
    sigemptyset(&empty)
    var defaults = TerminationSignals.set
    sigaddset(&defaults, SIGCHLD)
    sigaddset(&defaults, SIGPIPE)
    posix_spawnattr_setsigmask(&attributes, &empty)
    posix_spawnattr_setsigdefault(&attributes, &defaults)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
    let arguments = argv.map { strdup($0) } + [nil]
    defer { arguments.forEach { free($0) } }
    let variables = environment.map { $0.map { strdup("\($0.key)=\($0.value)") } + [nil] }
    defer { variables?.forEach { free($0) } }
    var pid = pid_t()
    let status =
      if let variables { posix_spawnp(&pid, argv[0], &actions, &attributes, arguments, variables) } else {
        posix_spawnp(&pid, argv[0], &actions, &attributes, arguments, environ)
      }
    guard status == 0 else { throw Failure(description: "cannot run \(argv[0]): \(String(cString: strerror(status)))") }
    return pid
  }

  private static func wait(_ pid: pid_t) -> Int32 {
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    return exitStatus(status)
  }

  private static func reap(_ pid: pid_t) -> Int32? {
    var status: Int32 = 0
    return waitpid(pid, &status, WNOHANG) == pid ? exitStatus(status) : nil
  }

  /// WIFEXITED/WEXITSTATUS and WTERMSIG spelled out (the C macros do not reach Swift).
  private static func exitStatus(_ status: Int32) -> Int32 {
    let signal = status & 0x7f
    return signal == 0 ? (status >> 8) & 0xff : 128 + signal
  }
}

/// The signals that end a program from outside (SIGINT, SIGQUIT, SIGTERM, SIGHUP). The demo
/// blocks them from its first step, so none can end it between starting its server and removing
/// it: it checks for them between steps and waits for them while its shell runs.
public enum TerminationSignals {
  static let signals = [SIGINT, SIGQUIT, SIGTERM, SIGHUP]

  static var set: sigset_t {
    var set = sigset_t()
    sigemptyset(&set)
    for signal in signals { sigaddset(&set, signal) }
    return set
  }

  /// Blocks them (and SIGCHLD, which `runInForeground` waits for) in this thread and every thread
  /// started after: call it before anything starts a thread.
  public static func block() {
    var blocked = set
    sigaddset(&blocked, SIGCHLD)
    pthread_sigmask(SIG_BLOCK, &blocked, nil)
  }

  /// One that arrived while blocked, taken off the pending set, if any.
  public static func takePending() -> Int32? {
    var pending = sigset_t()
    sigpending(&pending)
    for signal in signals where sigismember(&pending, signal) == 1 {
      var one = sigset_t()
      sigemptyset(&one)
      sigaddset(&one, signal)
      var taken: Int32 = 0
      sigwait(&one, &taken)
      return taken
    }
    return nil
  }
}
