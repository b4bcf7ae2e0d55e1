#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Files rbshell writes about a user's databases (audit log, statement log, history) are the
/// user's alone: created with mode 0600 in one step (never chmod after, which leaves a window),
/// their folder with 0700.
public enum PrivateFile {
  /// A descriptor open for appending to `path`, creating the file (0600) and its missing
  /// folders (0700) first; nil with errno set when that fails.
  public static func openForAppending(_ path: String) -> Int32? {
    createFolders(of: path)
    let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
    return fd >= 0 ? fd : nil
  }

  /// Creates the file empty with mode 0600 when it does not exist yet.
  public static func create(_ path: String) {
    if let fd = openForAppending(path) { close(fd) }
  }

  private static func createFolders(of path: String) {
    for slash in path.indices where path[slash] == "/" && slash != path.startIndex {
      let folder = String(path[..<slash])
      if access(folder, F_OK) != 0 { mkdir(folder, 0o700) }
    }
  }
}
