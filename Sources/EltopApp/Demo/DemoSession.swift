import EltopConfig
import EltopDemo
import EltopDemoAirbyte
import Foundation
import Logging

/// `eltop demo`: brings the demo's stack up (or attaches to a running one), then opens the dashboard on
/// it, or with `--headless` prints how to reach it and waits for Ctrl-C. The clusters outlive eltop
/// unless `--ephemeral`; everything else eltop started (the local Airbyte, traffic, dbt) stops with it.
public enum DemoSession {
    @MainActor
    public static func run(_ demo: DemoOptions, app: AppOptions, environment: [String: String] = ProcessInfo.processInfo.environment) async throws -> Int32 {
        if let problem = demo.problem { throw AppError(problem) }
        let clean = DemoConfig.sanitized(environment)
        let binaries = try PostgresServerBinaries.find()
        let directory = DemoDirectory.standard(environment: clean)
        let stack = DemoStack(directory: directory, binaries: binaries)
        if demo.down { return try down(stack) }
        if let note = directory.relocationNote { say(note) }

        try FileManager.default.createDirectory(atPath: (directory.path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        switch try DemoLock.acquire(directory.lockFile) {
        case .failure(let holder):
            return try await attach(stack, holder: holder, demo: demo, app: app, environment: clean)
        case .success(let lock):
            // The lock is held until `own` returns, however it returns.
            defer { withExtendedLifetime(lock) {} }
            return try await own(stack, demo: demo, app: app, environment: clean)
        }
    }

    /// This process owns the stack: up, dbt project, traffic, dashboard or headless, then clean up.
    @MainActor
    private static func own(_ stack: DemoStack, demo: DemoOptions, app: AppOptions, environment: [String: String]) async throws -> Int32 {
        let dbt = try DemoConfig.dbtExecutable(environment: environment)
        let bundled = try BundledDbtProject.locate()
        var status: Int32 = 1
        var traffic: TrafficGenerator?
        var airbyte: DemoAirbyteServer?
        /// Everything this process started except the clusters, in reverse order of starting.
        func stopStarted() async {
            if let traffic {
                await traffic.stop()
                let counts = await traffic.currentCounts
                say("traffic wrote \(counts.committed) transactions" + (counts.failed > 0 ? ", \(counts.failed) failed (last: \(counts.lastError ?? "?"))" : ""))
            }
            if let airbyte { await DemoAirbyte.stop(airbyte, directory: stack.directory) }
        }
        do {
            let (endpoints, _) = try await stack.up(fresh: demo.fresh, seed: demo.seed, scale: demo.scale, say: { say($0) })
            let project = try BundledDbtProject.install(from: bundled, into: stack.directory.dbtDirectory, warehousePort: endpoints.warehousePort)
            try BundledDbtProject.parseIfNeeded(project: project, profilesDir: stack.directory.dbtDirectory, dbt: dbt)
            let server = try await DemoAirbyte.start(endpoints, directory: stack.directory, schedule: demo.syncEvery)
            airbyte = server
            if demo.traffic > 0 {
                traffic = TrafficGenerator(sourceAdminURL: endpoints.sourceAdminURL, rate: demo.traffic)
                await traffic?.start()
            }
            var config = DemoConfig.make(
                endpoints: endpoints, dbtProject: project, profilesDir: stack.directory.dbtDirectory, dbtExecutable: dbt, readOnly: app.readOnly)
            DemoAirbyte.configure(&config, url: server.baseURL)
            status = try await present(endpoints, config: config, demo: demo, app: app, environment: environment, stack: stack)
        } catch {
            await stopStarted()
            if demo.ephemeral { try? stack.removeAll() }
            throw error
        }
        await stopStarted()
        if demo.ephemeral {
            try stack.removeAll()
            say("removed the demo in \(stack.directory.path) (--ephemeral)")
        }
        return status
    }

    /// Another `eltop demo` owns the stack: show the same servers, start and stop nothing.
    @MainActor
    private static func attach(_ stack: DemoStack, holder: DemoLock.HeldBy, demo: DemoOptions, app: AppOptions, environment: [String: String]) async throws -> Int32 {
        if demo.fresh || demo.ephemeral {
            throw AppError("an eltop demo (\(holder.text)) is using \(stack.directory.path): quit it first (q), or stop its clusters with `eltop demo --down`")
        }
        let project = stack.directory.dbtDirectory + "/warehouse"
        guard let endpoints = stack.runningEndpoints(), FileManager.default.fileExists(atPath: project) else {
            throw AppError("an eltop demo (\(holder.text)) is still setting up \(stack.directory.path): try again in a moment")
        }
        say("an eltop demo (\(holder.text)) is already running on \(stack.directory.path): attaching to it (its clusters stay up when this one quits)")
        var config = DemoConfig.make(
            endpoints: endpoints, dbtProject: project, profilesDir: stack.directory.dbtDirectory,
            dbtExecutable: try DemoConfig.dbtExecutable(environment: environment), readOnly: app.readOnly)
        if let url = DemoAirbyte.runningURL(stack.directory) { DemoAirbyte.configure(&config, url: url) }
        var attached = demo
        attached.ephemeral = false
        return try await present(endpoints, config: config, demo: attached, app: app, environment: environment, stack: stack)
    }

    @MainActor
    private static func present(
        _ endpoints: DemoEndpoints, config: Config, demo: DemoOptions, app: AppOptions, environment: [String: String], stack: DemoStack
    ) async throws -> Int32 {
        if demo.headless {
            let text = DemoInstructions.text(
                endpoints, directory: stack.directory, config: config, traffic: demo.traffic,
                schedule: demo.syncEvery.map { "syncs \($0.basicTiming.lowercased())" } ?? "syncs when asked: s in the Airbyte pane, or the API")
            // Unbuffered, so a script reading the pipe sees it before eltop waits for the signal.
            FileHandle.standardOutput.write(Data((text + "\n").utf8))
            let signal = await DemoSignals.waitForInterrupt()
            say("stopping (signal \(signal)); the clusters keep running\(demo.ephemeral ? " until removed" : ": `eltop demo --down` stops them")")
            return 0
        }
        let logPath = LoggingSetup.start(options: app, environment: environment)
        Logger(label: "eltop.demo").info("demo stack up", metadata: ["source": "\(endpoints.sourcePort)", "warehouse": "\(endpoints.warehousePort)"])
        return try await Dash.run(options: app, config: config, logPath: logPath, environment: environment)
    }

    private static func down(_ stack: DemoStack) throws -> Int32 {
        guard stack.directory.exists else {
            say("nothing to stop: there is no demo in \(stack.directory.path)")
            return 0
        }
        let stopped = try stack.down()
        say(stopped.isEmpty ? "nothing to stop: the demo's clusters in \(stack.directory.path) are not running" : "stopped the demo's \(stopped.joined(separator: " and ")) (data kept in \(stack.directory.path); --fresh rebuilds it)")
        return 0
    }

    static func say(_ line: String) {
        FileHandle.standardError.write(Data("eltop demo: \(line)\n".utf8))
    }
}
