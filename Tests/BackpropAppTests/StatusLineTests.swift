@testable import BackpropApp
import BackpropEngine
import BackpropWidgets
import Testing

/// The status line's learning rate: under a schedule it is this step's rate, which differs
/// from the knob's base rate, and the line says "now" so the two do not read as a contradiction.
@Suite("Status line")
struct StatusLineTests {
    @Test func aScheduledRateIsMarkedAsTheCurrentOne() throws {
        var configuration = Preset.spiral.configuration
        try configuration.apply("schedule=constant")
        var snapshot = SessionSnapshot(configuration: configuration)
        snapshot.learningRate = 0.02
        #expect(RunViews.statusParts(snapshot, notice: "", showsSpeed: false).map(\.text).contains("lr 0.02"))
        try configuration.apply("schedule=cosine")
        snapshot = SessionSnapshot(configuration: configuration)
        snapshot.learningRate = 0.004
        #expect(RunViews.statusParts(snapshot, notice: "", showsSpeed: false).map(\.text).contains("lr now 0.004"))
    }

    /// Validation numbers say when they were measured: before training inside the first
    /// epoch, and not after a single step (`s`), which measures them afresh.
    @Test func validationNumbersSayWhenTheyWereMeasured() {
        var snapshot = SessionSnapshot(configuration: Preset.xor.configuration)
        snapshot.trainLoss = 0.7
        snapshot.testLoss = 0.69
        snapshot.step = 3
        #expect(RunViews.lossTitles(snapshot)[0].contains("(before training)"))
        snapshot.testAccuracy = 0.14
        #expect(RunViews.lossTitles(snapshot).allSatisfy { !$0.contains("acc") && ($0.contains("before training") || $0.contains("start")) },
                "every form says the val numbers are the start's, and none shows the start's accuracy as the model's")
        snapshot.measuredStep = 3
        #expect(RunViews.lossTitles(snapshot).allSatisfy { !$0.contains(" acc ") || $0.contains("val acc") }, "an accuracy is always named val")
        #expect(!RunViews.lossTitles(snapshot)[0].contains("(before training)"), "a step the learner took measured them now")
    }

    /// The optimizer race runs beside the paused lab: the status says it is racing.
    @Test func aRaceBesideAPausedLabIsNamed() {
        var snapshot = SessionSnapshot(configuration: Preset.spiral.configuration)
        snapshot.state = .paused
        #expect(RunViews.statusParts(snapshot, notice: "", showsSpeed: false).map(\.text).contains("paused"))
        snapshot.experiments.raceEpochs = 60
        snapshot.experiments.raceCurves = [.init(kind: .sgd, losses: [SeriesPoint(step: 1, value: 0.7)], hasDiverged: false)]
        #expect(RunViews.statusParts(snapshot, notice: "", showsSpeed: false).map(\.text).contains("racing · lab paused"))
        snapshot.experiments.raceCurves[0].losses = (1...60).map { SeriesPoint(step: $0, value: 0.5) }
        #expect(RunViews.statusParts(snapshot, notice: "", showsSpeed: false).map(\.text).contains("paused"), "a finished race leaves the lab paused")
    }

    /// 249 of 250 right reads 99%, not a rounded-up 100% beside the mistake in the matrix.
    @Test func theConfusionShareIsNeverRoundedToPerfect() {
        var snapshot = SessionSnapshot(configuration: Preset.xor.configuration)
        snapshot.confusion = [[111, 1], [0, 138]]
        var buffer = CellBuffer(width: 60, height: 12)
        RunViews.confusion(snapshot, title: "Confusion", in: buffer.bounds, buffer: &buffer, theme: .monochrome)
        #expect(buffer.text.contains("these 250: 99% right"), "\(buffer.text)")
    }
}
