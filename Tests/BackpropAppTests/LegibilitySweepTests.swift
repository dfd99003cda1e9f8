@testable import BackpropApp
import BackpropLessons
import BackpropTerminal
import BackpropWidgets
import Testing

/// Every lab of every shipped lesson, the Playground and the help overlays, drawn at the four
/// sizes a learner is likely to have, with every view brought on screen in turn, from a
/// snapshot with long numbers in it: no text may be cut inside a word or a number. The
/// buffer notes each text an edge cut (`CellBuffer.cuts`); a fitted text (`TextFit`) ends
/// at a whole word or `…` and is never cut.
@Suite struct LegibilitySweepTests {
    static let sizes = [(80, 24), (120, 40), (160, 45), (200, 50)]

    /// A run far along, with numbers as long as they get: step 1234567, 123k samples/s, a
    /// confusion matrix of ten long-named classes.
    static func snapshot(_ configuration: RunConfiguration) -> SessionSnapshot {
        var snapshot = SessionSnapshot(configuration: configuration)
        snapshot.state = .running
        snapshot.epoch = 1234
        snapshot.step = 1_234_567
        snapshot.trainLoss = 0.012_34
        snapshot.testLoss = 0.045_67
        snapshot.trainAccuracy = 0.987
        snapshot.testAccuracy = 0.912
        snapshot.learningRate = 0.000_123_4
        snapshot.samplesPerSecond = 123_456
        snapshot.parameterCount = 61_706
        snapshot.trainLossHistory = (0...50).map { (step: $0 * 24_691, value: 2.3 / Double($0 + 1)) }
        snapshot.testLossHistory = (0...50).map { (step: $0 * 24_691, value: 2.4 / Double($0 + 1)) }
        // Ten classes with long names and three-digit counts, as Fashion-MNIST's matrix has.
        snapshot.classNames = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"]
        snapshot.confusion = (0..<10).map { actual in (0..<10).map { predicted in actual == predicted ? 100 + actual : (actual * 7 + predicted * 3) % 23 } }
        return snapshot
    }

    /// A GAN run far along, with long numbers: its real picture and coverage before
    /// training, step 1234567 and losses with many digits.
    static func adversarialSnapshot(_ configuration: GANConfiguration) throws -> AdversarialSnapshot {
        let run = try PreparedAdversarialRun(configuration, seed: 1)
        var snapshot = AdversarialSnapshot(configuration: configuration, pace: .watch)
        snapshot.state = .running
        snapshot.step = 1_234_567
        snapshot.samplesPerSecond = 123_456
        snapshot.generatorLoss = 0.812_345
        snapshot.discriminatorLoss = 0.678_912
        for step in 1...50 {
            snapshot.generatorLossHistory.append(step: step * 24_691, value: 0.7 + 1 / Double(step))
            snapshot.discriminatorLossHistory.append(step: step * 24_691, value: 0.7 - 0.2 / Double(step))
        }
        snapshot.coverage = run.measureCoverage()
        snapshot.picture = AdversarialPicture.capture(run)
        return snapshot
    }

    /// The texts cut inside a word or number in `buffer`, each with where it was seen.
    static func badCuts(_ buffer: CellBuffer, _ place: String) -> [String] {
        buffer.cuts.filter(\.isInsideAWord).map { "\(place): '\($0.shown)' of '\($0.text)'" }
    }

    @Test func noLessonLabCutsAWordOrANumberAtAnySize() throws {
        let lessons = ShippedLessonTests.reports().compactMap(\.lesson)
        #expect(lessons.count >= 11)
        var problems: Set<String> = []
        var screensDrawn = 0
        for lesson in lessons {
            for page in lesson.pages.indices where lesson.pages[page].lab != nil {
                for (width, height) in Self.sizes {
                    var screen = LessonScreen(lesson: lesson, page: page, progress: LessonProgress())
                    screen.fit(width: width, height: height)
                    if let adversarial = screen.adversarialConfiguration {
                        screen.observe(adversarial: try Self.adversarialSnapshot(adversarial))
                    }
                    guard screen.runConfiguration != nil || screen.adversarialLab != nil else { continue }
                    // A GAN lab draws from its own snapshot, observed above.
                    let snapshot = screen.runConfiguration.map(Self.snapshot)
                    let place = "\(lesson.id) page \(page + 1) at \(width)x\(height)"
                    func draw(_ what: String) {
                        var buffer = CellBuffer(width: width, height: height)
                        screen.render(snapshot, into: &buffer, theme: .monochrome)
                        problems.formUnion(Self.badCuts(buffer, place + ", " + what))
                        screensDrawn += 1
                    }
                    draw("text")
                    for _ in 0..<3 { _ = screen.handle(.character("t")) }
                    draw("hints")
                    for _ in 0..<3 where screen.focus != .views { _ = screen.handle(.tab) }
                    for view in screen.lab?.views ?? [] {
                        draw("view \(view.rawValue)")
                        _ = screen.handle(.character("v"))
                    }
                    for view in screen.adversarialLab?.views ?? [] {
                        draw("view \(view.rawValue)")
                        _ = screen.handle(.character("v"))
                    }
                    _ = screen.handle(.character("?"))
                    draw("help")
                }
            }
        }
        #expect(screensDrawn > 400)
        #expect(problems.isEmpty, "\(problems.sorted().joined(separator: "\n"))")
    }

    @Test func thePlaygroundCutsNoWordOrNumberAtAnySize() {
        var problems: [String] = []
        for (width, height) in Self.sizes {
            var playground = PlaygroundScreen(configuration: Preset.playground.configuration)
            let snapshot = Self.snapshot(Preset.playground.configuration)
            for view in playground.availableDetailViews {
                var buffer = CellBuffer(width: width, height: height)
                playground.render(snapshot, into: &buffer, theme: .monochrome)
                problems += Self.badCuts(buffer, "playground \(view) at \(width)x\(height)")
                _ = playground.handle(.character("v"))
            }
            _ = playground.handle(.character("?"))
            var help = CellBuffer(width: width, height: height)
            playground.render(snapshot, into: &help, theme: .monochrome)
            problems += Self.badCuts(help, "playground help at \(width)x\(height)")
            #expect(help.text.contains("q / Esc") && help.text.contains("this help"), "every key of the help shows at \(width)x\(height)")
        }
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
    }

    @Test func theLessonHelpListsEveryKeyAt80x24() throws {
        let lesson = try #require(ShippedLessonTests.reports().compactMap(\.lesson).first)
        var screen = LessonScreen(lesson: lesson, page: 0, progress: LessonProgress())
        _ = screen.handle(.character("?"))
        var buffer = CellBuffer(width: 80, height: 24)
        screen.render(nil, into: &buffer, theme: .monochrome)
        for hint in LessonScreen.helpSections.flatMap(\.hints) {
            #expect(buffer.lines.contains { $0.contains(hint.key) && $0.contains(hint.action) }, "\(hint.key) \(hint.action)")
        }
        #expect(buffer.text.contains("press ? or Esc to close"))
    }

    /// The PyTorch script `e` shows: a real one, under a long path, at every size.
    @Test func theScriptOverlayCutsNothingAtAnySize() throws {
        let lesson = try #require(ShippedLessonTests.reports().compactMap(\.lesson).first { $0.id == "convolutions" })
        let model = ModelFile(preset: "fashion-cnn", settings: ["limit=2000", "lr=0.005"], seed: 1, epochs: 4, metrics: ["val_loss": 0.61, "val_accuracy": 0.78])
        var configuration = Preset.fashionCNN.configuration
        try configuration.apply("limit=64")
        let plan = try PyTorchExportPlan(run: RunBuilder.prepare(configuration, seed: 1), weightsPath: "/home/learner/.local/state/backprop/models/fashion-cnn-epoch3-20261204-101010.safetensors",
                                         companionName: "fashion-cnn-epoch3-20261204-101010.data.safetensors")
        let script = ExportedScript(number: 1, path: "/home/learner/.local/state/backprop/models/fashion-cnn-epoch3-20261204-101010.py",
                                    text: PyTorchExport.script(for: model, plan: plan, scriptName: "fashion-cnn-epoch3-20261204-101010.py"))
        var problems: [String] = []
        for (width, height) in Self.sizes {
            var screen = LessonScreen(lesson: lesson, page: 3, progress: LessonProgress())
            screen.fit(width: width, height: height)
            var snapshot = Self.snapshot(try #require(screen.runConfiguration))
            snapshot.pytorchScript = script
            screen.observe(snapshot)
            for _ in 0..<3 {
                var buffer = CellBuffer(width: width, height: height)
                screen.render(snapshot, into: &buffer, theme: .monochrome)
                problems += Self.badCuts(buffer, "script at \(width)x\(height) row \(screen.scriptRow)")
                #expect(buffer.text.contains("Take it to PyTorch"))
                _ = screen.handle(.pageDown)
            }
        }
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
    }
}
