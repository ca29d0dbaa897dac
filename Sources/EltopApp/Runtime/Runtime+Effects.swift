import EltopCore

extension Runtime {
    /// Carries out one effect. The one place effects are handled: the switch is exhaustive, so a new
    /// `Effect` case does not compile until it has a handler here. Long work runs in keyed tasks and
    /// reports back in events; an effect whose area is not configured says so in the timeline.
    func perform(_ effect: Effect) {
        let send = sendLater
        switch effect {
        case .refresh(let feeds):
            pollNow(feeds)
        case .quit:
            stop(.quit)
        case .startAirbyteSync(let connectionID, _):
            guard let airbyte = feeds.airbyteJobs else {
                return send(.airbyte(.syncFailed(connectionID: connectionID, message: "Airbyte is not configured", at: clock.now())))
            }
            tasks.run(.airbyteSync(connectionID: connectionID)) { send(.airbyte(await airbyte.startSync(connectionID))) }
        case .cancelAirbyteJob(let jobID, _):
            guard let airbyte = feeds.airbyteJobs else {
                return send(.airbyte(.cancelFailed(jobID: jobID, message: "Airbyte is not configured", at: clock.now())))
            }
            tasks.run(.airbyteCancel(jobID: jobID)) { send(.airbyte(await airbyte.cancel(jobID))) }
        case .runDbt(let kind):
            guard let dbt = feeds.dbt else {
                return send(.dbt(.runFailedToStart(kind, message: "dbt is not configured", at: clock.now())))
            }
            tasks.run(.dbtRun) { await dbt.run(kind, send: send) }
        case .cancelDbt:
            feeds.dbt?.cancel(send: send)
        case .writeProbe(let operation, let probeID, let note):
            guard let tracer = feeds.tracer else {
                return send(.tracer(.probeWriteFailed(operation, message: "the tracer is not configured", missingTable: false, at: clock.now())))
            }
            tasks.run(.probeWrite) { send(.tracer(await tracer.write(operation, probeID: probeID, note: note))) }
        case .traceProbes(let request):
            guard let tracer = feeds.tracer else {
                return send(.tracer(.traceFailed(message: "the tracer is not configured", missingTable: false, at: clock.now())))
            }
            tasks.run(.probeTrace) { send(.tracer(await tracer.trace(request))) }
        case .startPipeline(let request):
            send(.pipeline(.start(request, at: clock.now())))
        case .cancelPipeline:
            send(.pipeline(.cancel(reason: "stopped from the dashboard", at: clock.now())))
        case .copyToClipboard(let text):
            presenter?.copyToClipboard(text)
        }
    }
}
