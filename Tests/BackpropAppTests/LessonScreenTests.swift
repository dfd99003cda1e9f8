@testable import BackpropApp
import BackpropLessons
import BackpropTerminal
import BackpropWidgets
import Testing

/// The lesson screen's keys as pure state transitions, and its goal checked from
/// fabricated snapshots.
@Suite struct LessonScreenTests {
    static let source = """
        ---
        id: sample
        title: Sample
        summary: A lesson for tests.
        order: 1
        ---
        ## Intro

        \((1...60).map { "Line \($0) of the introduction." }.joined(separator: "\n\n"))

        ## Lab one

        ```lab
        preset: xor
        settings:
          hidden: none
          loss: bce
        knobs: [hidden, lr]
        views: [boundary, loss, network]
        goal:
          metric: val_accuracy
          op: ">="
          threshold: 0.9
          max_hidden_neurons: 4
        hints:
          - First hint.
          - Second hint.
        ```

        ## Still lab one

        The same lab stays.

        ## Locked lab

        ```lab
        preset: xor
        views: [loss]
        ```
        """

    static func lesson() throws -> Lesson {
        let report = LessonLocations.library(for: ["/tmp"]).parser.parse(source, file: "/tmp/01-sample.md")
        #expect(report.problems.isEmpty, "\(report.problems)")
        return try #require(report.lesson)
    }

    func screen(page: Int = 0) throws -> LessonScreen {
        var screen = LessonScreen(lesson: try Self.lesson(), page: page, progress: LessonProgress())
        screen.fit(width: 80, height: 24)
        return screen
    }

    @Test func pagesTurnWithNAndPAndStartTheirLab() throws {
        var screen = try screen()
        #expect(screen.lab == nil && screen.progress?.record(for: "sample").pagesSeen == [0])
        guard case .startRun(let configuration?, parking: nil, resuming: 1) = screen.handle(.character("n")) else {
            Issue.record("the first lab starts a run")
            return
        }
        #expect(configuration.hidden == [] && configuration.loss == .bce)
        #expect(screen.page == 1 && screen.lab?.page == 1)
        #expect(screen.handle(.character("n")) == .none, "the next page keeps the same lab and its run")
        #expect(screen.lab?.page == 1)
        guard case .startRun(let locked?, parking: 1, resuming: 3) = screen.handle(.character("n")) else {
            Issue.record("a page with its own lab starts its run")
            return
        }
        #expect(locked.hidden == [8])
        #expect(screen.handle(.character("n")) == .none && screen.page == 3 && screen.notice.contains("last page"))
        #expect(screen.handle(.character("p")) == .startRun(screen.lab?.configuration, parking: 3, resuming: 1), "back to the first lab: its run resumes")
        #expect(screen.page == 2 && screen.lab?.page == 1)
        #expect(screen.progress?.record(for: "sample").pagesSeen == [0, 1, 2, 3])
        #expect(screen.progress?.lastPage == 2 && screen.progress?.lastLesson == "sample")
        #expect(screen.handle(.character("p")) == .none)
        #expect(screen.handle(.character("p")) == .startRun(nil, parking: 1, resuming: nil), "a page before any lab parks the run")
        #expect(screen.lab == nil)
    }

    /// A lab whose views are experiments of their own trains nothing on Space: the valley
    /// race restarts, and the convolution explorer's page says what to press instead.
    @Test func spaceInALabOfStandaloneViewsTrainsNothingUnseen() throws {
        let lessons = ShippedLessonTests.reports().compactMap(\.lesson)
        let optimizers = try #require(lessons.first { $0.id == "optimizers" })
        var valley = LessonScreen(lesson: optimizers, page: 0, progress: LessonProgress())
        #expect(valley.handle(.character(" ")) == .send(.viewAction(view: "surface")))
        let convolutions = try #require(lessons.first { $0.id == "convolutions" })
        var explorer = LessonScreen(lesson: convolutions, page: 0, progress: LessonProgress())
        #expect(explorer.handle(.character(" ")) == .none && explorer.notice.contains("nothing trains"))
        var cnn = LessonScreen(lesson: convolutions, page: 3, progress: LessonProgress())
        #expect(cnn.handle(.character(" ")) == .send(.togglePlay))
    }

    /// Each page that shares lesson 2's walk-through starts it from its first operation.
    @Test func aPageTurnRewindsTheWalkThrough() throws {
        let lesson = try #require(ShippedLessonTests.reports().compactMap(\.lesson).first { $0.id == "forward-backward" })
        var screen = LessonScreen(lesson: lesson, page: 0, progress: LessonProgress())
        screen.fit(width: 80, height: 24)
        for _ in 0..<3 where screen.focus != .views { _ = screen.handle(.tab) }
        #expect(screen.lab?.focusedView == .graph)
        for _ in 0..<5 { _ = screen.handle(.right) }
        #expect(screen.lab?.controlValue(of: .graph) == 5)
        _ = screen.handle(.character("n"))
        #expect(screen.lab?.page == 0 && screen.lab?.controlValue(of: .graph) == 0)
    }

    @Test func qClosesAndOpeningClampsThePage() throws {
        var screen = try screen(page: 99)
        #expect(screen.page == 3)
        #expect(screen.handle(.character("q")) == .close)
        #expect(screen.handle(.escape) == .close)
    }

    @Test func tabMovesFocusOverTextKnobsAndViewsOnlyWhereThereAreAny() throws {
        var screen = try screen()
        _ = screen.handle(.tab)
        #expect(screen.focus == .text, "no lab: only the text takes the focus")
        _ = screen.handle(.character("n"))
        _ = screen.handle(.tab)
        #expect(screen.focus == .knobs)
        _ = screen.handle(.tab)
        #expect(screen.focus == .views)
        _ = screen.handle(.tab)
        #expect(screen.focus == .text)
        _ = screen.handle(.backTab)
        #expect(screen.focus == .views)
        _ = screen.handle(.character("n"))
        _ = screen.handle(.character("n"))
        #expect(screen.focus == .text, "a new page shows its text")
        _ = screen.handle(.tab)
        #expect(screen.focus == .views, "a lab with every knob locked skips the knobs")
    }

    @Test func tabReachesEveryViewOnAWideScreenAndEachPaneCountsItsOwnPlace() throws {
        var screen = try screen(page: 1)
        screen.fit(width: 200, height: 50)
        let snapshot = Self.snapshot(of: try #require(screen.lab?.configuration), epoch: 3, validationAccuracy: 0.5)
        func focusedTitle() -> String? {
            var buffer = CellBuffer(width: 200, height: 50)
            screen.render(snapshot, into: &buffer, theme: .monochrome)
            return buffer.lines.compactMap { line in line.firstRange(of: "◆").map { String(line[$0.lowerBound...].prefix(11)) } }.first
        }
        _ = screen.handle(.tab)
        #expect(screen.focus == .knobs && focusedTitle() == nil)
        var reached: [LabView?] = []
        for _ in 0..<3 {
            _ = screen.handle(.tab)
            #expect(screen.focus == .views)
            reached.append(screen.lab?.focusedView)
        }
        #expect(reached == [.boundary, .loss, .network], "the second and third views on screen take the focus too")
        #expect(focusedTitle() == "◆ Network ·")
        _ = screen.handle(.tab)
        #expect(screen.focus == .text)
        _ = screen.handle(.backTab)
        #expect(screen.focus == .views && screen.lab?.focusedView == .network, "Shift-Tab comes back to the last view")

        // 120x40 shows two of the three views, one above the other; each counts its own place.
        screen.fit(width: 120, height: 40)
        var stacked = CellBuffer(width: 120, height: 40)
        screen.render(snapshot, into: &stacked, theme: .monochrome)
        let titles = stacked.lines.filter { $0.contains(" · v ") }
        #expect(titles.count == 2 && titles[0].contains("Output · xor · v 1/3") && titles[1].contains("· v 2/3"), "\(titles)")
        #expect(screen.lab?.focusedView == .loss, "the focus moves to a view still shown")
    }

    @Test func enterOnTheNetworkDrawsOneNeuronAsLargeAsThePane() throws {
        var screen = try screen(page: 1)
        screen.fit(width: 200, height: 50)
        var snapshot = Self.snapshot(of: try #require(screen.lab?.configuration), epoch: 3, validationAccuracy: 0.5)
        snapshot.layerSizes = [2, 1]
        snapshot.neuronOutputs = [[ValueGrid(columns: 2, rows: 1, values: [-1, 1]), ValueGrid(columns: 1, rows: 2, values: [1, -1])],
                                  [ValueGrid(columns: 2, rows: 2, values: [1, -1, -1, 1])]]
        func title() -> String {
            var buffer = CellBuffer(width: 200, height: 50)
            screen.render(snapshot, into: &buffer, theme: .monochrome)
            return buffer.lines.first { $0.contains("◆") }.map { String($0[$0.firstRange(of: "◆")!.lowerBound...]) } ?? ""
        }
        for _ in 0..<4 { _ = screen.handle(.tab) }
        #expect(screen.lab?.focusedView == .network)
        _ = screen.handle(.enter)
        #expect(title().hasPrefix("◆ Neuron 1/2 of the inputs · ← → next · Enter: network"))
        _ = screen.handle(.right)
        _ = screen.handle(.right)
        #expect(title().hasPrefix("◆ Neuron 1/1 of layer 1"), "past the inputs come the layer's neurons")
        _ = screen.handle(.enter)
        #expect(title().hasPrefix("◆ Network"))
    }

    @Test func onlyTheLabsKnobsChangeAndTheRestAreLocked() throws {
        var screen = try screen(page: 1)
        let lab = try #require(screen.lab)
        #expect(lab.knobs.filter { !$0.isLocked }.map(\.id) == ["hidden", "lr"])
        _ = screen.handle(.tab)
        #expect(screen.lab?.knobs[screen.lab!.focusedKnob!].id == "hidden")
        guard case .send(.configure(let configuration)) = screen.handle(.right) else {
            Issue.record("changing an unlocked knob reconfigures the run")
            return
        }
        #expect(configuration.hidden == [2] && screen.lab?.configuration == configuration)
        _ = screen.handle(.down)
        #expect(screen.lab?.knobs[screen.lab!.focusedKnob!].id == "lr", "the focus skips locked knobs")
        _ = screen.handle(.down)
        #expect(screen.lab?.knobs[screen.lab!.focusedKnob!].id == "hidden", "and wraps")
    }

    @Test func l1AndL2UnlockTheRegularizationPairAndKnobsWithoutAControlAreNamed() throws {
        let lab = Lab(preset: "xor", settings: [], knobs: ["l2", "weight_decay", "dropout"], views: ["loss"], goal: nil, hints: [], line: 1)
        let state = try LabState(lab: lab, page: 0, goalMetBefore: false)
        #expect(state.knobs.filter { !$0.isLocked }.map(\.id) == ["regularization", "reg_rate", "dropout"])
        #expect(state.unavailableKnobs == ["weight_decay"])
        #expect(state.sessionViews == [])
    }

    @Test func theTrainerComputesOnlyTheViewsOnScreen() throws {
        var screen = try screen(page: 1)
        #expect(screen.visibleViews(width: 80, height: 24) == [], "at 80x24 the text hides the lab")
        _ = screen.handle(.tab)
        #expect(screen.visibleViews(width: 80, height: 24) == [], "boundary and loss need nothing extra")
        #expect(screen.visibleViews(width: 200, height: 50) == .neuronOutputs, "the network view fits beside them")
        _ = screen.handle(.character("v"))
        _ = screen.handle(.character("v"))
        #expect(screen.visibleViews(width: 80, height: 24) == .neuronOutputs, "v brought the network view first")
    }

    @Test func hintsAreRevealedOneAtATime() throws {
        var screen = try screen(page: 1)
        #expect(screen.lab?.hintsShown == 0)
        _ = screen.handle(.character("t"))
        #expect(screen.lab?.hintsShown == 1)
        _ = screen.handle(.character("t"))
        _ = screen.handle(.character("t"))
        #expect(screen.lab?.hintsShown == 2 && screen.notice == "no more hints")
    }

    @Test func textScrollsWhenFocusedAndStopsAtTheEnd() throws {
        var screen = try screen()
        _ = screen.handle(.down)
        _ = screen.handle(.character("j"))
        #expect(screen.textScroll == 2)
        _ = screen.handle(.pageDown)
        let paged = screen.textScroll
        #expect(paged > 10)
        for _ in 0..<100 { _ = screen.handle(.pageDown) }
        let bottom = screen.textScroll
        #expect(bottom > paged && bottom < 130)
        _ = screen.handle(.down)
        #expect(screen.textScroll == bottom)
        _ = screen.handle(.pageUp)
        #expect(screen.textScroll < bottom)
        _ = screen.handle(.character("n"))
        #expect(screen.textScroll == 0, "a new page starts at its top")
    }

    @Test func playKeysGoToTheRunOnlyWhenThereIsALab() throws {
        var screen = try screen()
        #expect(screen.handle(.character(" ")) == .none)
        _ = screen.handle(.character("n"))
        #expect(screen.handle(.character(" ")) == .send(.togglePlay))
        #expect(screen.handle(.character("s")) == .send(.step))
        #expect(screen.handle(.character("r")) == .send(.reset))
    }

    static func snapshot(of configuration: RunConfiguration, epoch: Int, validationAccuracy: Float) -> SessionSnapshot {
        var snapshot = SessionSnapshot(configuration: configuration)
        snapshot.epoch = epoch
        snapshot.testAccuracy = validationAccuracy
        snapshot.parameterCount = 3
        return snapshot
    }

    @Test func theGoalIsMetFromASnapshotAndSaved() throws {
        var screen = try screen(page: 2)
        let configuration = try #require(screen.lab?.configuration)
        screen.observe(Self.snapshot(of: configuration, epoch: 5, validationAccuracy: 0.85))
        #expect(screen.lab?.goalMet == false)
        screen.observe(Self.snapshot(of: configuration, epoch: 6, validationAccuracy: 0.91))
        #expect(screen.lab?.goalMet == true)
        #expect(screen.progress?.record(for: "sample").goalsMet == [1], "known by the page of its lab")
        _ = screen.handle(.character("p"))
        #expect(screen.lab?.goalMet == true, "the same lab keeps its tick")
    }

    @Test func aRunBeyondTheGoalsLimitsOrFromAnotherConfigurationDoesNotCount() throws {
        var screen = try screen(page: 1)
        var tooBig = try #require(screen.lab?.configuration)
        tooBig.hidden = [8]
        screen.observe(Self.snapshot(of: tooBig, epoch: 5, validationAccuracy: 1))
        #expect(screen.lab?.goalMet == false, "8 hidden neurons break the limit of 4, and the lab was not configured so")
        let lab = try #require(screen.lab)
        screen.observe(Self.snapshot(of: lab.configuration, epoch: 0, validationAccuracy: 1))
        #expect(screen.lab?.goalMet == false, "nothing counts before the first epoch")
    }

    @Test func aGoalMetBeforeShowsAsMet() throws {
        var progress = LessonProgress()
        progress.markGoalMet(lesson: "sample", page: 1)
        let screen = LessonScreen(lesson: try Self.lesson(), page: 2, progress: progress)
        #expect(screen.lab?.goalMet == true)
    }

    @Test(arguments: [(80, 24, LessonScreen.Arrangement.flipped), (100, 40, .stacked), (120, 30, .sideBySide), (200, 50, .sideBySide)])
    func arrangementByTerminalSize(width: Int, height: Int, arrangement: LessonScreen.Arrangement) {
        #expect(LessonScreen.arrangement(width: width, height: height) == arrangement)
    }

    @Test func flippedAt80x24TheFocusChoosesThePane() throws {
        var screen = try screen(page: 1)
        let configuration = try #require(screen.lab?.configuration)
        var buffer = CellBuffer(width: 80, height: 24)
        screen.render(Self.snapshot(of: configuration, epoch: 3, validationAccuracy: 0.5), into: &buffer, theme: .monochrome)
        #expect(buffer.lines[0].hasPrefix("╭ Sample · 2/4"))
        #expect(buffer.lines[1].contains("Lab one"))
        #expect(buffer.lines[22].contains("○ Goal: val accuracy ≥ 90% · at most 4 hidden neurons · now 50%"))
        #expect(buffer.lines[23].contains("Tab lab"), "Tab says it shows the lab: \(buffer.lines[23])")
        _ = screen.handle(.tab)
        buffer = CellBuffer(width: 80, height: 24)
        screen.render(SessionSnapshot(configuration: configuration), into: &buffer, theme: .monochrome)
        #expect(buffer.lines[0].hasPrefix("╭ Lab · xor"))
        #expect(buffer.lines[23].contains("Tab views"))
        #expect(buffer.lines.contains { $0.contains("Hidden") && $0.contains("◂ none ▸") })
        #expect(buffer.lines.contains { $0.contains("Optimizer") && $0.contains("⊘") }, "locked knobs are marked")
    }

    @Test func theListOfPagesJumpsToAnyPageAndStartsItsLab() throws {
        var screen = try screen()
        _ = screen.handle(.character("o"))
        #expect(screen.pageListSelection == 0)
        var buffer = CellBuffer(width: 80, height: 24)
        screen.render(nil, into: &buffer, theme: .monochrome)
        #expect(buffer.lines.contains { $0.contains("▸·1. Intro") }, "the current page is marked and seen")
        #expect(buffer.lines.contains { $0.contains("2. Lab one  ○ goal") })
        _ = screen.handle(.down)
        _ = screen.handle(.down)
        _ = screen.handle(.down)
        _ = screen.handle(.down)
        #expect(screen.pageListSelection == 3, "the list stops at the last page")
        _ = screen.handle(.up)
        guard case .startRun(let configuration, _, _) = screen.handle(.enter) else {
            Issue.record("jumping to a lab's page starts its run")
            return
        }
        #expect(configuration == screen.lab?.configuration)
        #expect(screen.page == 2 && screen.pageListSelection == nil)
        #expect(screen.lessonProgress.record(for: "sample").pagesSeen == [0, 2])
        _ = screen.handle(.character("o"))
        #expect(screen.handle(.escape) == .none && screen.pageListSelection == nil, "Esc closes the list, not the lesson")
    }
}

@Suite struct EscapeFromADetailTests {
    /// Esc goes back one level: a feature map drawn large closes first, then the lesson.
    @Test func escapeClosesAnEnlargedViewBeforeTheLesson() throws {
        let lesson = try #require(ShippedLessonTests.reports().compactMap(\.lesson).first { $0.id == "convolutions" })
        let page = try #require(lesson.pages.firstIndex { $0.lab?.views.contains("featuremaps") == true })
        var screen = LessonScreen(lesson: lesson, page: page, progress: LessonProgress())
        screen.fit(width: 120, height: 40)
        while screen.focus != .views { _ = screen.handle(.tab) }
        while screen.lab?.focusedView != .featuremaps { _ = screen.handle(.tab) }
        _ = screen.handle(.enter)
        #expect(screen.lab?.detailedView == .featuremaps)
        #expect(screen.handle(.escape) == .none)
        #expect(screen.lab?.detailedView == nil)
        #expect(screen.handle(.escape) == .close)
    }

    /// A page title longer than the text pane wraps; it is never cut mid-word.
    @Test func aLongPageTitleWraps() throws {
        let lesson = try #require(ShippedLessonTests.reports().compactMap(\.lesson).first { $0.id == "attention" })
        let page = try #require(lesson.pages.firstIndex { $0.title.hasPrefix("Why reversal cannot be learned") })
        var screen = LessonScreen(lesson: lesson, page: page, progress: LessonProgress())
        screen.fit(width: 120, height: 40)
        var buffer = CellBuffer(width: 120, height: 40)
        screen.render(nil, into: &buffer, theme: .monochrome)
        #expect(buffer.lines.contains { $0.contains("positions") }, "\(buffer.text)")
        #expect(!buffer.lines.contains { $0.contains("without posit ") })
    }
}

extension LessonScreenTests {
    /// With every view on screen, an arrow on a view without choices moves the focus to the
    /// next view instead of swapping the panes; where views are hidden it brings the next
    /// one into the focused pane.
    @Test func arrowsOnAPlainViewMoveTheFocusWhenEveryViewIsShown() throws {
        let lesson = try #require(ShippedLessonTests.reports().compactMap(\.lesson).first { $0.id == "attention" })
        var wide = LessonScreen(lesson: lesson, page: 1, progress: LessonProgress())
        wide.fit(width: 120, height: 40)
        while wide.lab?.focusedView != .loss { _ = wide.handle(.tab) }
        let position = try #require(wide.lab?.focusedPosition)
        _ = wide.handle(.right)
        #expect(wide.lab?.focusedView == .attention && wide.lab?.focusedPosition != position)
        var narrow = LessonScreen(lesson: lesson, page: 1, progress: LessonProgress())
        narrow.fit(width: 80, height: 24)
        while narrow.focus != .views { _ = narrow.handle(.tab) }
        _ = narrow.handle(.character("v"))
        #expect(narrow.lab?.focusedView == .loss)
        _ = narrow.handle(.right)
        #expect(narrow.lab?.focusedView == .attention, "one view on screen: the arrow brings the other")
    }
}

extension LessonScreenTests {
    /// A lab left for another page comes back as the learner left it: its knob changes and
    /// its met goal; the screen asks the app to resume its paused run.
    @Test func aLabLeftAndRevisitedKeepsItsKnobsAndGoal() throws {
        let lesson = try #require(ShippedLessonTests.reports().compactMap(\.lesson).first { $0.id == "optimizers" })
        var screen = LessonScreen(lesson: lesson, page: 4, progress: LessonProgress())
        screen.fit(width: 120, height: 40)
        while screen.focus != .knobs { _ = screen.handle(.tab) }
        let before = try #require(screen.lab?.configuration)
        guard case .send(.configure(let changed)) = screen.handle(.right) else {
            Issue.record("the first knob did not change")
            return
        }
        #expect(changed != before)
        for _ in 0..<3 { _ = screen.handle(.character("n")) }
        #expect(screen.lab?.page == 7)
        _ = screen.handle(.character("o"))
        for _ in 0..<3 { _ = screen.handle(.up) }
        #expect(screen.handle(.enter) == .startRun(changed, parking: 7, resuming: 4))
        #expect(screen.lab?.configuration == changed, "the knob change is still there")
    }
}
