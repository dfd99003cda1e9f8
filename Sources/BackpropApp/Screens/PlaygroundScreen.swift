import BackpropData
import BackpropEngine
import BackpropTerminal
import BackpropWidgets

/// The Playground: knobs on the left, the decision boundary, loss curves and the network
/// beside them. Pure state: keys change it and yield session commands; `render` draws a
/// snapshot into a buffer.
struct PlaygroundScreen {
    private(set) var knobs: [Knob]
    private(set) var focusedKnob = 0
    private(set) var showsHelp = false
    private(set) var notice = ""
    private(set) var configuration: RunConfiguration

    init(configuration: RunConfiguration) {
        self.configuration = configuration
        knobs = PlaygroundKnobs.knobs(for: configuration)
    }

    /// What a key asks for beyond the screen's own state.
    enum Outcome: Equatable {
        case none
        case send(SessionCommand)
        case close
    }

    mutating func handle(_ key: Key) -> Outcome {
        if showsHelp {
            showsHelp = false
            return .none
        }
        switch key {
        case .character(" "): return .send(.togglePlay)
        case .character("s"): return .send(.step)
        case .character("r"): return .send(.reset)
        case .character("g"): return .send(.regenerate)
        case .character("?"), .function(1): showsHelp = true
        case .character("q"), .escape: return .close
        case .up, .character("k"): focusedKnob = (focusedKnob + knobs.count - 1) % knobs.count
        case .down, .character("j"), .tab: focusedKnob = (focusedKnob + 1) % knobs.count
        case .right, .character("l"), .character("+"), .character("="): return change(knobs[focusedKnob].increased())
        case .left, .character("h"), .character("-"): return change(knobs[focusedKnob].decreased())
        default: break
        }
        return .none
    }

    private mutating func change(_ knob: Knob) -> Outcome {
        var changed = knobs
        changed[focusedKnob] = knob
        switch PlaygroundKnobs.configuration(from: changed, base: configuration) {
        case .success(let newConfiguration):
            knobs = changed
            configuration = newConfiguration
            notice = ""
            return .send(.configure(newConfiguration))
        case .failure(let error):
            notice = error.description
            return .none
        }
    }

    static let helpSections = [
        HelpOverlay.Section("Training", [KeyHint("Space", "play / pause"), KeyHint("s", "one step (one batch)"),
                                         KeyHint("r", "reset the weights"), KeyHint("g", "regenerate the data")]),
        HelpOverlay.Section("Knobs", [KeyHint("↑ ↓ / j k / Tab", "choose a knob"), KeyHint("← → / h l / - +", "change its value")]),
        HelpOverlay.Section("Screen", [KeyHint("?", "this help"), KeyHint("q / Esc", "back / quit")]),
    ]

    func render(_ snapshot: SessionSnapshot, into buffer: inout CellBuffer, theme: Theme) {
        let bounds = buffer.bounds
        let rows = bounds.split(.vertical, [.fill(1), .length(1)])
        let columns = rows[0].split(.horizontal, [.length(30), .fill(1)])
        let knobArea = Panel(title: "Playground", isFocused: true).render(in: columns[0], buffer: &buffer, theme: theme)
        KnobPanel(knobs: knobs, focusedIndex: focusedKnob).render(in: knobArea, buffer: &buffer, theme: theme)
        renderViews(snapshot, in: columns[1], buffer: &buffer, theme: theme)
        StatusBar(hints: [KeyHint("Space", "play"), KeyHint("s", "step"), KeyHint("r", "reset"), KeyHint("?", "help"), KeyHint("q", "quit")],
                  status: statusText(snapshot)).render(in: rows[1], buffer: &buffer, theme: theme)
        if showsHelp {
            HelpOverlay(sections: Self.helpSections).render(in: bounds, buffer: &buffer, theme: theme)
        }
    }

    private func renderViews(_ snapshot: SessionSnapshot, in area: Rect, buffer: inout CellBuffer, theme: Theme) {
        let halves = area.split(.vertical, [.fill(3), .fill(2)])
        let top = halves[0].split(.horizontal, [.fill(1), .fill(1)])
        let boundaryArea = Panel(title: "Output · \(snapshot.configuration.dataset.name)").render(in: top[0], buffer: &buffer, theme: theme)
        if snapshot.boundaryColumns > 0 {
            let grid = ValueGrid(columns: snapshot.boundaryColumns, rows: snapshot.boundaryRows, values: snapshot.boundary)
            Heatmap(grid: grid, range: -1...1, points: heatmapPoints(snapshot)).render(in: boundaryArea, buffer: &buffer, theme: theme)
        }
        let lossArea = Panel(title: lossTitle(snapshot)).render(in: top[1], buffer: &buffer, theme: theme)
        LineChart(series: [
            ChartSeries(name: "train", points: snapshot.trainLossHistory.map { SeriesPoint(step: $0.step, value: $0.value) }, role: .train),
            ChartSeries(name: "test", points: snapshot.testLossHistory.map { SeriesPoint(step: $0.step, value: $0.value) }, role: .test),
        ], scale: .logarithmic, xLabel: "step").render(in: lossArea, buffer: &buffer, theme: theme)
        let networkArea = Panel(title: "Network · \(snapshot.parameterCount) parameters").render(in: halves[1], buffer: &buffer, theme: theme)
        let layers = snapshot.layerSizes.map { size in (0..<size).map { _ in NetworkDiagram.Neuron(output: nil) } }
        NetworkDiagram(layers: layers, weights: snapshot.weights).render(in: networkArea, buffer: &buffer, theme: theme)
    }

    private func heatmapPoints(_ snapshot: SessionSnapshot) -> [HeatmapPoint] {
        let domain = PlaygroundData.domain
        let width = domain.upperBound - domain.lowerBound
        func point(_ p: PlaygroundPoint, test: Bool) -> HeatmapPoint {
            let classIndex = snapshot.configuration.task == .regression(outputs: 1) ? (p.label > 0 ? 1 : 0) : Int(p.label)
            return HeatmapPoint(x: (p.x1 - domain.lowerBound) / width, y: (p.x2 - domain.lowerBound) / width, classIndex: classIndex, isTest: test)
        }
        return snapshot.trainPoints.map { point($0, test: false) } + snapshot.testPoints.map { point($0, test: true) }
    }

    private func lossTitle(_ snapshot: SessionSnapshot) -> String {
        func format(_ value: Float?) -> String { value.map { CompactNumber.format(Double($0)) } ?? "–" }
        var title = "Loss train \(format(snapshot.trainLoss)) test \(format(snapshot.testLoss))"
        if let accuracy = snapshot.testAccuracy { title += " · test acc \(Int((accuracy * 100).rounded()))%" }
        return title
    }

    private func statusText(_ snapshot: SessionSnapshot) -> String {
        let state: String
        switch snapshot.state {
        case .paused: state = "paused"
        case .running: state = "training"
        case .finished: state = "stopped after \(snapshot.epoch) epochs"
        case .diverged(let why): state = "PAUSED: " + why
        case .failed(let why): state = "ERROR: " + why
        }
        let message = notice.isEmpty ? snapshot.message : notice
        return "epoch \(snapshot.epoch) · step \(snapshot.step) · lr \(CompactNumber.format(Double(snapshot.learningRate))) · \(state)"
            + (message.isEmpty ? "" : " · " + message)
    }
}
