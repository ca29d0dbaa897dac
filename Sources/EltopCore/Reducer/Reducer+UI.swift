import Foundation

/// User actions: focus, overlays, filters, selection, confirmation.
extension DashboardState {
    mutating func apply(_ action: Action) -> [Effect] {
        ui.notice = nil
        switch action {
        case .quit:
            ui.quitting = true
            return [.quit]
        case .toggleHelp:
            ui.helpVisible.toggle()
        case .focusNext:
            ui.focus = shownPane(after: ui.focus) { $0.next }
            ui.detailVisible = false
        case .focusPrevious:
            ui.focus = shownPane(after: ui.focus) { $0.previous }
            ui.detailVisible = false
        case .focus(let pane):
            guard isShown(pane) else { return [] }
            ui.focus = pane
            ui.detailVisible = false
        case .openDetail:
            ui.detailVisible = true
        case .back:
            back()
        case .refreshNow:
            let feeds = Feed.allCases.filter { health($0).configured }
            return feeds.isEmpty ? [] : [.refresh(feeds)]
        case .beginFilter:
            ui.editingFilter = true
        case .filterInput(let c):
            ui.filters[ui.focus, default: ""].append(c)
        case .filterDeleteBackward:
            if ui.filters[ui.focus]?.isEmpty == false { ui.filters[ui.focus]?.removeLast() }
        case .filterCommit:
            ui.editingFilter = false
        case .scroll(let move):
            scroll(move)
        case .confirmYes:
            guard let prompt = ui.prompt else { return [] }
            ui.prompt = nil
            timeline.add(TimelineEntry(at: now, origin: .action, severity: .ok, message: "\(prompt.actionName): confirmed"))
            noteIssued(prompt.effect)
            noteProbeIssued(prompt.effect)
            return [prompt.effect]
        case .cycleWarehouseSort:
            cycleWarehouseSort()
        case .confirmNo:
            guard let prompt = ui.prompt else { return [] }
            ui.prompt = nil
            timeline.add(TimelineEntry(at: now, origin: .action, severity: .ok, message: "\(prompt.actionName): declined"))
        case .startSync:
            return requestSync()
        case .cancelJob where pipelineIsActive, .cancelDbt where pipelineIsActive:
            return requestPipelineCancel()
        case .cancelJob:
            return requestCancel()
        case .runPipeline:
            return requestPipeline()
        case .runDbt, .retryDbt, .cancelDbt, .toggleDbtLog:
            return applyDbtAction(action)
        case .probe(let operation):
            return requestProbe(operation)
        case .copy:
            return copySelection()
        }
        return []
    }

    /// Asks y/N before `effect` runs, or refuses it under `--read-only`. Every action that changes something goes through here.
    public mutating func requestConfirmation(_ prompt: ConfirmPrompt) {
        if ui.readOnly {
            ui.notice = "\(prompt.actionName) is disabled by --read-only"
            timeline.add(TimelineEntry(at: now, origin: .action, severity: .warn, message: "\(prompt.actionName): refused (read-only)"))
        } else {
            ui.prompt = prompt
        }
    }

    /// Esc closes the innermost thing open: prompt, filter being typed, help, detail, then a kept filter.
    private mutating func back() {
        if ui.prompt != nil {
            _ = apply(.confirmNo)
        } else if ui.editingFilter {
            ui.editingFilter = false
            ui.filters[ui.focus] = nil
        } else if ui.helpVisible {
            ui.helpVisible = false
        } else if ui.detailVisible {
            ui.detailVisible = false
        } else if !ui.filter(ui.focus).isEmpty {
            ui.filters[ui.focus] = nil
        }
    }

    private mutating func scroll(_ move: ScrollMove) {
        if ui.detailVisible { return scrollDetail(move) }
        let pane = ui.focus
        let keys = rowKeys(pane)
        let page = max(1, ui.size.rows / 3)
        let current = ui.selection(pane).index(in: keys)
        let target: Int
        switch move {
        case .up: target = current - 1
        case .down: target = current + 1
        case .pageUp: target = current - page
        case .pageDown: target = current + page
        case .home: target = 0
        case .end: target = keys.count - 1
        }
        ui.selection[pane] = ui.selection(pane).moved(to: target, in: keys)
    }

    /// In the detail view the scroll keys move the text, not the selection, within the limit the
    /// runtime measured (`Event.detailMeasured`).
    private mutating func scrollDetail(_ move: ScrollMove) {
        let page = max(1, ui.size.rows / 2)
        switch move {
        case .up: ui.detailScroll -= 1
        case .down: ui.detailScroll += 1
        case .pageUp: ui.detailScroll -= page
        case .pageDown: ui.detailScroll += page
        case .home: ui.detailScroll = 0
        case .end: ui.detailScroll = ui.detailScrollLimit
        }
        ui.detailScroll = max(0, min(ui.detailScroll, ui.detailScrollLimit))
    }

    /// The runtime measured how far the open detail view can scroll.
    mutating func measureDetail(scrollLimit: Int) {
        ui.detailScrollLimit = max(0, scrollLimit)
        ui.detailScroll = min(ui.detailScroll, ui.detailScrollLimit)
    }
}
