@testable import BackpropLessons
import Synchronization
import Testing

/// One bad line per test, in the lesson every test starts from; each problem names the
/// file line it is on.
@Suite struct LintRuleTests {
    let file = "lessons/01-first-steps.md"

    @Test func unknownFrontMatterKey() {
        #expect(problems(in: goodLesson(replacingLine: 6, with: "author: me")) == [
            "\(file):6: unknown key 'author' in front matter; accepted keys: id, title, summary, order, minutes",
        ])
    }

    @Test func missingFrontMatterKey() {
        #expect(problems(in: goodLesson(replacingLine: 4, with: "")) == ["\(file):2: front matter is missing 'summary'"])
    }

    @Test func badOrder() {
        #expect(problems(in: goodLesson(replacingLine: 5, with: "order: first")) == [
            "\(file):5: 'order' must be a whole number from 1 to 999, got 'first'",
        ])
    }

    @Test func orderMustMatchTheFileNumber() {
        #expect(problems(in: goodLesson(replacingLine: 5, with: "order: 5")) == [
            "\(file):5: order 5 differs from the file name's number 01; keep them equal so the course reads in one order",
        ])
    }

    @Test func idMustMatchFileName() {
        #expect(problems(in: goodLesson(replacingLine: 2, with: "id: other")) == [
            "\(file):2: id 'other' must match the file name's slug 'first-steps'",
        ])
    }

    @Test func missingFrontMatter() {
        #expect(problems(in: "## Page\n\nText\n").first?.hasPrefix("\(file):1: a lesson starts with front matter") == true)
    }

    @Test func commonYAMLMistakesSayWhatToChange() {
        let unquoted = problems(in: goodLesson(replacingLine: 21, with: "  op: >="))
        #expect(unquoted.count == 1 && unquoted[0].hasPrefix("\(file):21: YAML: ") && unquoted[0].hasSuffix("(a value starting with > must be quoted: op: \">=\")"), "\(unquoted)")
        let tabbed = problems(in: goodLesson(replacingLine: 16, with: "\thidden: 2"))
        #expect(tabbed.count == 1 && tabbed[0].hasSuffix("(indent with spaces, not tabs)"), "\(tabbed)")
    }

    @Test func aLabBlockNeverClosedIsNamedAtItsFence() {
        #expect(problems(in: goodLesson(replacingLine: 27, with: "")) == [
            "\(file):12: this lab block is not closed: put a line of ``` after its last key, before the next '## ' page",
        ])
    }

    @Test func aLabPaceMustBeOneOfTheFour() {
        #expect(problems(in: goodLesson(replacingLine: 18, with: "pace: quick")) == [
            "\(file):18: lab 'pace' must be one of slow, watch, fast, full, got 'quick'",
            "\(file):13: a lab shows at least one view; views: boundary, loss, network, confusion",
        ])
    }

    @Test func aLabPaceIsRead() throws {
        let lesson = try #require(testParser().parse(goodLesson(replacingLine: 18, with: "pace: slow").replacingOccurrences(
            of: "knobs: [lr, hidden]", with: "knobs: [lr, hidden]\nviews: [boundary, loss]"), file: file).lesson)
        #expect(lesson.pages[0].lab?.pace == .slow)
        #expect(testParser().parse(goodLesson, file: file).lesson?.pages[0].lab?.pace == nil, "no key: the app's default")
    }

    @Test func unknownLabKey() {
        #expect(problems(in: goodLesson(replacingLine: 18, with: "panels: [loss]")) == [
            "\(file):18: unknown key 'panels' in lab; accepted keys: preset, dataset, settings, knobs, views, goal, hints, pace, demo",
            "\(file):13: a lab shows at least one view; views: boundary, loss, network, confusion",
        ])
    }

    @Test func unknownPreset() {
        #expect(problems(in: goodLesson(replacingLine: 13, with: "preset: mnist-cnn")) == [
            "\(file):13: unknown preset 'mnist-cnn'; available presets: xor, playground",
        ])
    }

    @Test func unknownSetting() {
        #expect(problems(in: goodLesson(replacingLine: 15, with: "  speed: 3")) == [
            "\(file):15: unknown setting 'speed'; accepted keys: lr, hidden, dataset, epochs, activation, limit",
        ])
    }

    @Test func badSettingValue() {
        #expect(problems(in: goodLesson(replacingLine: 15, with: "  lr: fast")) == ["\(file):15: invalid value 'fast' for key 'lr'"])
    }

    @Test func unknownView() {
        #expect(problems(in: goodLesson(replacingLine: 18, with: "views: [boundary, weights]")) == [
            "\(file):18: unknown view 'weights'; views: boundary, loss, network, confusion",
        ])
    }

    @Test func unknownKnob() {
        #expect(problems(in: goodLesson(replacingLine: 17, with: "knobs:\n  - lr\n  - speed")).first
            == "\(file):19: unknown knob 'speed'; knobs: lr, hidden, dataset, epochs, activation")
    }

    @Test func settingThatCannotBeAKnob() {
        #expect(problems(in: goodLesson(replacingLine: 17, with: "knobs: [limit]")).first?
            .hasPrefix("\(file):17: setting 'limit' cannot be changed live") == true)
    }

    @Test func unknownMetric() {
        #expect(problems(in: goodLesson(replacingLine: 20, with: "  metric: f1")) == [
            "\(file):20: unknown goal metric 'f1'; metrics: val_accuracy, train_accuracy, val_loss, train_loss",
        ])
    }

    @Test func goalOnAMetricTheLabCannotProduce() {
        let contents = goodLesson(replacingLine: 16, with: "  hidden: 2\n  dataset: reg-plane")
        #expect(problems(in: contents) == [
            "\(file):21: goal metric 'val_accuracy' cannot be produced by a lab on regression dataset reg-plane",
        ])
    }

    @Test func viewTheLabCannotShow() {
        let contents = goodLesson(replacingLine: 16, with: "  hidden: 2\n  dataset: reg-plane")
            .replacingOccurrences(of: "views: [boundary, loss]", with: "views: [confusion]")
            .replacingOccurrences(of: "metric: val_accuracy", with: "metric: val_loss")
            .replacingOccurrences(of: "op: \">=\"", with: "op: \"<=\"")
        #expect(problems(in: contents) == [
            "\(file):19: view 'confusion' is not available for a lab on regression dataset reg-plane",
        ])
    }

    @Test func badGoalOperator() {
        #expect(problems(in: goodLesson(replacingLine: 21, with: "  op: at least")) == [
            "\(file):21: goal 'op' must be \">=\" or \"<=\" (in quotes), got 'at least'",
        ])
    }

    @Test func accuracyThresholdOutOfRange() {
        #expect(problems(in: goodLesson(replacingLine: 22, with: "  threshold: 95")) == [
            "\(file):20: an accuracy threshold is between 0 and 1, got 95",
        ])
    }

    @Test func goalLimitTheLabCannotMeet() {
        let contents = goodLesson(replacingLine: 17, with: "knobs: [lr]").replacingOccurrences(of: "hidden: 2\n", with: "hidden: 8\n")
        #expect(problems(in: contents) == [
            "\(file):20: the goal allows at most 4 hidden neurons, but the lab has 8 and 'hidden' is not a knob",
        ])
    }

    @Test func pathOutsideTheAllowedRoots() {
        #expect(problems(in: goodLesson(replacingLine: 16, with: "  dataset: ../../etc/passwd")) == [
            "\(file):16: path '../../etc/passwd' is outside the lessons folder and the dataset roots",
        ])
        #expect(problems(in: goodLesson(replacingLine: 16, with: "  dataset: ~/secrets.csv")).first?
            .hasPrefix("\(file):16: path '~/secrets.csv' is outside") == true)
    }

    @Test func pathInsideAnAllowedRootReachesTheCatalog() {
        #expect(problems(in: goodLesson(replacingLine: 16, with: "  dataset: /tmp/lessons-test/points.csv")) == [
            "\(file):16: invalid value '/tmp/lessons-test/points.csv' for key 'dataset'",
        ])
    }

    @Test func oversizeNetwork() {
        #expect(problems(in: goodLesson(replacingLine: 16, with: "  hidden: 1024,1024")) == [
            "\(file):16: the network has 2048 hidden neurons; a lab trains live with at most 512",
            "\(file):16: the network has 1054722 parameters; a lab trains live with at most 250000",
        ])
    }

    @Test func millionNeuronsRefused() {
        #expect(problems(in: goodLesson(replacingLine: 16, with: "  hidden: 1000000")) == [
            "\(file):16: invalid value '1000000' for key 'hidden'",
        ])
    }

    @Test func textBeforeTheFirstPage() {
        #expect(problems(in: goodLesson(replacingLine: 8, with: "Intro.\n\n## A neuron")) == [
            "\(file):8: text before the first '## ' heading; every page starts with one",
        ])
    }

    @Test func levelOneHeading() {
        #expect(problems(in: goodLesson(replacingLine: 29, with: "# What changed")).first
            == "\(file):29: '# ' headings are not used: the title comes from the front matter, and '## ' starts a page")
    }

    @Test func twoLabsOnOnePage() {
        let contents = goodLesson + "\n\n```lab\npreset: xor\nviews: [loss]\n```\n\n```lab\npreset: xor\nviews: [loss]\n```\n"
        #expect(problems(in: contents) == ["\(file):38: a page holds one lab; start a new '## ' page for this one"])
    }

    @Test func labInsideAList() {
        let contents = goodLesson + "\n\n- item\n\n  ```lab\n  preset: xor\n  ```\n"
        #expect(problems(in: contents) == ["\(file):35: a lab block must not be inside a list or a quote"])
    }

    @Test func yamlSyntaxErrorLine() {
        #expect(problems(in: goodLesson(replacingLine: 21, with: "  op: >=")).first?.hasPrefix("\(file):2") == true)
        #expect(problems(in: goodLesson(replacingLine: 17, with: "knobs: [lr, hidden")).first?.hasPrefix("\(file):18: YAML:") == true)
    }

    @Test func duplicateKey() {
        #expect(problems(in: goodLesson(replacingLine: 17, with: "preset: spiral")) == ["\(file):13: YAML: duplicated key 'preset'"])
    }

    @Test func hintWithAnUnquotedColon() {
        #expect(problems(in: goodLesson(replacingLine: 25, with: "  - Look: the boundary bends.")) == [
            "\(file):25: each item of 'hints' must be a single value; put an item that contains ': ' in quotes",
        ])
    }

    @Test func tooManyHints() {
        var limits = LessonLimits.standard
        limits.hintsPerLab = 1
        #expect(problems(in: goodLesson, limits: limits) == ["\(file):26: 2 hints; a lab has at most 1"])
    }

    @Test func duplicateIDsAcrossFiles() {
        let first = testParser().parse(goodLesson, file: "lessons/01-first-steps.md")
        let second = testParser().parse(goodLesson, file: "other/01-first-steps.md")
        let checked = LessonLibrary.crossChecked([first, second])
        #expect(checked[0].problems.isEmpty)
        #expect(checked[1].problems.map(\.description) == [
            "other/01-first-steps.md:1: id 'first-steps' is already used by lessons/01-first-steps.md",
            "other/01-first-steps.md:1: order 1 is already used by lessons/01-first-steps.md",
        ])
        #expect(checked[1].lesson == nil)
    }
}

/// Counts `configure` calls, which size a lab's network and may read its dataset.
private final class CountingCatalog: LabCatalog {
    let inner = TestCatalog()
    let configureCalls = Mutex(0)
    var presetNames: [String] { inner.presetNames }
    var settingKeys: [String] { inner.settingKeys }
    var knobNames: [String] { inner.knobNames }
    var viewNames: [String] { inner.viewNames }
    var metricNames: [String] { inner.metricNames }

    func configure(preset: String, settings: [LabSetting]) -> Result<LabFacts, LabSettingFailure> {
        configureCalls.withLock { $0 += 1 }
        return inner.configure(preset: preset, settings: settings)
    }

    func problem(applying setting: LabSetting, toPreset preset: String) -> String? {
        inner.problem(applying: setting, toPreset: preset)
    }
}

@Suite struct BrokenLabCostTests {
    /// Each bad setting of a broken lab is still named, but the lab is configured (sized) once:
    /// a file of broken word labs used to read the word list once per setting of each.
    @Test func aBrokenLabIsConfiguredOnceAndEachBadSettingNamed() {
        let catalog = CountingCatalog()
        let parser = LessonParser(catalog: catalog, pathPolicy: PathPolicy(roots: ["/tmp/lessons-test"]))
        let contents = goodLesson(replacingLine: 15, with: "  lr: fast\n  epochs: 0\n  activation: tanh")
        let found = parser.parse(contents, file: "lessons/01-first-steps.md").problems.map(\.description)
        #expect(found == [
            "lessons/01-first-steps.md:15: invalid value 'fast' for key 'lr'",
            "lessons/01-first-steps.md:16: invalid value '0' for key 'epochs'",
        ])
        #expect(catalog.configureCalls.withLock { $0 } == 1)
    }
}

/// A lab's demo is checked like the rest of the lab.
@Suite struct DemoLintTests {
    static func problems(_ demo: String, knobs: String = "[lr]") -> [String] {
        let source = """
            ---
            id: demo
            title: Demo
            summary: A demo.
            order: 1
            ---
            ## Page

            Text.

            ```lab
            preset: xor
            knobs: \(knobs)
            views: [loss]
            demo:
            \(demo)
            ```
            """
        return LessonParser(catalog: TestCatalog(), pathPolicy: PathPolicy(roots: ["/tmp"])).parse(source, file: "/tmp/01-demo.md").problems.map(\.message)
    }

    @Test func aSoundDemoPasses() {
        #expect(Self.problems("  - say: start\n  - say: raise it\n    set:\n      lr: 0.5") == [])
    }

    @Test func everyBadStepIsNamed() {
        #expect(Self.problems("  - say: set hidden\n    set:\n      hidden: 8").contains { $0.contains("demo sets 'hidden', which is not one of this lab's knobs") })
        #expect(Self.problems("  - set:\n      lr: 0.5").contains { $0.contains("missing 'say'") })
        #expect(Self.problems("  - say: \"\"").contains { $0.contains("must not be empty") })
        #expect(Self.problems("  - say: x\n    extra: 1").contains { $0.contains("unknown key 'extra' in demo step") })
        #expect(Self.problems("  - say: " + String(repeating: "a", count: 121)).contains { $0.contains("at most 120 characters") })
        #expect(Self.problems("  nonsense").contains { $0.contains("'demo' must be a list") })
        let many = (1...21).map { "  - say: step \($0)" }.joined(separator: "\n")
        #expect(Self.problems(many).contains { $0.contains("21 demo steps") })
    }
}
