@testable import BackpropApp
import BackpropData
import BackpropEngine
import BackpropLessons
import BackpropTerminal
import BackpropWidgets
import Foundation
import Testing

/// The convolution lesson's views as the trainer thread computes them, on the shipped
/// Fashion-MNIST fixture, and as the lab pane draws them.
@Suite struct ConvolutionViewTests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("datasets/fashion-mnist-fixture").path

    static func trainer(limit: Int = 120, batch: Int = 64) throws -> Trainer {
        let split = try FashionMNIST.load(folder: fixture, limit: limit)
        var random = RandomGenerator(seed: 1)
        var configuration = Preset.fashionCNN.configuration
        configuration.batchSize = batch
        return try RunBuilder.makeTrainer(configuration, data: split, random: &random)
    }

    static let allViews: SessionViews = [.convolutionExplorer, .featureMaps, .mistakes, .parameterTable, .confusion]

    static func capture(_ trainer: Trainer, controls: [String: Int] = [:], actions: Set<String> = []) -> SessionSnapshot {
        var snapshot = SessionSnapshot(configuration: Preset.fashionCNN.configuration)
        var pending = actions
        ConvolutionViewCapture().capture(trainer, views: allViews, controls: controls, actions: &pending, confusion: true, training: false, into: &snapshot)
        return snapshot
    }

    @Test func explorerRunsTheChosenKernelOverATestImage() throws {
        let trainer = try Self.trainer()
        // Value 0: identity, stride 1, no padding: the image without its one-pixel border.
        let explorer = try #require(Self.capture(trainer).convolutionViews.explorer)
        #expect(explorer.kernel == .identity && explorer.output.rows == 26 && explorer.formulaSize == 26)
        let image = explorer.input.image
        #expect(explorer.output[0, 0] == image[1, 1] && explorer.output[25, 25] == image[26, 26])
        // The last choice: outline, stride 2, padding 1.
        let strided = try #require(Self.capture(trainer, controls: ["convolution": ExplorerKernel.choiceCount - 1]).convolutionViews.explorer)
        #expect(strided.kernel == .outline && strided.stride == 2 && strided.padding == 1 && strided.output.rows == 14)
    }

    @Test func enterOnTheExplorerMovesToTheNextImage() throws {
        let trainer = try Self.trainer()
        var snapshot = SessionSnapshot(configuration: Preset.fashionCNN.configuration)
        let capture = ConvolutionViewCapture()
        var actions: Set<String> = []
        capture.capture(trainer, views: Self.allViews, controls: [:], actions: &actions, confusion: true, training: false, into: &snapshot)
        #expect(snapshot.convolutionViews.explorer?.input.index == 0)
        actions = ["pooling", "elsewhere"]
        capture.capture(trainer, views: Self.allViews, controls: [:], actions: &actions, confusion: true, training: false, into: &snapshot)
        #expect(snapshot.convolutionViews.explorer?.input.index == 1)
        #expect(actions == ["elsewhere"], "an action of another view is left for it")
    }

    @Test func featureMapsFollowEveryBlockOfTheNetwork() throws {
        let views = Self.capture(try Self.trainer(), controls: ["featuremaps": 3]).convolutionViews
        #expect(views.featureMaps.map(\.name) == ["1 ReLU 6@28x28", "2 MaxPool2d 6@14x14", "4 ReLU 16@10x10", "5 MaxPool2d 16@5x5"])
        #expect(views.featureMapsInput?.index == 3)
        #expect(views.filters.count == 6 && views.filters[0].columns == 5)
        #expect(views.secondFilters.count == 16 && views.secondFilters.allSatisfy { $0.count == 6 })
        let probabilities = try #require(views.prediction?.probabilities)
        #expect(probabilities.count == 10 && abs(probabilities.reduce(0, +) - 1) < 1e-5)
    }

    @Test func confusionAndMistakesCountTheReviewedImages() throws {
        let trainer = try Self.trainer()
        let snapshot = Self.capture(trainer)
        let reviewed = snapshot.convolutionViews.reviewedImages
        #expect(reviewed == 120)
        #expect(snapshot.confusion.joined().reduce(0, +) == reviewed)
        let wrong = reviewed - snapshot.confusion.indices.reduce(0) { $0 + snapshot.confusion[$1][$1] }
        #expect(snapshot.convolutionViews.mistakes.count == min(wrong, ConvolutionViewCapture.mistakeCount))
        let confidences = snapshot.convolutionViews.mistakes.map(\.confidence)
        #expect(confidences == confidences.sorted(by: >))
        #expect(snapshot.convolutionViews.mistakes.allSatisfy { $0.predicted != $0.input.trueClass })
    }

    @Test func parameterTablesAddUpToTheNetworks() throws {
        let trainer = try Self.trainer()
        let views = Self.capture(trainer).convolutionViews
        #expect(views.labParameters.reduce(0) { $0 + $1.weights + $1.biases } == trainer.network.parameterCount)
        #expect(views.labParameters.first == .init(layer: "Conv2d 1→6 5x5", weights: 150, biases: 6, usesPerImage: 784))
        let mlpTotal = views.mlpParameters.reduce(0) { $0 + $1.weights + $1.biases }
        let expected: Int = 784 * 128 + 128 + 128 * 64 + 64 + 64 * 10 + 10
        #expect(mlpTotal == expected)
        #expect(views.mlpParameters.allSatisfy { $0.usesPerImage == 1 })
    }

    @Test func whileTrainingNewWeightsShowAtMostAFewTimesASecond() throws {
        let trainer = try Self.trainer(batch: 2)
        var snapshot = SessionSnapshot(configuration: Preset.fashionCNN.configuration)
        let capturer = ConvolutionViewCapture()
        var actions: Set<String> = []
        func capture(at time: Double, training: Bool) -> [Float]? {
            capturer.capture(trainer, views: Self.allViews, controls: [:], actions: &actions, confusion: true, training: training,
                            now: time, into: &snapshot)
            return snapshot.convolutionViews.prediction?.probabilities
        }
        let first = try #require(capture(at: 100, training: true))
        _ = trainer.trainStep()
        #expect(capture(at: 100.1, training: true) == first, "recomputed within the refresh interval")
        let later = try #require(capture(at: 100 + ConvolutionViewCapture.refreshInterval, training: true))
        #expect(later != first, "recomputed once the interval has passed")
        _ = trainer.trainStep()
        #expect(capture(at: 100.3, training: false) != later, "paused, a step shows at once")
    }

    @Test func aRegressionWithoutImagesHasNothingToReview() throws {
        var configuration = Preset.playground.configuration
        try configuration.apply("dataset=reg-plane")
        let trainer = try RunBuilder.prepare(configuration, seed: 1).trainer
        var snapshot = SessionSnapshot(configuration: configuration)
        var actions: Set<String> = ["convolution"]
        ConvolutionViewCapture().capture(trainer, views: Self.allViews, controls: [:], actions: &actions, confusion: true, training: false, into: &snapshot)
        #expect(snapshot.convolutionViews.explorer == nil && snapshot.convolutionViews.reviewedImages == 0)
        #expect(snapshot.confusion.isEmpty && !snapshot.convolutionViews.labParameters.isEmpty)
    }

    @Test func hiddenViewsCostNothing() throws {
        var snapshot = SessionSnapshot(configuration: Preset.fashionCNN.configuration)
        var actions: Set<String> = []
        ConvolutionViewCapture().capture(try Self.trainer(), views: [], controls: [:], actions: &actions, confusion: true, training: false, into: &snapshot)
        #expect(snapshot.convolutionViews.explorer == nil && snapshot.convolutionViews.featureMaps.isEmpty)
        #expect(snapshot.confusion.isEmpty && snapshot.convolutionViews.labParameters.isEmpty)
    }

    @Test func everyViewDrawsInASmallPaneWithAndWithoutColour() throws {
        var snapshot = Self.capture(try Self.trainer())
        snapshot.classNames = FashionMNIST.classNames
        let views: [(LabView, String)] = [(.convolution, "= (28 + 2·0 − 3)/1 + 1 = 26"),
                                          (.pooling, "unchanged after the move"), (.filters, "First-layer filters"),
                                          (.featuremaps, "5 MaxPool2d 16@5x5"), (.prediction, "Ankle boot"),
                                          (.mistakes, "Most confident mistakes · of 120 images"), (.parameters, "total 61706")]
        for theme in [Theme.dark256, .monochrome] {
            for (view, expected) in views {
                var buffer = CellBuffer(width: 52, height: 21)
                draw(view, snapshot, &buffer, theme)
                #expect(buffer.text.contains(expected), "\(view) in \(theme.name):\n\(buffer.text)")
            }
        }
    }

    private func draw(_ view: LabView, _ snapshot: SessionSnapshot, _ buffer: inout CellBuffer, _ theme: Theme) {
        let area = buffer.bounds
        switch view {
        case .convolution: ConvolutionViews.explorer(snapshot, suffix: "", in: area, buffer: &buffer, theme: theme)
        case .pooling: ConvolutionViews.pooling(snapshot, suffix: "", in: area, buffer: &buffer, theme: theme)
        case .filters: ConvolutionViews.filters(snapshot, suffix: "", in: area, buffer: &buffer, theme: theme)
        case .featuremaps: ConvolutionViews.featureMaps(snapshot, suffix: "", in: area, buffer: &buffer, theme: theme)
        case .prediction: ConvolutionViews.prediction(snapshot, suffix: "", in: area, buffer: &buffer, theme: theme)
        case .mistakes: ConvolutionViews.mistakes(snapshot, suffix: "", in: area, buffer: &buffer, theme: theme)
        default: ConvolutionViews.parameters(snapshot, suffix: "", in: area, buffer: &buffer, theme: theme)
        }
    }
}

extension ConvolutionViewTests {
    /// Enter on the feature maps shows one map as large as the pane beside its test image,
    /// with its shape under it; → steps through every layer's channels; Enter goes back.
    @Test func oneFeatureMapOrFilterIsDrawnLargeWithItsShape() throws {
        let lesson = try #require(ShippedLessonTests.reports().compactMap(\.lesson).first { $0.id == "convolutions" })
        let page = try #require(lesson.pages.firstIndex { $0.lab?.views.first == "filters" })
        var screen = LessonScreen(lesson: lesson, page: page, progress: LessonProgress())
        screen.fit(width: 120, height: 40)
        let snapshot = Self.capture(try Self.trainer())
        for _ in 0..<3 where screen.focus != .views { _ = screen.handle(.tab) }
        #expect(screen.lab?.focusedView == .filters)
        func render() -> CellBuffer {
            var buffer = CellBuffer(width: 120, height: 40)
            screen.render(snapshot, into: &buffer, theme: .monochrome)
            return buffer
        }
        #expect(screen.handle(.enter) == .none)
        #expect(render().text.contains("Filter 1/6") && render().text.contains("filter 1 of 6 · 5x5 weights"))
        _ = screen.handle(.right)
        #expect(render().text.contains("Filter 2/6"))
        for _ in 0..<5 { _ = screen.handle(.right) }
        let second = render()
        #expect(second.text.contains("Filter 1/16 · layer 3 Conv2d 6→16"), "past the sixth filter come the second layer's")
        // The shape line's longest form that fits the pane: each filter is a kernel per input map.
        let shapeLine = ["filter 1 of 16 · 6 input maps × 5x5 weights", "filter 1 of 16 · 6 maps × 5x5", "filter 1/16 · 6 maps × 5x5"]
        #expect(second.text.contains("map 6") && shapeLine.contains { second.text.contains($0) }, "each a kernel per input map")
        _ = screen.handle(.enter)
        #expect(render().text.contains("First-layer filters"), "Enter goes back to every filter")
        #expect(render().text.contains("filter 1 of 16: one kernel per map"), "the overview shows a second-layer filter under the first layer's")
        _ = screen.handle(.tab)
        #expect(screen.lab?.focusedView == .featuremaps)
        _ = screen.handle(.enter)
        for _ in 0..<6 { _ = screen.handle(.right) }
        let detail = render()
        #expect(detail.text.contains("map: channel 1 of 6 · 14x14"), "the seventh map is the first after the first pooling")
        #expect(detail.text.contains("Feature map · 2 MaxPool2d 6@14x14") && detail.text.contains("input: test image 1 · 28x28"))
        let mapRows = detail.lines.filter { $0.contains("← → layer and channel") }
        #expect(mapRows.count == 1)
        _ = screen.handle(.left)
        #expect(render().text.contains("map: channel 6 of 6 · 28x28") && render().text.contains("Feature map · 1 ReLU 6@28x28"))
    }

    /// At 120x40 four views share the pane: Enter on the fourth draws it alone and large, and
    /// it keeps the focus, so → steps its maps (not another view's image) and the footer
    /// names its keys; Esc brings the four back with the focus where it was.
    @Test func aViewDrawnLargeFromAmongSeveralKeepsTheFocus() throws {
        let lesson = try #require(ShippedLessonTests.reports().compactMap(\.lesson).first { $0.id == "convolutions" })
        var screen = LessonScreen(lesson: lesson, page: 3, progress: LessonProgress())
        screen.fit(width: 120, height: 40)
        for _ in 0..<10 where !(screen.focus == .views && screen.lab?.focusedView == .featuremaps) { _ = screen.handle(.tab) }
        #expect(screen.lab?.focusedView == .featuremaps && (screen.lab?.focusedPosition ?? 0) > 0, "the feature maps are not the first view")
        _ = screen.handle(.enter)
        #expect(screen.lab?.detailedView == .featuremaps && screen.lab?.focusedView == .featuremaps)
        screen.fit(width: 120, height: 40)
        #expect(screen.lab?.focusedView == .featuremaps, "still focused once the screen fits the one view")
        _ = screen.handle(.right)
        #expect(screen.lab?.detailIndex == 1)
        #expect(screen.lab.map { $0.controlHint(of: $0.focusedView!) }??.contains("another map") == true)
        _ = screen.handle(.escape)
        #expect(screen.lab?.detailedView == nil && screen.lab?.focusedView == .featuremaps)
    }

    /// ← → on the prediction or the feature maps choose the test image of both.
    @Test func thePredictionAndTheFeatureMapsShowTheSameImage() throws {
        let lesson = try #require(ShippedLessonTests.reports().compactMap(\.lesson).first { $0.id == "convolutions" })
        var screen = LessonScreen(lesson: lesson, page: 3, progress: LessonProgress())
        screen.fit(width: 120, height: 40)
        for _ in 0..<10 where !(screen.focus == .views && screen.lab?.focusedView == .prediction) { _ = screen.handle(.tab) }
        guard case .send(.viewControl(view: "prediction", value: 1)) = screen.handle(.right) else {
            Issue.record("→ on the prediction moves its image")
            return
        }
        #expect(screen.lab?.controlValue(of: .featuremaps) == 1)
    }
}
