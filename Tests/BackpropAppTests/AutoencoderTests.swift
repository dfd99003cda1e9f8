import BackpropEngine
import BackpropWidgets
import Foundation
import Testing
@testable import BackpropApp

@Suite("Autoencoder preset, probe and views")
struct AutoencoderTests {
    @Test func settingsNameTheirKeyAndWhatTheyAccept() throws {
        var configuration = Preset.fashionAutoencoder.configuration
        try configuration.apply("holdout=2")
        #expect(configuration.autoencoder?.heldOutClass == 2)
        try configuration.apply("holdout=none")
        #expect(configuration.autoencoder?.heldOutClass == nil)
        for bad in ["bottleneck=1", "bottleneck=65", "holdout=hat", "holdout=10"] {
            let error = try #require(throws: SettingError.self) { try configuration.apply(bad) }
            #expect(error.description.contains("'\(bad.prefix { $0 != "=" })'") && error.description.contains(String(bad.drop { $0 != "=" }.dropFirst())))
        }
        var classifier = Preset.fashionMLP.configuration
        let error = try #require(throws: SettingError.self) { try classifier.apply("bottleneck=8") }
        #expect(error.description.contains("fashion-autoencoder"))
        try configuration.apply("loss=cross_entropy")
        #expect(throws: SettingError.self) { try configuration.validate() }
    }

    @Test func theModelRebuildsItsInputThroughTheCode() throws {
        var configuration = Preset.fashionAutoencoder.configuration
        try configuration.apply("bottleneck=8")
        #expect(configuration.task == .regression(outputs: 784))
        let layers = try configuration.makeLayers(for: configuration.task, seed: 1)
        let spec = configuration.autoencoderSpec(configuration.autoencoder!)
        #expect((layers[spec.codeLayerIndex] as? Dense)?.outputSize == 8)
        #expect((layers[layers.count - 2] as? Dense)?.outputSize == 784 && layers.last?.kind == "Sigmoid")
    }

    @Test func separationCountsPointsWhoseNeighboursShareTheirGroup() {
        let groups = [[1], [8], [5, 7, 9]]
        // Three tight clusters of six, one per group, far apart (footwear from three classes).
        var apart: [(x: Float, y: Float)] = [], labels: [Int] = []
        for (group, centre) in [(1, Float(0)), (8, 10), (7, 20)].enumerated() {
            for offset in 0..<6 { apart.append((centre.1 + Float(offset) * 0.01, 0)); labels.append(group == 2 ? [5, 7, 9][offset % 3] : centre.0) }
        }
        #expect(AutoencoderProbe.neighbourAgreement(points: apart, labels: labels, groups: groups) == 1)
        // Points along a line whose groups take turns: every neighbourhood is mixed.
        let line = (0..<18).map { (x: Float($0), y: Float(0)) }
        let turns = (0..<18).map { [1, 8, 7][$0 % 3] }
        #expect(AutoencoderProbe.neighbourAgreement(points: line, labels: turns, groups: groups) < 0.4)
        #expect(AutoencoderProbe.neighbourAgreement(points: apart, labels: [Int](repeating: 1, count: 18), groups: groups).isNaN)
    }

    static func snapshot() -> SessionSnapshot {
        var snapshot = SessionSnapshot(configuration: Preset.fashionAutoencoder.configuration)
        var autoencoder = AutoencoderSnapshot()
        autoencoder.step = 10
        autoencoder.heldOutClass = 8
        autoencoder.points = [LatentPoint(x: 0, y: 0, label: 1), LatentPoint(x: 1, y: 1, label: 8), LatentPoint(x: 1, y: 0, label: 9)]
        autoencoder.plane = LatentPlane(x: -0.1...1.1, y: -0.1...1.1)
        autoencoder.classErrors = [0.01, 0.005, 0.02, 0.01, 0.01, 0.01, 0.01, 0.01, 0.04, 0.01]
        autoencoder.latentSeparation = 0.95
        let image = ValueGrid(columns: 28, rows: 28, values: (0..<784).map { Float($0 % 28) / 27 })
        autoencoder.gallery = [ReconstructedImage(label: 1, original: image, input: image, reconstruction: image)]
        autoencoder.decoded = DecodedPoint(column: 0, row: 0, x: -0.1, y: 1.1, image: image)
        snapshot.autoencoder = autoencoder
        return snapshot
    }

    private func lines(_ render: (SessionSnapshot, String, Rect, inout CellBuffer, Theme) -> Void, snapshot: SessionSnapshot = snapshot(),
                       width: Int = 40, height: Int = 14) -> [String] {
        var buffer = CellBuffer(width: width, height: height)
        render(snapshot, "", Rect(x: 0, y: 0, width: width, height: height), &buffer, .monochrome)
        return buffer.lines
    }

    @Test func theLatentPlaneLettersEachClassAndSaysWhichIsHeldOut() {
        let text = lines(AutoencoderViews.latent).joined(separator: "\n")
        #expect(text.contains("95%"))
        for letter in ["R", "B", "A"] { #expect(text.contains(letter)) }
        #expect(text.contains("bag (held out)"))
        #expect(text.contains("T top") && text.contains("N sneaker"))
    }

    @Test func theAnomalyViewPutsTheHeldOutClassFirstWithItsRatio() {
        #expect(lines(AutoencoderViews.anomaly, width: 60)[1].contains("held out: bag, 3.8× the mean of the others"))
        let rows = lines(AutoencoderViews.anomaly)
        #expect(rows[1].contains("bag 3.8× the others"), "the short form in a narrow pane")
        #expect(rows[2].contains("▶bag") && rows[2].contains("0.0400"))
        #expect(rows[3].contains("pullover"))
    }

    @Test func theDecoderMarksItsPointAndSaysWhereItIs() {
        let rows = lines(AutoencoderViews.decoder)
        #expect(rows[1].contains("+"))
        #expect(rows.joined().contains("x -0.10") && rows.joined().contains("y 1.10"))
    }

    @Test func theViewsSayWhatTheyWaitForBeforeTheFirstCapture() {
        let empty = SessionSnapshot(configuration: Preset.fashionAutoencoder.configuration)
        #expect(lines(AutoencoderViews.reconstructions, snapshot: empty).joined().contains("passing test images"))
        #expect(lines(AutoencoderViews.latent, snapshot: empty).joined().contains("encoding test images"))
    }

    @Test func theDecoderCursorWalksToNeighboursOnly() {
        var previous = DecoderGrid.cell(0)
        for value in 1..<DecoderGrid.positions {
            let cell = DecoderGrid.cell(value)
            #expect(abs(cell.column - previous.column) + abs(cell.row - previous.row) == 1)
            previous = cell
        }
        #expect(DecoderGrid.cell(DecoderGrid.centre) == (DecoderGrid.size / 2, DecoderGrid.size / 2))
    }

    /// A short real run: the JSON carries the reconstruction figures the lesson reads.
    @Test func aHeadlessRunReportsReconstructionFigures() throws {
        var configuration = Preset.fashionAutoencoder.configuration
        for setting in ["limit=3000", "epochs=3", "holdout=bag", "noise=40", "bottleneck=16"] { try configuration.apply(setting) }
        let run = try RunBuilder.prepare(configuration, seed: 1)
        var training = HeadlessTraining(run: run)
        training.showsProgress = false
        let summary = training.execute()
        let figures = try #require(summary.autoencoder)
        #expect(figures.bottleneck == 16 && figures.latentSeparation.isNaN, "separation is measured on a 2-number code only")
        #expect(figures.anomalyRatio > 1 && figures.denoisingGain > 1)
        #expect(summary.json.contains("\"reconstruction_loss\":\"mse\"") && summary.valAccuracy == nil)
    }

    /// The views show the untrained network before any step, and the decoder follows its control.
    @Test func theSessionCapturesTheViewsBeforeTrainingAndMovesTheDecoder() throws {
        var configuration = Preset.fashionAutoencoder.configuration
        try configuration.apply("limit=1000")
        try configuration.apply("holdout=bag")
        let session = TrainingSession(configuration: configuration, seed: 1)
        defer { session.stop() }
        session.send(.record(.autoencoder))
        session.send(.show(.autoencoder))
        var snapshot = waitFor(session) { $0.autoencoder.decoded != nil }
        #expect(snapshot.step == 0 && snapshot.autoencoder.points.count == 10 * AutoencoderProbe.perClass)
        #expect(snapshot.autoencoder.gallery.count == AutoencoderCapture.galleryClasses.count && snapshot.autoencoder.classErrors.count == 10)
        #expect(snapshot.autoencoder.gallery.map(\.label) == [8] + AutoencoderCapture.galleryClasses.filter { $0 != 8 },
                "the held-out class first, where a narrow pane still shows it")
        #expect(snapshot.autoencoder.decoded?.column == DecoderGrid.size / 2)
        session.send(.viewControl(view: LabView.decoder.rawValue, value: 0))
        snapshot = waitFor(session) { $0.autoencoder.decoded?.row == 0 }
        #expect(snapshot.autoencoder.decoded?.column == 0 && snapshot.autoencoder.decoded?.x == snapshot.autoencoder.plane.x.lowerBound)
    }

    private func waitFor(_ session: TrainingSession, _ condition: (SessionSnapshot) -> Bool) -> SessionSnapshot {
        let deadline = Date().addingTimeInterval(20)
        var snapshot = session.latest().snapshot
        while !condition(snapshot) && Date() < deadline {
            usleep(5_000)
            snapshot = session.latest().snapshot
        }
        return snapshot
    }
}
