import BackpropEngine
import BackpropLessons
import BackpropWidgets
import Foundation
import Testing
@testable import BackpropApp

/// The attention lesson's parts: its goal metrics, its knobs, the views' data copied on the
/// trainer thread, and the query/key/value walkthrough as drawn.
@Suite("Attention lesson")
struct AttentionLessonTests {
    @Test func sequenceAndBigramGoalsReadTheirOwnNumbers() {
        var snapshot = SessionSnapshot(configuration: Preset.reverseAttention.configuration)
        snapshot.epoch = 2
        let sequences = LabGoal(metric: "sequence_accuracy", comparison: .atLeast, threshold: 1, limits: GoalLimits(), line: 1)
        snapshot.testSequenceAccuracy = 0.99
        #expect(!GoalCheck.isMet(sequences, by: snapshot))
        snapshot.testSequenceAccuracy = 1
        #expect(GoalCheck.isMet(sequences, by: snapshot))

    }

    @Test func theCatalogOffersAttentionViewsAndMetricsOnlyWhereTheyMeanSomething() throws {
        let catalog = AppLabCatalog()
        let reversal = try catalog.configure(preset: "reverse-attention", settings: []).get()
        #expect(reversal.views.contains("attention") && reversal.views.contains("compare") && !reversal.views.contains("samples"))
        #expect(reversal.metrics.contains("sequence_accuracy") && !reversal.metrics.contains(GoalCheck.baselineMetric))
        let network = try RunBuilder.prepare(Preset.reverseAttention.configuration, seed: 1).trainer.network
        #expect(reversal.parameters == network.parameterCount, "the catalog counts the transformer itself")
        let xor = try catalog.configure(preset: "xor", settings: []).get()
        #expect(!xor.views.contains("attention") && !xor.metrics.contains("sequence_accuracy"))
    }

    @Test func positionsAndMaskAreKnobsOfATransformerLab() throws {
        let lab = Lab(preset: "reverse-attention", settings: [], knobs: ["positional"], views: ["attention"], goal: nil, hints: [], line: 1)
        var state = try LabState(lab: lab, page: 0, goalMetBefore: false)
        #expect(state.knobs.first?.id == "positional" && state.knobs.contains { $0.id == "mask" && $0.isLocked })
        let changed = try state.changeFocusedKnob(upward: true).get()
        #expect(changed.transformer?.positional == PositionalEncodingKind.none, "learned → none")
        #expect(changed.transformer?.causal == false && changed.dataset == .reversal && changed.batchSize == 64, "the rest stays")
    }

    @Test func theTrainerThreadCopiesEveryHeadAndOneQuerysWay() throws {
        var configuration = Preset.reverseAttention.configuration
        try configuration.apply("limit=640")
        let session = TrainingSession(configuration: configuration, seed: 1)
        defer { session.stop() }
        session.send(.show([.attentionMaps, .attentionStep, .positionTable]))
        session.send(.viewControl(view: "attention", value: 3))
        session.send(.viewControl(view: "qkv", value: 10))
        session.send(.step)
        let deadline = Date().addingTimeInterval(20)
        var snapshot = session.latest().snapshot
        while (snapshot.step < 1 || snapshot.attention?.walkthrough?.position != 2) && Date() < deadline {
            usleep(5_000)
            snapshot = session.latest().snapshot
        }
        let attention = try #require(snapshot.attention)
        #expect(attention.sampleIndex == 3 && attention.steps == 8 && attention.maps.count == 4, "2 blocks × 2 heads")
        for map in attention.maps {
            for query in 0..<8 {
                let sum = map.weights[query * 8 ..< query * 8 + 8].reduce(0, +)
                #expect(abs(sum - 1) < 1e-4, "L\(map.block + 1) H\(map.head + 1) row \(query) sums to \(sum)")
            }
        }
        let walkthrough = try #require(attention.walkthrough)
        #expect(walkthrough.position == 2, "10 wraps to the third of 8 positions")
        #expect(attention.walkthroughBlock == 1 && attention.maps[2].block == 1 && attention.maps[2].head == 0)
        #expect(walkthrough.weights == Array(attention.maps[2].weights[16..<24]), "the last block's first head")
        #expect(walkthrough.query.count == 16 && walkthrough.keys.count == 8, "d 32 over 2 heads, no mask")
        #expect(attention.positionKind == .learned && attention.positionTable.count == 8 * 32)
        #expect(attention.largestWeightAhead > 0, "without the mask, queries read later positions")
    }

    @Test func enterTrainsAnLSTMOnTheSameDataBesideTheTransformer() throws {
        #expect(ModelComparison.recurrentCounterpart(of: Preset.xor.configuration) == nil, "only a sequence transformer has one")
        var configuration = Preset.reverseAttention.configuration
        try configuration.apply("limit=320")
        try configuration.apply("epochs=2")
        let lstm = try #require(ModelComparison.recurrentCounterpart(of: configuration))
        #expect(lstm.transformer == nil && lstm.hidden == [128] && lstm.sequence.cell == .lstm && lstm.dataset == .reversal)
        let session = TrainingSession(configuration: configuration, seed: 1)
        defer { session.stop() }
        session.send(.viewAction(view: "compare"))
        let deadline = Date().addingTimeInterval(30)
        var snapshot = session.latest().snapshot
        while snapshot.comparison?.isFinished != true && Date() < deadline {
            usleep(5_000)
            snapshot = session.latest().snapshot
        }
        let comparison = try #require(snapshot.comparison)
        #expect(comparison.isFinished && comparison.validationLoss.count == 2 && comparison.name == "LSTM 128")
        #expect(comparison.sequenceAccuracy != nil)
        #expect(snapshot.step == 0, "the transformer waited")
    }

    @Test func theMapsViewDropsItsLegendBeforeAPosition() {
        var snapshot = SessionSnapshot(configuration: Preset.reverseAttention.configuration)
        var attention = AttentionSnapshot()
        attention.tokens = ["4", "7", "1"]
        attention.maps = [AttentionSnapshot.HeadMap(block: 0, head: 0, weights: [0, 0, 1, 0, 1, 0, 1, 0, 0])]
        snapshot.attention = attention
        var roomy = CellBuffer(width: 52, height: 8)
        AttentionViews.maps(snapshot, suffix: "", in: roomy.bounds, buffer: &roomy, theme: .monochrome)
        #expect(roomy.lines[1] == "│row = query, column = key · █ ≥ 75% · blank = 0   │")
        #expect(roomy.lines[3] == "│ 4 7 1" + String(repeating: " ", count: 44) + "│")
        #expect(roomy.lines[6] == "│1██" + String(repeating: " ", count: 47) + "│", "the anti-diagonal")
        var tight = CellBuffer(width: 52, height: 7)
        AttentionViews.maps(snapshot, suffix: "", in: tight.bounds, buffer: &tight, theme: .monochrome)
        #expect(tight.lines[1].hasPrefix("│L1 H1") && tight.lines[0].contains("Attention · sequence 1 ─"), "all three positions, no legend")
    }

    @Test func theWalkthroughShowsWhatFitsAndSaysWhatIsHidden() {
        let walkthrough = AttentionSnapshot.Walkthrough(position: 1, query: [1, 0, 2, 0], keys: [[1, 1, 0, 0], [0, 0, 1, 1]],
                                                        values: [[1, 2, 3, 4], [5, 6, 7, 8]], weights: [0.25, 0.75])
        #expect(walkthrough.scores == [1, 2] && walkthrough.scaledScores == [0.5, 1])
        #expect(walkthrough.output == [4, 5, 6, 7])
        var buffer = CellBuffer(width: 48, height: 7)
        QueryKeyValueView(walkthrough: walkthrough, tokens: ["4", "7"]).render(in: buffer.bounds, buffer: &buffer, theme: .monochrome)
        #expect(buffer.lines == [
            "q  +1.00 +0.00 +2.00 +0.00",
            "  j tok     q·k    ÷√4  softmax",
            "  1 \"4\"    1.00   0.50    25.0%",
            "  2 \"7\"    2.00   1.00    75.0%",
            "Σ softmax·v  +4.00 +5.00 +6.00 +7.00",
            "",
            "",
        ])
        var narrow = CellBuffer(width: 30, height: 3)
        QueryKeyValueView(walkthrough: walkthrough, tokens: ["4", "7"]).render(in: narrow.bounds, buffer: &narrow, theme: .monochrome)
        #expect(narrow.lines[0] == "q  +1.00 +0.00 … 2 more", "a narrow view says how many components it hides")
        var middle = CellBuffer(width: 56, height: 8)
        QueryKeyValueView(walkthrough: walkthrough, tokens: ["4", "7"]).render(in: middle.bounds, buffer: &middle, theme: .monochrome)
        #expect(middle.lines[1] == "  j tok     q·k    ÷√4  softmax  k[1]   v[1]", "the k and v columns say which component they hold")
        #expect(middle.lines[2] == "  1 \"4\"    1.00   0.50    25.0%  +1.00  +1.00")
        #expect(middle.lines[4] == "k, v: 1 of their 4 components shown; q·k and Σ use all 4")
    }

    @Test func aTransformerSamplesWordsThroughTheSameViewAsARecurrentModel() throws {
        var configuration = Preset.tinyGPT.configuration
        try configuration.apply("limit=640")
        let session = TrainingSession(configuration: configuration, seed: 1)
        defer { session.stop() }
        session.send(.show([.generatedWords]))
        session.send(.viewControl(view: "samples", value: 5))
        session.send(.step)
        let deadline = Date().addingTimeInterval(30)
        var snapshot = session.latest().snapshot
        while (snapshot.step < 1 || snapshot.recurrent.generated.isEmpty) && Date() < deadline {
            usleep(5_000)
            snapshot = session.latest().snapshot
        }
        #expect(snapshot.recurrent.generated.count == RecurrentViewCapture.wordsPerSampling)
        #expect(snapshot.recurrent.temperature == 0.5, "the view's control sets the temperature")
        #expect(snapshot.recurrent.generated.allSatisfy { $0.count <= RecurrentViewCapture.maximumWordLength })
    }
}
