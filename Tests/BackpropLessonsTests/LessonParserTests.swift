import BackpropLessons
import Testing

@Suite struct LessonParserTests {
    @Test func goodLessonParses() throws {
        let report = testParser().parse(goodLesson, file: "lessons/01-first-steps.md")
        #expect(report.problems.isEmpty, "\(report.problems)")
        let lesson = try #require(report.lesson)
        #expect(lesson.info == LessonInfo(id: "first-steps", title: "First steps", summary: "One neuron, then two.", order: 1, estimatedMinutes: 10))
        #expect(lesson.pages.map(\.title) == ["A neuron", "What changed"])
        #expect(lesson.pages.map(\.line) == [8, 29])
        let lab = try #require(lesson.pages[0].lab)
        #expect(lab.line == 12)
        #expect(lab.preset == "xor")
        #expect(lab.settings == [LabSetting(key: "lr", value: "0.03", line: 15), LabSetting(key: "hidden", value: "2", line: 16)])
        #expect(lab.knobs == ["lr", "hidden"])
        #expect(lab.views == ["boundary", "loss"])
        #expect(lab.goal?.statement == "val_accuracy >= 0.9")
        #expect(lab.goal?.limits == GoalLimits(maxHiddenNeurons: 4))
        #expect(lab.hints == ["Try more neurons.", "Raise the learning rate."])
        #expect(lesson.pages[1].lab == nil)
        #expect(lesson.lab(forPage: 1) == lab, "a lab stays beside later pages")
        #expect(report.pageCount == 2 && report.labCount == 1)
    }

    @Test func pageBodyLeavesOutHeadingAndLab() throws {
        let lesson = try #require(testParser().parse(goodLesson, file: "lessons/01-first-steps.md").lesson)
        #expect(lesson.pages[0].body.lines(width: 40).map(\.text) == ["A neuron adds its weighted inputs."])
    }

    @Test func datasetLineBecomesTheFirstSetting() throws {
        let contents = goodLesson.replacingOccurrences(of: "preset: xor\n", with: "preset: xor\ndataset: circle\n")
        let lab = try #require(testParser().parse(contents, file: "lessons/01-first-steps.md").lesson?.pages[0].lab)
        #expect(lab.settings.first == LabSetting(key: "dataset", value: "circle", line: 14))
    }

    @Test func listValuesJoinWithCommas() throws {
        let contents = goodLesson.replacingOccurrences(of: "  hidden: 2", with: "  hidden: [2, 1]")
        let lab = try #require(testParser().parse(contents, file: "lessons/01-first-steps.md").lesson?.pages[0].lab)
        #expect(lab.settings[1].value == "2,1")
    }

    @Test func crlfLineEndingsRead() {
        let report = testParser().parse(goodLesson.replacingOccurrences(of: "\n", with: "\r\n"), file: "lessons/01-first-steps.md")
        #expect(report.problems.isEmpty, "\(report.problems)")
    }

    @Test func goalIsMetOnlyWithinItsLimits() {
        let goal = LabGoal(metric: "val_accuracy", comparison: .atLeast, threshold: 0.9, limits: GoalLimits(maxHiddenNeurons: 4), line: 1)
        #expect(goal.isMet(metricValue: 0.95, hiddenNeurons: 4, epochs: 10, parameters: 30))
        #expect(!goal.isMet(metricValue: 0.95, hiddenNeurons: 5, epochs: 10, parameters: 30))
        #expect(!goal.isMet(metricValue: 0.85, hiddenNeurons: 4, epochs: 10, parameters: 30))
        #expect(!goal.isMet(metricValue: .nan, hiddenNeurons: 4, epochs: 10, parameters: 30))
    }
}
