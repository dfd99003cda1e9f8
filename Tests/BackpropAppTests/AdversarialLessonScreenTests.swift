@testable import BackpropApp
import BackpropEngine
import BackpropLessons
import BackpropTerminal
import BackpropWidgets
import Foundation
import Testing

/// A lesson page whose lab trains a GAN: lint accepts it, the page turn starts a GAN run,
/// its keys become GAN commands, its goal is read from coverage, and the pane draws.
@Suite struct AdversarialLessonScreenTests {
    static let source = """
        ---
        id: gans
        title: GANs
        summary: A lesson for tests.
        order: 13
        ---
        ## Intro

        No lab yet.

        ## The ring

        ```lab
        preset: gan-2d
        settings:
          lr_d: 0.0001
          epochs: 4
        knobs: [lr_d, d_steps]
        views: [gan-field, gan-losses]
        goal:
          metric: modes_covered
          op: ">="
          threshold: 7
        hints:
          - Give D its learning rate back.
        ```

        ## A classifier after it

        ```lab
        preset: xor
        views: [loss]
        ```
        """

    static func lesson(_ source: String = source) -> LessonReport {
        LessonLocations.library(for: ["/tmp"]).parser.parse(source, file: "/tmp/13-gans.md")
    }

    @Test func lintAcceptsAGANLabAndNamesWhatItCannotDo() throws {
        let sound = Self.lesson()
        #expect(sound.problems.isEmpty, "\(sound.problems)")
        let badValue = Self.lesson(Self.source.replacingOccurrences(of: "lr_d: 0.0001", with: "lr_d: fast"))
        #expect(badValue.problems.map(\.line) == [16] && badValue.problems[0].message.contains("'fast' for key 'lr_d'"), "\(badValue.problems)")
        let wrongView = Self.lesson(Self.source.replacingOccurrences(of: "views: [gan-field, gan-losses]", with: "views: [gan-field, boundary]"))
        #expect(wrongView.problems.contains { $0.message.contains("view 'boundary' is not available for a lab on GAN") }, "\(wrongView.problems)")
        let wrongGoal = Self.lesson(Self.source.replacingOccurrences(of: "metric: modes_covered", with: "metric: val_accuracy"))
        #expect(wrongGoal.problems.contains { $0.message.contains("goal metric 'val_accuracy' cannot be produced") }, "\(wrongGoal.problems)")
        let classifierGoal = Self.lesson(Self.source.replacingOccurrences(of: "views: [loss]", with: "views: [loss]\ngoal:\n  metric: modes_covered\n  op: \">=\"\n  threshold: 7"))
        #expect(classifierGoal.problems.contains { $0.message.contains("'modes_covered' cannot be produced") }, "\(classifierGoal.problems)")
    }

    func screen() throws -> LessonScreen {
        var screen = LessonScreen(lesson: try #require(Self.lesson().lesson), page: 0, progress: LessonProgress())
        screen.fit(width: 80, height: 24)
        return screen
    }

    @Test func turningToTheGANPageStartsItsRunAndItsKeysDriveIt() throws {
        var screen = try screen()
        guard case .startAdversarialRun(let configuration, parking: nil) = screen.handle(.character("n")) else {
            Issue.record("the GAN page starts a GAN run")
            return
        }
        #expect(configuration.discriminatorLearningRate == 0.0001 && configuration.epochs == 4)
        #expect(screen.lab == nil && screen.adversarialLab?.configuration == configuration)
        #expect(screen.handle(.character(" ")) == .sendAdversarial(.togglePlay))
        #expect(screen.handle(.character("s")) == .sendAdversarial(.step))
        #expect(screen.handle(.character("r")) == .sendAdversarial(.reset))
        #expect(screen.handle(.character("f")) == .sendAdversarial(.cyclePace))
        // Tab to the knobs: → raises D's learning rate one rung, and the run is told.
        _ = screen.handle(.tab)
        guard case .sendAdversarial(.configure(let faster)) = screen.handle(.right) else {
            Issue.record("a knob turn configures the GAN run")
            return
        }
        #expect(faster.discriminatorLearningRate == 0.0003 && screen.adversarialLab?.configuration == faster)
        _ = screen.handle(.down)
        guard case .sendAdversarial(.configure(let twice)) = screen.handle(.right) else {
            Issue.record("the second knob is D steps")
            return
        }
        #expect(twice.discriminatorSteps == 2)
        // The next page's classifier lab replaces the GAN run.
        guard case .startRun(let classifier?, parking: nil, resuming: 2) = screen.handle(.character("n")) else {
            Issue.record("the classifier page starts its own run")
            return
        }
        #expect(classifier.preset == "xor" && screen.adversarialLab == nil)
        // Back on the GAN page the knobs are as the learner left them.
        guard case .startAdversarialRun(let again, parking: 2) = screen.handle(.character("p")) else {
            Issue.record("back to the GAN page")
            return
        }
        #expect(again == twice)
    }

    /// Coverage measured on points sitting on the first `modes` centres of a ring of 8.
    static func coverage(covering modes: Int) -> ModeCoverage {
        let centres = (0..<8).map { SIMD2<Float>(Float(cos(Double($0) * .pi / 4)), Float(sin(Double($0) * .pi / 4))) * 2 }
        let points = (0..<modes).flatMap { mode in Array(repeating: [centres[mode].x, centres[mode].y], count: 60).flatMap { $0 } }
        return ModeCoverage.measure(points: points, centres: centres, radius: 0.15)
    }

    @Test func theGoalIsReadFromCoverageAndTheSnapshotIsDrawn() throws {
        var screen = try screen()
        _ = screen.handle(.character("n"))
        let configuration = try #require(screen.adversarialConfiguration)
        var snapshot = AdversarialSnapshot(configuration: configuration, pace: .watch)
        snapshot.state = .running
        snapshot.step = 700
        snapshot.coverage = Self.coverage(covering: 5)
        screen.observe(adversarial: snapshot)
        var frame = CellBuffer(width: 80, height: 24)
        screen.render(nil, into: &frame, theme: .monochrome)
        var text = frame.lines.joined(separator: "\n")
        #expect(text.contains("○ Goal: modes covered ≥ 7 · now 5"), "\(text)")
        #expect(text.contains("epoch 1/4") && text.contains("G step 700"), "\(text)")
        #expect(screen.adversarialLab?.goalMet == false)
        snapshot.coverage = Self.coverage(covering: 7)
        screen.observe(adversarial: snapshot)
        #expect(screen.adversarialLab?.goalMet == true && screen.notice == "goal met!")
        #expect(screen.progress?.record(for: "gans").goalsMet.contains(1) == true)
        // At 120x40 the lab pane shows the knobs beside the field and the losses.
        screen.fit(width: 120, height: 40)
        snapshot.picture = nil
        var wide = CellBuffer(width: 120, height: 40)
        screen.render(nil, into: &wide, theme: .monochrome)
        text = wide.lines.joined(separator: "\n")
        #expect(text.contains("D learning rate") && text.contains("Losses") && text.contains("7/8 modes"), "\(text)")
    }
}
