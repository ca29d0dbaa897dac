// swift-tools-version:6.0
import PackageDescription

/// eltop: a terminal dashboard for a Postgres-CDC → Airbyte → warehouse → dbt pipeline.
///
/// Dependencies point one way (see docs/architecture.md):
/// EltopCore ← EltopUI ← EltopTerminal; EltopCore ← EltopPollers → EltopPostgres, EltopHTTP;
/// EltopApp wires them; `eltop` only parses arguments. C is imported only by the C bridge modules below.
let package = Package(
    name: "eltop",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "eltop", targets: ["eltop"]),
        .executable(name: "eltop-bench", targets: ["eltop-bench"]),
        .executable(name: "eltop-replication-bench", targets: ["eltop-replication-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
    ],
    targets: [
        // C bridges: a modulemap and a header of static inline shims, nothing else.
        .systemLibrary(name: "CNcursesw", pkgConfig: "ncursesw", providers: [.apt(["libncursesw5-dev"])]),
        .systemLibrary(name: "CLibpq", pkgConfig: "libpq", providers: [.apt(["libpq-dev"])]),
        .systemLibrary(name: "CLibcurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        // glibc's <malloc.h> (mallopt, malloc_trim), which Swift's Glibc module leaves out: EltopApp's MallocTuning.
        .systemLibrary(name: "CMalloc"),
        // Linux's <sys/timerfd.h>, which Swift's Glibc module leaves out: EltopPollers' TimerFDAlarm.
        .systemLibrary(name: "CTimerFD"),

        // Pure Swift: state, events, reducer, keys, store. No C, no I/O.
        .target(name: "EltopCore"),
        // Pure Swift: state in, cells out.
        .target(name: "EltopUI", dependencies: ["EltopCore"]),
        // Theme files and the theme search path: the file I/O and YAML that EltopUI must not do.
        .target(name: "EltopThemes", dependencies: ["EltopUI", .product(name: "Yams", package: "Yams")]),
        // The only importers of C modules.
        .target(name: "EltopTerminal", dependencies: ["EltopUI", "EltopCore", "CNcursesw"]),
        .target(name: "EltopPostgres", dependencies: ["CLibpq"]),
        .target(name: "EltopHTTP", dependencies: ["CLibcurl"]),
        // CDC replication for the demo's Airbyte: pgoutput decoder, sync reader, Destinations V2 writer.
        .target(name: "EltopReplication", dependencies: ["EltopDemo", "EltopPostgres"]),
        // fork/prctl/exec for dbt's child process group (see docs/dbt.md); used only by EltopPollers/Dbt.
        .target(name: "CProcessGroup"),
        .target(name: "CFileMap"),

        // Snowflake SQL API client: the only user of swift-crypto (RS256 key-pair JWTs).
        .target(
            name: "EltopSnowflake",
            dependencies: ["EltopHTTP", "EltopJSON", .product(name: "Crypto", package: "swift-crypto"), .product(name: "_CryptoExtras", package: "swift-crypto")]),

        // The streaming JSON reader for large documents (the dbt manifest): no Foundation, no C but libc.
        .target(name: "EltopJSON"),
        .target(name: "EltopSpawn"),
        .target(name: "EltopConfig", dependencies: ["EltopCore", .product(name: "Yams", package: "Yams")]),
        .target(
            name: "EltopPollers",
            dependencies: ["EltopCore", "EltopConfig", "EltopJSON", "EltopPostgres", "EltopHTTP", "EltopSnowflake", "CProcessGroup", "CTimerFD", "CFileMap", .product(name: "Yams", package: "Yams")]),
        // `eltop demo`'s stage: clusters, the DVD-rental source, the raw layout and its type table, the bundled dbt project, traffic.
        .target(
            name: "EltopDemo", dependencies: ["EltopPostgres", "EltopSpawn"],
            resources: [.copy("DbtProject/warehouse")]),
        // The state as Prometheus metrics, and the loopback HTTP server of /metrics, /snapshot.json, /healthz.
        .target(
            name: "EltopMetrics",
            dependencies: [
                "EltopCore", .product(name: "Prometheus", package: "swift-prometheus"), .product(name: "FlyingFox", package: "FlyingFox"),
                .product(name: "FlyingSocks", package: "FlyingFox"),
            ]),
        .target(
            name: "EltopApp",
            dependencies: [
                "EltopCore", "EltopUI", "EltopThemes", "EltopTerminal", "EltopPollers", "EltopConfig", "EltopDemo", "EltopDemoAirbyte", "EltopReplication", "EltopMetrics", "CMalloc",
                .product(name: "Logging", package: "swift-log"),
            ]),
        // The demo's Airbyte server: Airbyte's public, config and old standalone APIs over the jobs of one
        // connection whose syncs a replication engine runs.
        .target(
            name: "EltopDemoAirbyte",
            dependencies: ["EltopReplication", .product(name: "FlyingFox", package: "FlyingFox"), .product(name: "FlyingSocks", package: "FlyingFox")]),
        .executableTarget(
            name: "eltop",
            dependencies: ["EltopApp", "EltopConfig", "EltopDemoAirbyte", "EltopReplication", .product(name: "ArgumentParser", package: "swift-argument-parser")]),
        // Replication figures on a private cluster (pgoutput decoding, pg_recvlogical beside it, sync to raw).
        .executableTarget(name: "eltop-replication-bench", dependencies: ["EltopReplication", "EltopPostgres", "EltopTestSupport"]),
        .executableTarget(name: "eltop-bench", dependencies: ["EltopCore", "EltopUI", "EltopMetrics", "EltopTestSupport", "EltopPollers", "EltopSnowflake", "EltopReplication"]),
        // Seeking in a day's recording: written through the real FlightRecorder, then opened and seeked.
        .executableTarget(name: "eltop-recording-bench", dependencies: ["EltopApp", "EltopCore", "EltopPollers", "EltopTestSupport"]),

        .target(
            name: "EltopTestSupport",
            dependencies: [
                "EltopCore", "EltopUI", "EltopPollers", "EltopSpawn", .product(name: "FlyingFox", package: "FlyingFox"),
                .product(name: "Crypto", package: "swift-crypto"), .product(name: "_CryptoExtras", package: "swift-crypto"),
            ]),
        .testTarget(name: "EltopJSONTests", dependencies: ["EltopJSON"], exclude: ["FuzzRegressions"]),
        .testTarget(name: "EltopCoreTests", dependencies: ["EltopCore", "EltopTestSupport"]),
        .testTarget(
            name: "EltopUITests", dependencies: ["EltopUI", "EltopCore", "EltopThemes", "EltopTestSupport"],
            exclude: ["Snapshots"]),
        .testTarget(name: "EltopThemesTests", dependencies: ["EltopThemes", "EltopUI"]),
        .testTarget(
            name: "AirbyteTests", dependencies: ["EltopPollers", "EltopCore", "EltopUI", "EltopConfig", "EltopHTTP", "EltopTestSupport"],
            exclude: ["Snapshots", "validate_exchanges.py"]),
        .testTarget(
            name: "DemoAirbyteTests",
            dependencies: ["EltopDemoAirbyte", "EltopReplication", "EltopPollers", "EltopCore", "EltopConfig", "EltopHTTP", "EltopTestSupport"],
            exclude: ["Scripts"]),
        .testTarget(
            name: "DbtTests", dependencies: ["EltopPollers", "EltopCore", "EltopUI", "EltopConfig", "EltopTestSupport", "CProcessGroup"],
            exclude: ["Fixtures", "Snapshots"]),
        .testTarget(name: "EltopPollersTests", dependencies: ["EltopPollers", "EltopCore", "EltopConfig", "EltopTestSupport"]),
        .testTarget(
            name: "EltopConfigTests", dependencies: ["EltopConfig", "EltopCore"],
            exclude: ["Fixtures"]),
        .testTarget(
            name: "SourceTests",
            dependencies: ["EltopPollers", "EltopPostgres", "EltopCore", "EltopUI", "EltopThemes", "EltopConfig", "EltopTestSupport"],
            exclude: ["Snapshots"]),
        .testTarget(
            name: "WarehouseTests",
            dependencies: [
                "EltopPollers", "EltopSnowflake", "EltopConfig", "EltopCore", "EltopUI", "EltopTestSupport",
                .product(name: "FlyingFox", package: "FlyingFox"), .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            exclude: ["Snapshots"]),
        // One feed broken at a time (Postgres, Airbyte, Snowflake, dbt artifacts) while the others keep polling.
        .testTarget(
            name: "FaultTests",
            dependencies: ["EltopApp", "EltopPollers", "EltopCore", "EltopUI", "EltopConfig", "EltopHTTP", "EltopMetrics", "EltopPostgres", "EltopSnowflake", "EltopTestSupport"]),
        .testTarget(name: "EltopPostgresTests", dependencies: ["EltopPostgres", "EltopTestSupport"]),
        .testTarget(
            name: "ReplicationTests", dependencies: ["EltopReplication", "EltopPostgres", "EltopTestSupport"], exclude: ["FuzzRegressions"],
            resources: [.copy("Fixtures")]),
        .testTarget(name: "EltopHTTPTests", dependencies: ["EltopHTTP", "EltopTestSupport", .product(name: "FlyingFox", package: "FlyingFox")]),
        // The key codes come from the real ncurses header, so the terminal tests import CNcursesw too.
        .testTarget(name: "EltopTerminalTests", dependencies: ["EltopTerminal", "CNcursesw", "EltopCore", "EltopUI"]),
        // The real eltop binary in tmux, driven by keys; needs `swift build` to have built `eltop`.
        .testTarget(name: "EndToEndTests", dependencies: ["EltopTestSupport", "EltopHTTP"]),
        // The demo's stage against real clusters and real dbt.
        .testTarget(name: "DemoTests", dependencies: ["EltopDemo", "EltopReplication", "EltopPostgres", "EltopTestSupport"]),
        // The exposition against snapshot --json, cardinality bounds, the HTTP server, promtool, a scrape of `eltop serve`, and a
        // recorded, replayed and scraped demo run.
        .testTarget(
            name: "MetricsTests",
            dependencies: ["EltopMetrics", "EltopApp", "EltopConfig", "EltopCore", "EltopDemo", "EltopHTTP", "EltopPollers", "EltopTerminal", "EltopUI", "EltopTestSupport"],
            exclude: ["Rules"]),
        .testTarget(
            name: "EltopAppTests",
            dependencies: ["EltopApp", "EltopConfig", "EltopTerminal", "EltopCore", "EltopUI", "EltopPollers", "EltopTestSupport", .product(name: "Logging", package: "swift-log")]),
    ]
)
