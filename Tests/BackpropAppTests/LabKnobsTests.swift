import BackpropEngine
import BackpropLessons
import Testing
@testable import BackpropApp

@Suite("A lab's knobs follow its model")
struct LabKnobsTests {
    func ids(_ preset: Preset) -> Set<String> { Set(LabKnobs.knobs(for: preset.configuration).map(\.id)) }

    @Test func imagesHaveConvolutionKnobsAndNoPlaygroundOnes() {
        let cnn = ids(.fashionCNN)
        #expect(cnn.isSuperset(of: ["channels", "kernel", "pooling", "batchnorm", "augment", "lr", "batch"]))
        #expect(cnn.isDisjoint(with: ["noise", "classes", "train_ratio", "features", "cell", "heads", "delay"]))
    }

    @Test func sequencesHaveRecurrentOrTransformerKnobs() {
        let words = ids(.wordsLSTM)
        #expect(words.isSuperset(of: ["cell", "temperature", "hidden", "clip"]))
        #expect(words.isDisjoint(with: ["activation", "dropout", "batchnorm", "heads", "delay", "task"]))
        #expect(ids(.addingLSTM).contains("delay"))
        let reversal = ids(.reverseAttention)
        #expect(reversal.isSuperset(of: ["heads", "d_model", "positional", "mask", "task", "layers"]))
        #expect(reversal.isDisjoint(with: ["cell", "hidden"]))
    }

    /// A delay of 64 is not among the delay options: it takes its place on the scale, so ←
    /// goes to 50 and → to 100.
    @Test func aCurrentValueOffTheOptionsTakesItsPlaceOnTheScale() throws {
        var configuration = Preset.addingLSTM.configuration
        try configuration.apply("delay=64")
        let delay = try #require(LabKnobs.knobs(for: configuration).first { $0.id == "delay" })
        #expect(delay.selectedOption == "64")
        #expect(delay.decreased().selectedOption == "50" && delay.increased().selectedOption == "100")
    }

    @Test func everyKnobValueIsAValidSettingAndNoKnobIsListedTwice() throws {
        for preset in Preset.all {
            let configuration = preset.configuration
            let ids = LabKnobs.knobs(for: configuration).map(\.id)
            #expect(Set(ids).count == ids.count, "\(preset.name) lists a knob twice: \(ids)")
            if case .failure(let error) = PlaygroundKnobs.configuration(from: LabKnobs.knobs(for: configuration), base: configuration) {
                Issue.record("\(preset.name): its own knobs give \(error)")
            }
        }
    }

    @Test func turningBatchNormOnRebuildsAnMLPWithIt() throws {
        let lab = Lab(preset: "xor", settings: [], knobs: ["batchnorm"], views: ["loss"], goal: nil, hints: [], line: 1)
        var state = try LabState(lab: lab, page: 0, goalMetBefore: false)
        #expect(state.knobs.first?.id == "batchnorm", "the unlocked knobs come first")
        guard case .success(let configuration) = state.changeFocusedKnob(upward: true) else {
            Issue.record("batch norm could not be turned on")
            return
        }
        #expect(configuration.denseBatchNorm)
        let layers = try configuration.makeLayers(for: configuration.task, seed: 1)
        #expect(layers.map(\.kind).contains("BatchNorm1d"))
    }

    @Test func turningAnotherKnobKeepsLeNetsPadding() throws {
        let lab = Lab(preset: "fashion-cnn", settings: [], knobs: ["lr"], views: ["loss"], goal: nil, hints: [], line: 1)
        var state = try LabState(lab: lab, page: 0, goalMetBefore: false)
        let before = try #require(state.configuration.convolution)
        let after = try state.changeFocusedKnob(upward: true).get()
        #expect(after.convolution == before, "re-applying kernel=5 must not reset padding [2, 0]")
    }

    /// LeNet's 120,84 is not a Playground architecture: after → moves off it, ← comes back.
    @Test func theHiddenKnobReturnsToTheLabsOwnLayers() throws {
        let lab = Lab(preset: "fashion-cnn", settings: [], knobs: ["hidden"], views: ["loss"], goal: nil, hints: [], line: 1)
        var state = try LabState(lab: lab, page: 0, goalMetBefore: false)
        #expect(state.knobs.first?.selectedOption == "120,84")
        let moved = try state.changeFocusedKnob(upward: false).get()
        #expect(moved.hidden != [120, 84])
        _ = try state.changeFocusedKnob(upward: true).get()
        #expect(state.configuration.hidden == [120, 84], "the lab's own layers can be chosen again: \(state.knobs.first?.setting as Any)")
    }

    /// Depth rebuilds the stack even though the locked Hidden knob, listed after it, still
    /// names the old layers; Hidden then shows the new ones, and another knob keeps them.
    @Test func depthRebuildsTheStackAndHiddenFollows() throws {
        let lab = Lab(preset: "deep-residual", settings: [], knobs: ["depth", "residual"], views: ["layer_gradients"], goal: nil, hints: [],
                      line: 1)
        var state = try LabState(lab: lab, page: 0, goalMetBefore: false)
        state.focusKnob(by: 1)
        #expect(state.knobs[1].id == "depth" && state.knobs[1].selectedOption == "24")
        let deeper = try state.changeFocusedKnob(upward: true).get()
        #expect(deeper.hidden == Array(repeating: 16, count: 28))
        #expect(state.knobs.first { $0.id == "hidden" }?.selectedOption == PlaygroundKnobs.hiddenName(deeper.hidden))
        state.focusKnob(by: -1)
        let plain = try state.changeFocusedKnob(upward: false).get()
        #expect(!plain.residual && plain.hidden.count == 28, "switching the skips off keeps the depth")
        let layers = try plain.makeLayers(for: plain.task, seed: 1)
        #expect(layers.count == 2 * 28 + 1 && !layers.contains { $0 is Residual })
    }

    @Test func anAutoencoderOffersItsCodeNoiseAndHeldOutClass() {
        let autoencoder = ids(.fashionAutoencoder)
        #expect(autoencoder.isSuperset(of: ["bottleneck", "holdout", "noise", "hidden", "lr"]))
        #expect(autoencoder.isDisjoint(with: ["batchnorm", "residual", "depth", "dropout", "channels", "augment", "train_ratio"]))
        #expect(ids(.fashionMLP).isDisjoint(with: ["bottleneck", "holdout", "noise"]))
    }

    @Test func skipsAndDepthAreKnobsOfDeepStacksOnly() {
        #expect(ids(.deepResidual).isSuperset(of: ["residual", "depth"]))
        #expect(ids(.digitsMLP).isDisjoint(with: ["residual", "depth"]))
        #expect(ids(.fashionCNN).isDisjoint(with: ["residual", "depth"]))
    }
}

/// The Playground's seven input features, each its own toggle as in TensorFlow Playground.
@Suite("Playground feature toggles")
struct PlaygroundFeatureToggleTests {
    @Test func eachFeatureIsAToggleAndTheyMakeTheFeatureList() throws {
        let base = Preset.playground.configuration
        var knobs = PlaygroundKnobs.knobs(for: base)
        let toggles = knobs.filter { $0.id.hasPrefix("feature_") }
        #expect(toggles.map(\.label) == ["Feature X₁", "Feature X₂", "Feature X₁²", "Feature X₂²", "Feature X₁X₂", "Feature sin(X₁)", "Feature sin(X₂)"])
        #expect(toggles.map { $0.isOn == true } == [true, true, false, false, false, false, false])
        let square = try #require(knobs.firstIndex { $0.id == "feature_x1sq" })
        knobs[square] = knobs[square].toggled()
        let configured = try PlaygroundKnobs.configuration(from: knobs, base: base).get()
        #expect(configured.features == [.x1, .x2, .x1sq])
        for index in knobs.indices where knobs[index].isOn == true && knobs[index].id.hasPrefix("feature_") {
            knobs[index] = knobs[index].toggled()
        }
        guard case .failure(let error) = PlaygroundKnobs.configuration(from: knobs, base: base) else {
            Issue.record("a network with no input must be refused")
            return
        }
        #expect(error.description.contains("at least one input feature"))
        #expect(!LabKnobs.knobs(for: base).contains { $0.id.hasPrefix("feature_") }, "a lesson's lab keeps one Features row")
    }

    /// Features in an order of their own (`--set features=x2,x1`) keep it when another knob
    /// changes, so the change does not rebuild the network; a feature switched on goes last.
    @Test func theFeaturesKeepTheirOrder() throws {
        var base = Preset.playground.configuration
        try base.apply("features=x2,x1")
        var knobs = PlaygroundKnobs.knobs(for: base)
        #expect(try PlaygroundKnobs.configuration(from: knobs, base: base).get().features == [.x2, .x1])
        let sine = try #require(knobs.firstIndex { $0.id == "feature_sinx1" })
        knobs[sine] = knobs[sine].toggled()
        #expect(try PlaygroundKnobs.configuration(from: knobs, base: base).get().features == [.x2, .x1, .sinx1])
    }
}
