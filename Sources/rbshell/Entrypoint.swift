import RBShellCLI

@main
enum Entrypoint {
  static func main() { RBShell.mainWithMigratorSpellings() }
}
