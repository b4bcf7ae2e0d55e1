/// What `rbshell --version` and the shell's `version` print: the release and the git revision
/// the binary was built from (`buildRevision`, written by the BuildRevision plugin).
enum Version {
  static let number = "0.9.0"
  static let description = "rbshell \(number) (git \(buildRevision))"
}
