import BackpropData
import BackpropEngine
import BackpropLessons
import BackpropTerminal
import BackpropWidgets

/// The Playground: knobs on the left, the decision boundary, loss curves, the network,
/// gradients and the confusion matrix beside them. Pure state: keys change it and yield
/// session commands; `render` draws a snapshot into a buffer.
struct PlaygroundScreen: RunScreen {
    let frameName = "playground"
    /// The view under the boundary and loss charts when the terminal is too small for all.
    enum DetailView: String, CaseIterable, Sendable {
        case network = "Network"
        case gradients = "Gradients"
        case confusion = "Confusion"
    }

    private(set) var knobs: [Knob]
    private(set) var focusedKnob = 0
    private(set) var showsHelp = false
    private(set) var notice = ""
    private(set) var configuration: RunConfiguration
    private(set) var detailView = DetailView.network
    private(set) var dataPoints = RunViews.DataPoints.all
    /// The hidden layer the layer keys act on (an index into `configuration.hidden`).
    private(set) var selectedLayer = 0
    /// The neuron of the selected layer marked in the network and drawn large (`n`).
    private(set) var selectedNeuron = 0
    /// Whether the Output pane draws the selected neuron's map instead of the network's output (`o`).
    private(set) var showsSelectedNeuron = false
    /// Runs kept for comparison (`c`), drawn on the loss chart and beside the boundary (`b`).
    private(set) var references = ReferenceShelf()
    /// The latest snapshot of the run, which `c` keeps.
    private var latestSnapshot: SessionSnapshot?
    /// The timeline of the run's checkpoints (`R`).
    private(set) var rewind = RewindControl()

    /// A timeline key's effect; before a branch, the run as it stood is kept as a reference.
    private mutating func apply(_ result: RewindControl.Result) -> Outcome {
        notice = references.notice(after: result, of: rewind)
        return result.outcome
    }
    /// What `q` does here: "back" to Home, or "quit" when the Playground was opened directly.
    let closeAction: String

    init(configuration: RunConfiguration, closeAction: String = "quit") {
        self.configuration = configuration
        self.closeAction = closeAction
        knobs = PlaygroundKnobs.knobs(for: configuration)
    }

    typealias Outcome = ScreenOutcome

    mutating func observe(_ snapshot: SessionSnapshot) { latestSnapshot = snapshot }

    mutating func handle(_ key: Key) -> Outcome {
        if showsHelp {
            showsHelp = false
            return .none
        }
        if let result = rewind.handle(key, snapshot: latestSnapshot) { return apply(result) }
        switch key {
        case .character("R"): return apply(rewind.toggle(latestSnapshot))
        case .character(" "): return .send(.togglePlay)
        case .character("s"): return .send(.step)
        case .character("f"): return .send(.cyclePace)
        case .character("r"): return .send(.reset)
        case .character("g"): return .send(.regenerate)
        case .character("w"): return .send(.save(folder: ModelSaving.folder()))
        case .character("v"): detailView = nextDetailView()
        case .character("m"): dataPoints = dataPoints.next
        case .character("c"):
            notice = latestSnapshot.map { references.keep($0) } ?? "nothing to keep yet: train first (Space or s)"
        case .character("C"): notice = references.clear()
        case .character("b"): notice = references.cycleBeside(live: configuration)
        case .character("?"), .function(1): showsHelp = true
        case .character("q"), .escape: return .close
        case .up, .character("k"): focusedKnob = (focusedKnob + knobs.count - 1) % knobs.count
        case .down, .character("j"), .tab: focusedKnob = (focusedKnob + 1) % knobs.count
        case .backTab: focusedKnob = (focusedKnob + knobs.count - 1) % knobs.count
        case .right, .character("l"), .character("+"), .character("="): return change(knobs[focusedKnob].increased())
        case .left, .character("h"), .character("-"): return change(knobs[focusedKnob].decreased())
        case .character("]"): selectLayer(by: 1)
        case .character("["): selectLayer(by: -1)
        case .character("n"): selectNeuron(by: 1)
        case .character("o"): toggleSelectedNeuron()
        case .character("a"): return addLayer()
        case .character("x"): return removeLayer()
        case .character(">"), .character("."): return resizeLayer(by: 1)
        case .character("<"), .character(","): return resizeLayer(by: -1)
        default: break
        }
        return .none
    }

    // MARK: Knobs and layers

    private mutating func change(_ knob: Knob) -> Outcome {
        if knob.id == "classes", case .playground(let dataset) = configuration.dataset, !dataset.supportsManyClasses {
            notice = dataset.isRegression ? "\(dataset.rawValue) is a regression: no classes" : "more than two classes: choose spiral or gauss"
            return .none
        }
        var changed = knobs
        changed[focusedKnob] = knob
        return apply(knobs: changed)
    }

    private mutating func apply(knobs changed: [Knob]) -> Outcome {
        switch PlaygroundKnobs.configuration(from: changed, base: configuration) {
        case .success(let newConfiguration):
            knobs = PlaygroundKnobs.syncing(changed, with: newConfiguration)
            notice = newConfiguration.loss == configuration.loss || newConfiguration.loss == changed.first(where: { $0.id == "loss" })?.selectedOption.flatMap(LossKind.init)
                ? "" : "loss set to \(newConfiguration.loss.rawValue) to fit the data"
            configuration = newConfiguration
            selectedLayer = min(selectedLayer, max(0, configuration.hidden.count - 1))
            selectedNeuron = min(selectedNeuron, max(0, (configuration.hidden.indices.contains(selectedLayer) ? configuration.hidden[selectedLayer] : 1) - 1))
            if !availableDetailViews.contains(detailView) { detailView = .network }
            return .send(.configure(newConfiguration))
        case .failure(let error):
            notice = error.description
            return .none
        }
    }

    private mutating func setHidden(_ hidden: [Int], notice message: String) -> Outcome {
        var changed = knobs
        guard let index = changed.firstIndex(where: { $0.id == "hidden" }), !changed[index].isLocked else {
            notice = "the architecture is locked"
            return .none
        }
        var configured = configuration
        configured.hidden = hidden
        changed[index] = PlaygroundKnobs.knobs(for: configured).first { $0.id == "hidden" }!
        let outcome = apply(knobs: changed)
        if outcome != .none { notice = message }
        return outcome
    }

    private mutating func selectLayer(by offset: Int) {
        let count = configuration.hidden.count
        guard count > 0 else {
            notice = "no hidden layers: a adds one"
            return
        }
        selectedLayer = (selectedLayer + offset + count) % count
        selectedNeuron = 0
        notice = "layer \(selectedLayer + 1) of \(count) selected"
    }

    /// Marks the next neuron of the selected layer and draws it large in the Output pane.
    private mutating func selectNeuron(by offset: Int) {
        guard configuration.hidden.indices.contains(selectedLayer) else {
            notice = "no hidden layers: a adds one"
            return
        }
        let count = configuration.hidden[selectedLayer]
        selectedNeuron = (selectedNeuron + offset + count) % count
        // The Output pane's title names the neuron; the status line keeps its room for the keys.
        showsSelectedNeuron = true
    }

    private mutating func toggleSelectedNeuron() {
        guard !configuration.hidden.isEmpty else {
            notice = "no hidden layers: a adds one"
            return
        }
        showsSelectedNeuron.toggle()
    }

    /// The neuron marked in the network, when the run on screen has the layers this screen selects from.
    private func markedNeuron(_ snapshot: SessionSnapshot) -> NeuronPosition? {
        configuration.hidden.isEmpty || snapshot.configuration.hidden != configuration.hidden
            ? nil : NeuronPosition(layer: selectedLayer + 1, neuron: selectedNeuron)
    }

    private mutating func addLayer() -> Outcome {
        var hidden = configuration.hidden
        guard hidden.count < PlaygroundKnobs.maximumHiddenLayers else {
            notice = "at most \(PlaygroundKnobs.maximumHiddenLayers) hidden layers"
            return .none
        }
        let position = hidden.isEmpty ? 0 : selectedLayer + 1
        hidden.insert(2, at: position)
        let outcome = setHidden(hidden, notice: "added hidden layer \(position + 1) (2 neurons)")
        if outcome != .none { selectedLayer = position }
        return outcome
    }

    private mutating func removeLayer() -> Outcome {
        var hidden = configuration.hidden
        guard !hidden.isEmpty else {
            notice = "no hidden layers left to remove"
            return .none
        }
        let removed = selectedLayer
        hidden.remove(at: removed)
        return setHidden(hidden, notice: "removed hidden layer \(removed + 1)")
    }

    private mutating func resizeLayer(by offset: Int) -> Outcome {
        var hidden = configuration.hidden
        guard hidden.indices.contains(selectedLayer) else {
            notice = "no hidden layers: a adds one"
            return .none
        }
        let size = hidden[selectedLayer] + offset
        guard PlaygroundKnobs.neuronsPerLayer.contains(size) else {
            notice = "a layer has \(PlaygroundKnobs.neuronsPerLayer.lowerBound) to \(PlaygroundKnobs.neuronsPerLayer.upperBound) neurons"
            return .none
        }
        hidden[selectedLayer] = size
        return setHidden(hidden, notice: "layer \(selectedLayer + 1): \(size) neurons")
    }

    // MARK: Views

    private var isClassifier: Bool {
        if case .classification = configuration.task { return true }
        return false
    }

    /// The detail views this run can show (no confusion matrix for regression).
    var availableDetailViews: [DetailView] {
        DetailView.allCases.filter { $0 != .confusion || isClassifier }
    }

    private func nextDetailView() -> DetailView {
        let views = availableDetailViews
        let index = views.firstIndex(of: detailView) ?? 0
        return views[(index + 1) % views.count]
    }

    static let knobColumnWidth = 30

    /// Whether a terminal this size shows every view at once (otherwise `v` switches).
    static func showsAllViews(width: Int, height: Int) -> Bool {
        width - knobColumnWidth >= 140 && height >= 40
    }

    /// TensorFlow Playground's feel: its small networks train at hundreds of steps a second.
    var defaultPace: Pace { .fast }

    /// Every view the Playground can show, recorded whichever is on screen.
    var offeredViews: SessionViews { .all }

    /// The costly views the trainer should compute for a terminal this size.
    func visibleViews(width: Int, height: Int) -> SessionViews {
        if Self.showsAllViews(width: width, height: height) { return .all }
        let neuron: SessionViews = showsSelectedNeuron ? .neuronOutputs : []
        switch detailView {
        case .network: return .neuronOutputs
        case .gradients: return neuron.union(.probes)
        case .confusion: return neuron.union(.confusion)
        }
    }

    static let helpSections = [
        HelpOverlay.Section("Training", [KeyHint("Space / s", "play or pause / one step (one batch)"),
                                         KeyHint("r / g", "reset the weights / new data"),
                                         KeyHint("f", "pace: slow, watch, fast, full speed"),
                                         KeyHint("w", "save the model to a file"),
                                         KeyHint("c / C / b", "keep a run to compare / clear / boundary beside"),
                                         KeyHint("R", "rewind: ← → checkpoints, Space branches")]),
        HelpOverlay.Section("Knobs", [KeyHint("↑ ↓ / j k / Tab", "choose a knob"), KeyHint("← → / h l / - +", "change its value")]),
        HelpOverlay.Section("Hidden layers", [KeyHint("a / x", "add a layer after / remove the selected one"),
                                              KeyHint("[ ]", "select the previous / next layer"),
                                              KeyHint("n", "next neuron of the layer, drawn large"),
                                              KeyHint("o", "output pane: the network's output / the neuron"),
                                              KeyHint("< > / , .", "fewer / more neurons in it")]),
        HelpOverlay.Section("Screen", [KeyHint("v", "next view: network, gradients, confusion"),
                                       KeyHint("m", "points: all, val only, none"),
                                       KeyHint("? / Ctrl-L", "this help / redraw the screen"),
                                       KeyHint("q / Esc", "back / quit")]),
    ]

    func render(_ snapshot: SessionSnapshot?, into buffer: inout CellBuffer, theme: Theme) {
        if let snapshot { render(snapshot, into: &buffer, theme: theme) }
    }

    func render(_ snapshot: SessionSnapshot, into buffer: inout CellBuffer, theme: Theme) {
        let bounds = buffer.bounds
        let rows = bounds.split(.vertical, [.fill(1), .length(1)])
        let columns = rows[0].split(.horizontal, [.length(Self.knobColumnWidth), .fill(1)])
        let knobArea = Panel(title: "Playground", isFocused: true).render(in: columns[0], buffer: &buffer, theme: theme)
        KnobPanel(knobs: knobs, focusedIndex: focusedKnob).render(in: knobArea, buffer: &buffer, theme: theme)
        if Self.showsAllViews(width: bounds.width, height: bounds.height) {
            renderAllViews(snapshot, in: columns[1], buffer: &buffer, theme: theme)
        } else {
            renderCompactViews(snapshot, in: columns[1], buffer: &buffer, theme: theme)
        }
        // The status names the pace too: at 80 columns the hints after the first two give way.
        StatusBar(hints: [KeyHint("Space", "play"), KeyHint("q", closeAction), KeyHint("s", "step"), KeyHint("r", "reset"),
                          KeyHint("v", "view"), KeyHint("?", "help")],
                  parts: RunViews.statusParts(snapshot, notice: notice, showsSpeed: bounds.width >= 120)).render(in: rows[1], buffer: &buffer, theme: theme)
        if showsHelp {
            HelpOverlay(sections: Self.helpSections).render(in: bounds, buffer: &buffer, theme: theme)
        }
    }

    /// Boundary and loss on top, one detail view below, chosen with `v`.
    private func renderCompactViews(_ snapshot: SessionSnapshot, in area: Rect, buffer: inout CellBuffer, theme: Theme) {
        let halves = area.split(.vertical, [.fill(3), .fill(2)])
        let top = halves[0].split(.horizontal, [.fill(1), .fill(1)])
        renderOutput(snapshot, in: top[0], buffer: &buffer, theme: theme)
        RunViews.loss(snapshot, references: references.comparable(with: snapshot.configuration), in: top[1], buffer: &buffer, theme: theme)
        let views = availableDetailViews
        let position = "v: \((views.firstIndex(of: detailView) ?? 0) + 1)/\(views.count)"
        renderDetail(detailView, snapshot, in: halves[1], suffix: " · " + position, buffer: &buffer, theme: theme)
        RunViews.divergedAlert(snapshot, over: halves[0], buffer: &buffer, theme: theme)
    }

    /// Everything at once: boundary, loss and confusion on top; network and gradients below.
    private func renderAllViews(_ snapshot: SessionSnapshot, in area: Rect, buffer: inout CellBuffer, theme: Theme) {
        // The network gets the taller half: eight neurons of two rows each need 23 rows.
        let halves = area.split(.vertical, [.fill(9), .fill(11)])
        let top = halves[0].split(.horizontal, isClassifier ? [.fill(1), .fill(1), .fill(1)] : [.fill(1), .fill(2)])
        renderOutput(snapshot, in: top[0], buffer: &buffer, theme: theme)
        RunViews.loss(snapshot, references: references.comparable(with: snapshot.configuration), in: top[1], buffer: &buffer, theme: theme)
        if isClassifier { renderDetail(.confusion, snapshot, in: top[2], suffix: "", buffer: &buffer, theme: theme) }
        let bottom = halves[1].split(.horizontal, [.fill(2), .fill(1)])
        renderDetail(.network, snapshot, in: bottom[0], suffix: "", buffer: &buffer, theme: theme)
        renderDetail(.gradients, snapshot, in: bottom[1], suffix: "", buffer: &buffer, theme: theme)
        RunViews.divergedAlert(snapshot, over: halves[0], buffer: &buffer, theme: theme)
    }

    /// The Output pane: the decision boundary, or the selected neuron's map as large as the pane.
    private func renderOutput(_ snapshot: SessionSnapshot, in area: Rect, buffer: inout CellBuffer, theme: Theme) {
        if showsSelectedNeuron, let neuron = markedNeuron(snapshot) {
            RunViews.neuron(snapshot, at: neuron, points: dataPoints, keys: "o: output", in: area, buffer: &buffer, theme: theme)
        } else {
            RunViews.boundary(snapshot, points: dataPoints, beside: references.beside(live: snapshot.configuration), in: area, buffer: &buffer, theme: theme)
        }
    }

    private func renderDetail(_ view: DetailView, _ snapshot: SessionSnapshot, in area: Rect, suffix: String, buffer: inout CellBuffer, theme: Theme) {
        switch view {
        case .network:
            let title = "Network" + suffix + " · \(snapshot.parameterCount) parameters · layers: a x [ ] < >"
            RunViews.network(snapshot, title: title, selected: markedNeuron(snapshot), in: area, buffer: &buffer, theme: theme)
        case .gradients:
            RunViews.gradients(snapshot, title: "Gradients per layer" + suffix, in: area, buffer: &buffer, theme: theme)
        case .confusion:
            RunViews.confusion(snapshot, title: "Validation confusion" + suffix, in: area, buffer: &buffer, theme: theme)
        }
    }
}
