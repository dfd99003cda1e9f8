import BackpropEngine
import BackpropTerminal
import BackpropWidgets
import Testing
@testable import BackpropApp

/// Every key of the Playground as a pure state transition: screen before, key, screen and
/// session command after.
@Suite("Playground keys")
struct PlaygroundScreenTests {
    func screen(_ settings: [String] = []) throws -> PlaygroundScreen {
        var configuration = try #require(Preset.named("playground")).configuration
        for assignment in settings { try configuration.apply(assignment) }
        return PlaygroundScreen(configuration: configuration)
    }

    func focus(_ id: String, on screen: inout PlaygroundScreen) throws {
        let index = try #require(screen.knobs.firstIndex { $0.id == id })
        while screen.focusedKnob != index { _ = screen.handle(.down) }
    }

    @Test func trainingKeysBecomeSessionCommands() throws {
        var playground = try screen()
        #expect(playground.handle(.character(" ")) == .send(.togglePlay))
        #expect(playground.handle(.character("s")) == .send(.step))
        #expect(playground.handle(.character("r")) == .send(.reset))
        #expect(playground.handle(.character("g")) == .send(.regenerate))
        #expect(playground.handle(.character("q")) == .close)
        #expect(playground.handle(.escape) == .close)
    }

    @Test func arrowsMoveTheFocusAndWrap() throws {
        var playground = try screen()
        _ = playground.handle(.up)
        #expect(playground.focusedKnob == playground.knobs.count - 1)
        _ = playground.handle(.tab)
        #expect(playground.focusedKnob == 0)
        _ = playground.handle(.character("j"))
        #expect(playground.focusedKnob == 1)
    }

    @Test func learningRateStepsUpTheLadderAndIsSentLive() throws {
        var playground = try screen()
        try focus("lr", on: &playground)
        guard case .send(.configure(let configuration)) = playground.handle(.right) else {
            Issue.record("expected a configure command")
            return
        }
        #expect(configuration.learningRate == 0.1)
        #expect(playground.configuration.learningRate == 0.1)
    }

    @Test func layerKeysAddRemoveAndResizeHiddenLayers() throws {
        var playground = try screen()
        #expect(playground.configuration.hidden == [4, 2])
        _ = playground.handle(.character("a"))
        #expect(playground.configuration.hidden == [4, 2, 2])
        #expect(playground.selectedLayer == 1)
        _ = playground.handle(.character(">"))
        #expect(playground.configuration.hidden == [4, 3, 2])
        _ = playground.handle(.character("["))
        _ = playground.handle(.character("<"))
        #expect(playground.configuration.hidden == [3, 3, 2])
        guard case .send(.configure(let sent)) = playground.handle(.character("x")) else {
            Issue.record("removing a layer reconfigures the session")
            return
        }
        #expect(sent.hidden == [3, 2])
        #expect(playground.knobs.first { $0.id == "hidden" }?.displayValue == "3,2", "the architecture knob shows the edited layers")
    }

    @Test func layerLimitsFollowThePlayground() throws {
        var playground = try screen(["hidden=8,8,8,8,8,8"])
        #expect(playground.handle(.character("a")) == .none)
        #expect(playground.notice.contains("at most 6"))
        #expect(playground.handle(.character(">")) == .none)
        #expect(playground.notice.contains("1 to 8"))
        var empty = try screen(["hidden=none"])
        #expect(empty.handle(.character("x")) == .none)
        #expect(empty.handle(.character("a")) == .send(.configure(empty.configuration)))
        #expect(empty.configuration.hidden == [2])
    }

    @Test func moreClassesOnSpiralSwitchToSoftmaxCrossEntropy() throws {
        var playground = try screen(["dataset=spiral"])
        try focus("classes", on: &playground)
        _ = playground.handle(.right)
        #expect(playground.configuration.classes == 3)
        #expect(playground.configuration.loss == .crossEntropy)
        #expect(playground.knobs.first { $0.id == "loss" }?.displayValue == "cross_entropy")
        try focus("dataset", on: &playground)
        _ = playground.handle(.left)
        #expect(playground.configuration.dataset.name == "gauss")
        #expect(playground.configuration.classes == 3, "gauss keeps the classes")
        _ = playground.handle(.left)
        #expect(playground.configuration.classes == 2, "xor has two classes only")
        try focus("classes", on: &playground)
        #expect(playground.handle(.right) == .none)
        #expect(playground.notice.contains("spiral or gauss"))
    }

    @Test func regressionDatasetsSwitchAClassifierLossToMSE() throws {
        var playground = try screen(["loss=cross_entropy", "dataset=spiral"])
        try focus("dataset", on: &playground)
        _ = playground.handle(.right)
        _ = playground.handle(.right)
        #expect(playground.configuration.dataset.name == "reg-plane")
        #expect(playground.configuration.loss == .mse)
        #expect(playground.notice == "loss set to mse to fit the data")
    }

    @Test func viewKeyCyclesDetailViewsAndSkipsConfusionForRegression() throws {
        var playground = try screen()
        #expect(playground.detailView == .network)
        _ = playground.handle(.character("v"))
        #expect(playground.detailView == .gradients)
        #expect(playground.visibleViews(width: 80, height: 24) == .probes)
        _ = playground.handle(.character("v"))
        #expect(playground.detailView == .confusion)
        #expect(playground.visibleViews(width: 200, height: 50) == .all)
        var regression = try screen(["dataset=reg-plane"])
        _ = regression.handle(.character("v"))
        _ = regression.handle(.character("v"))
        #expect(regression.detailView == .network)
    }

    @Test func helpSwallowsTheNextKey() throws {
        var playground = try screen()
        _ = playground.handle(.character("?"))
        #expect(playground.showsHelp)
        #expect(playground.handle(.character("q")) == .none)
        #expect(!playground.showsHelp)
    }

    @Test func theSelectedNeuronIsMarkedAndDrawnLargeInTheOutputPane() throws {
        var playground = try screen()
        #expect(playground.configuration.hidden == [4, 2])
        var snapshot = SessionSnapshot(configuration: playground.configuration)
        snapshot.layerSizes = [2, 4, 2, 1]
        // Neuron 2 of the first hidden layer is positive on the right half of the plane, the others zero.
        snapshot.neuronOutputs = snapshot.layerSizes.enumerated().map { layer, size in
            (0..<size).map { neuron in
                ValueGrid(columns: 2, rows: 1, values: layer == 1 && neuron == 1 ? [-1, 1] : [0, 0])
            }
        }
        _ = playground.handle(.character("n"))
        #expect(playground.selectedNeuron == 1 && playground.showsSelectedNeuron)
        #expect(playground.visibleViews(width: 80, height: 24).contains(.neuronOutputs))
        var buffer = CellBuffer(width: 80, height: 24)
        playground.render(snapshot, into: &buffer, theme: .monochrome)
        let output = buffer.lines[1...10].map { String($0.dropFirst(31).prefix(23)) }
        #expect(buffer.lines[0].contains("Neuron 2/4 of layer 1"))
        #expect(output.allSatisfy { $0.hasPrefix(String(repeating: " ", count: 11)) && $0.hasSuffix(String(repeating: "█", count: 11)) },
                "the left half is one colour, the right the other, across the whole pane:\n\(output.joined(separator: "\n"))")
        #expect(buffer.text.contains("▸"), "the network marks the neuron")
        _ = playground.handle(.character("o"))
        var boundary = CellBuffer(width: 80, height: 24)
        playground.render(snapshot, into: &boundary, theme: .monochrome)
        #expect(boundary.lines[0].contains("Output · circle"))
    }

    @Test func rendersEveryViewAt200x50AndADivergenceAlert() throws {
        let playground = try screen()
        var snapshot = SessionSnapshot(configuration: playground.configuration)
        snapshot.layerSizes = [2, 4, 2, 1]
        snapshot.state = .diverged("diverged at step 3, before epoch 1 ended: the loss became NaN/Inf")
        var buffer = CellBuffer(width: 200, height: 50)
        playground.render(snapshot, into: &buffer, theme: .monochrome)
        for title in ["Output", "Loss", "Validation confusion", "Network", "Gradients per layer", "Training diverged"] {
            #expect(buffer.text.contains(title), "\(title) at 200x50")
        }
        var small = CellBuffer(width: 80, height: 24)
        playground.render(snapshot, into: &small, theme: .monochrome)
        #expect(small.text.contains("Network · v: 1/3"))
        #expect(!small.text.contains("Gradients per layer"))
    }
}

@Suite("Home keys")
struct HomeScreenTests {
    let lesson = HomeEntry(title: "Gradient descent", summary: "Roll downhill.", destination: .lesson(id: "01"), mark: "✓")

    @Test func enterOpensTheSelectedEntryAndQQuits() {
        var home = HomeScreen(entries: [.playground, lesson])
        #expect(home.handle(.enter) == .open(.playground))
        #expect(home.handle(.down) == .none)
        #expect(home.selected == 1)
        #expect(home.handle(.enter) == .open(.lesson(id: "01")))
        #expect(home.handle(.down) == .none)
        #expect(home.selected == 0, "the selection wraps")
        #expect(home.handle(.character("q")) == .quit)
    }

    @Test func aNoticeIsWrappedAboveTheSummaryUntilTheNextKey() {
        var home = HomeScreen(entries: [.playground, lesson])
        home.notice = "progress file /tmp/state/progress.json could not be read; moved it to /tmp/state/progress.json.corrupt-20260101T000000Z and started afresh"
        var buffer = CellBuffer(width: 80, height: 24)
        home.render(into: &buffer, theme: .monochrome)
        #expect(buffer.lines[5].contains("progress file /tmp/state/progress.json could not be read; moved"))
        #expect(buffer.lines[6].contains("started afresh"))
        #expect(buffer.lines[8].contains("Train a small network"))
        _ = home.handle(.down)
        #expect(home.notice.isEmpty)
    }

    @Test func listsEntriesWithMarksAndTheSelectedSummary() {
        let home = HomeScreen(entries: [.playground, lesson])
        var buffer = CellBuffer(width: 80, height: 24)
        home.render(into: &buffer, theme: .monochrome)
        #expect(buffer.lines[2].contains("▸ Playground"))
        #expect(buffer.lines[3].contains("Gradient descent  ✓  Roll downhill"), "the mark after the title, in a column of its own")
        #expect(buffer.text.contains("watch the decision boundary"))
        #expect(buffer.lines[23].contains("Enter open"))
    }
}
