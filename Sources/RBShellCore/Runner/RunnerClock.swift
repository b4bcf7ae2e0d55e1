#if canImport(Glibc)
  import Glibc
#endif

/// Time as the runner sees it: injected so lock waits are tested without sleeping.
public struct RunnerClock: Sendable {
  public var now: @Sendable () -> Double
  public var sleep: @Sendable (Double) -> Void

  public init(now: @escaping @Sendable () -> Double, sleep: @escaping @Sendable (Double) -> Void) {
    self.now = now
    self.sleep = sleep
  }

  /// The monotonic clock and a real sleep.
  public static let system = RunnerClock(
    now: {
      var ts = timespec()
      clock_gettime(CLOCK_MONOTONIC, &ts)
      return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    },
    sleep: { seconds in usleep(useconds_t(max(0, seconds) * 1_000_000)) })
}

/// Each step's own time in a run whose steps report as they finish: as measured where it ran
/// when that is known, else from the previous step's end (or the run's start) to its own.
struct StepTiming {
  private var last: Double
  private var known: [Int: Double] = [:]

  init(started: Double) { last = started }

  mutating func measured(_ index: Int, seconds: Double) { known[index] = seconds }

  /// Notes that step `index` ended at `now` and returns its time.
  mutating func finished(_ index: Int, at now: Double) -> Double {
    defer { last = now }
    return known[index] ?? now - last
  }
}
