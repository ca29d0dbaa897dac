import EltopConfig
import EltopCore
import EltopPollers
import EltopTestSupport
import XCTest

/// Cancelling a run in the middle, and the ways a run cannot start.
final class DbtCancelAndFailureTests: XCTestCase {
    func testCancelInTheMiddleStopsDbtAndItsQueryAndLeavesNoProcess() async throws {
        let project = try DbtTestProject.make()
        defer { project.remove() }
        let invoker = DbtInvoker(config: try project.config(arguments: "run --select tag:slow"))
        let recorder = EventRecorder()
        _ = Task { await invoker.run(.build, send: recorder.send) }
        let sleeping = await Task.detached {
            recorder.waitFor(seconds: 60) { event in
                if case .logged(let record) = event { return record.name == "LogStartLine" && record.nodeName == "slow_report" }
                return false
            }
        }.value
        XCTAssertTrue(sleeping, "slow_report never started: \(recorder.events.suffix(5))")
        // The query reaches the server a moment after the log line, so the cancel has a query to cancel.
        let active = try await waitUntil("slow_report's query is active on the server", timeout: 20, seen: { () -> String in
            try? await Task.sleep(for: .milliseconds(50))
            return (try? project.postgres.psql("select count(*) from pg_stat_activity where datname = '\(project.database)' and query like '%pg_sleep%' and state = 'active'")) ?? "?"
        }) { $0 == "1" }
        XCTAssertEqual(active, "1")
        invoker.cancel(send: recorder.send)
        let ended = await Task.detached { recorder.waitForEnd(seconds: 40) }.value
        XCTAssertTrue(ended, "dbt did not end after the cancel")

        let state = recorder.state()
        XCTAssertEqual(state.dbt.invocation?.outcome, .cancelled)
        XCTAssertFalse(state.dbt.running)
        XCTAssertTrue(state.timeline.entries.contains { $0.message.contains("cancelled after") })
        guard case .runStarted? = recorder.events.first else { return XCTFail("no start") }
        XCTAssertEqual(processes(in: project.directory), [], "dbt left a process behind")
        // And its query is gone from the server.
        var left = "1"
        for _ in 0..<50 where left != "0" {
            left = try project.postgres.psql("select count(*) from pg_stat_activity where datname = '\(project.database)' and query like '%pg_sleep%' and state = 'active'")
            if left != "0" { usleep(100_000) }
        }
        XCTAssertEqual(left, "0", "pg_sleep still running on the server")
    }

    /// SIGKILL from outside (the OOM killer, `kill -9`): not a cancel. The run ends as killed with the
    /// signal named, the child is reaped (no zombie) and the next run starts as usual.
    func testDbtKilledFromOutsideEndsTheRunWithTheSignalAndTheNextRunStarts() async throws {
        let project = try DbtTestProject.make()
        defer { project.remove() }
        // The real dbt the first time; once the marker exists the same invoker's next run ends at once.
        let wrapper = project.directory.appendingPathComponent("dbt-once.sh")
        let marker = project.directory.appendingPathComponent("killed-once")
        try "#!/bin/sh\n[ -e \"\(marker.path)\" ] && exit 0\nexec \"\(try DbtTestProject.dbtExecutable())\" \"$@\"\n"
            .write(to: wrapper, atomically: true, encoding: .utf8)
        chmod(wrapper.path, 0o755)
        let invoker = DbtInvoker(config: try project.config(arguments: "run --select tag:slow", executable: wrapper.path))
        let recorder = EventRecorder()
        _ = Task { await invoker.run(.build, send: recorder.send) }
        let sleeping = await Task.detached {
            recorder.waitFor(seconds: 60) { event in
                if case .logged(let record) = event { return record.name == "LogStartLine" && record.nodeName == "slow_report" }
                return false
            }
        }.value
        XCTAssertTrue(sleeping, "slow_report never started: \(recorder.events.suffix(5))")
        let victims = processes(in: project.directory)
        XCTAssertFalse(victims.isEmpty, "no dbt process found in \(project.directory.path)")
        for pid in victims { kill(pid, SIGKILL) }
        let ended = await Task.detached { recorder.waitForEnd(seconds: 20) }.value
        XCTAssertTrue(ended, "the run did not end after dbt was killed: \(recorder.events.suffix(3))")

        let state = recorder.state()
        XCTAssertEqual(state.dbt.invocation?.outcome, .killed(signal: SIGKILL))
        XCTAssertFalse(state.dbt.running)
        XCTAssertEqual(state.dbt.severity, .crit)
        XCTAssertTrue(
            state.timeline.entries.contains { $0.message.contains("was killed by SIGKILL (signal 9) after") },
            "\(state.timeline.entries.map(\.message))")
        XCTAssertEqual(processes(in: project.directory), [], "dbt left a process behind")
        XCTAssertEqual(zombieChildren().filter(victims.contains), [], "the killed dbt was never reaped")

        // Nothing is stuck: the same invoker starts its next run and sees it end.
        XCTAssertTrue(FileManager.default.createFile(atPath: marker.path, contents: nil))
        let next = try await runToEnd(invoker, .build, seconds: 20)
        XCTAssertEqual(next.state().dbt.invocation?.outcome, .exited(code: 0), "\(next.events)")
    }

    func testADbtExecutableThatDoesNotExistSaysSoAndRunsNothing() async throws {
        let project = try DbtTestProject.make()
        defer { project.remove() }
        for (executable, expected) in [("/nonexistent/bin/dbt", "does not exist"), ("no-such-dbt-eltop", "not found on PATH")] {
            let invoker = DbtInvoker(config: try project.config(executable: executable))
            let recorder = try await runToEnd(invoker, .build, seconds: 5)
            guard case .runFailedToStart(.build, let message, _)? = recorder.events.first else {
                return XCTFail("\(executable): \(recorder.events)")
            }
            XCTAssertTrue(message.contains(expected), message)
            XCTAssertEqual(recorder.events.count, 1)
            let state = recorder.state()
            XCTAssertEqual(state.dbt.invocation?.outcome, .failedToStart(message: message))
            XCTAssertEqual(state.dbt.severity, .crit)
        }
    }

    func testAMissingProjectDirFailsThePollAndTheRunWithItsPath() async throws {
        var config = DbtConfig()
        config.projectDir = "/nonexistent/eltop-dbt-project"
        config.command = "/bin/true build"
        let recorder = try await runToEnd(DbtInvoker(config: config), .build, seconds: 5)
        guard case .runFailedToStart(_, let message, _)? = recorder.events.first else { return XCTFail("\(recorder.events)") }
        XCTAssertEqual(message, "the dbt project dir /nonexistent/eltop-dbt-project does not exist")

        let poller = try XCTUnwrap(DbtArtifactPoller(config: config))
        do {
            _ = try await poller.poll()
            XCTFail("a missing project dir polled fine")
        } catch {
            XCTAssertEqual("\(error)", "the dbt project dir /nonexistent/eltop-dbt-project does not exist")
        }
    }

    func testOnlyOneRunAtATime() async throws {
        let project = try DbtTestProject.make()
        defer { project.remove() }
        // A stand-in that outlives the second request (it ignores the arguments eltop adds, such as
        // --profiles-dir): the rule does not depend on dbt.
        let standIn = project.directory.appendingPathComponent("stand-in.sh")
        try "#!/bin/sh\nexec sleep 60\n".write(to: standIn, atomically: true, encoding: .utf8)
        chmod(standIn.path, 0o755)
        var config = try project.config(arguments: "", executable: standIn.path)
        config.cancelGracePeriodSeconds = 2
        let invoker = DbtInvoker(config: config)
        let first = EventRecorder()
        _ = Task { await invoker.run(.build, send: first.send) }
        let started = await Task.detached {
            first.waitFor(seconds: 10) { if case .runStarted = $0 { return true } else { return false } }
        }.value
        XCTAssertTrue(started, "the first run never started: \(first.events)")
        let second = try await runToEnd(invoker, .build, seconds: 5)
        guard case .runFailedToStart(_, let message, _)? = second.events.first else { return XCTFail("\(second.events)") }
        XCTAssertTrue(message.contains("already going"), message)
        invoker.cancel(send: first.send)
        let ended = await Task.detached { first.waitForEnd(seconds: 10) }.value
        XCTAssertTrue(ended)
        XCTAssertEqual(first.state().dbt.invocation?.outcome, .cancelled)
    }

    /// This process's children that exited and were not yet waited for (state Z in /proc/PID/stat). Other
    /// tests' children can sit here for a moment between their exit and their reaping, so callers look
    /// only at the processes they care about.
    private func zombieChildren() -> [pid_t] {
        let me = getpid()
        return ((try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []).compactMap { entry in
            guard let pid = Int32(entry), let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
                let close = stat.lastIndex(of: ")")
            else { return nil }
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            return fields.count > 1 && fields[0] == "Z" && Int32(fields[1]) == me ? pid : nil
        }
    }

    /// Processes whose working directory is `directory`: dbt runs in the project dir, and an orphan
    /// re-parented to init would still be found here.
    private func processes(in directory: URL) -> [pid_t] {
        let target = directory.resolvingSymlinksInPath().path
        return ((try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []).compactMap { entry in
            guard let pid = Int32(entry), let cwd = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(entry)/cwd") else { return nil }
            return cwd == target ? pid : nil
        }
    }
}
