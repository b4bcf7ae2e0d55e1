// swift-tools-version:6.0
import PackageDescription

// Dependency direction points toward purity (see docs/architecture.md):
// rbshell → RBShellCLI → {RBShellPostgres → {RBShellCore, PostgresClient → CLibPQ}, RBShellCore → Migrations,
//                         DemoKit → {Migrations, PostgresClient}}
let package = Package(
  name: "rbshell",
  products: [.executable(name: "rbshell", targets: ["rbshell"])],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
  ],
  targets: [
    .systemLibrary(
      name: "CLibPQ", pkgConfig: "libpq",
      providers: [.apt(["libpq-dev"]), .brew(["libpq"])]),
    .systemLibrary(name: "CReadline", providers: [.apt(["libreadline-dev"])]),
    .target(name: "CSignalPipe"),
    .target(name: "SeededRandom"),
    .target(name: "ASCIIText"),
    .target(name: "PostgresClient", dependencies: ["CLibPQ", "ASCIIText"]),
    .target(name: "Migrations", dependencies: ["ASCIIText", .product(name: "Yams", package: "Yams")]),
    .target(name: "MigrationSources", dependencies: ["Migrations"]),
    .target(name: "RBShellCore", dependencies: ["Migrations", "ASCIIText"]),
    .target(name: "RBShellPostgres", dependencies: ["RBShellCore", "Migrations", "PostgresClient"]),
    .target(name: "DemoKit", dependencies: ["Migrations", "PostgresClient"], plugins: ["DemoAssets"]),
    .target(
      name: "RBShellCLI",
      dependencies: [
        "RBShellCore", "RBShellPostgres", "Migrations", "MigrationSources", "PostgresClient", "DemoKit", "CReadline", "CSignalPipe",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      plugins: ["BuildRevision"]),
    .plugin(name: "BuildRevision", capability: .buildTool()),
    .plugin(name: "DemoAssets", capability: .buildTool()),
    .executableTarget(name: "rbshell", dependencies: ["RBShellCLI"]),
    .executableTarget(name: "graph-bench", dependencies: ["Migrations", "MigrationSources"], path: "Benchmarks/GraphBench"),
    .executableTarget(
      name: "rbshell-fuzz", dependencies: ["Migrations", "RBShellCore", "SeededRandom", .product(name: "Yams", package: "Yams")], path: "Fuzz"),
    .target(name: "TestSupport", dependencies: ["PostgresClient", "RBShellCore", "Migrations"], path: "Tests/TestSupport"),
    .testTarget(name: "PostgresClientTests", dependencies: ["PostgresClient", "TestSupport"]),
    .testTarget(name: "MigrationsTests", dependencies: ["Migrations", "MigrationSources", "TestSupport", "SeededRandom"]),
    .testTarget(name: "RBShellCoreTests", dependencies: ["RBShellCore", "Migrations", "TestSupport"]),
    .testTarget(
      name: "RBShellCLITests", dependencies: ["RBShellCLI", .product(name: "ArgumentParser", package: "swift-argument-parser")]),
    .testTarget(name: "DemoKitTests", dependencies: ["DemoKit"]),
    .testTarget(
      name: "IntegrationTests",
      dependencies: [
        "RBShellPostgres", "RBShellCore", "RBShellCLI", "PostgresClient", "TestSupport", "rbshell",
      ]),
  ]
)
