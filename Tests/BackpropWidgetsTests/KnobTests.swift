import Testing
@testable import BackpropWidgets

@Suite struct KnobTests {
    static let learningRates: [Double] = [0.00001, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10]
    let learningRate = Knob(id: "learning_rate", label: "Learning rate",
                            setting: .number(value: 0.03, range: 0.00001...10, steps: .ladder(learningRates), format: .compact))
    let batchSize = Knob(id: "batch_size", label: "Batch size",
                         setting: .number(value: 10, range: 1...30, steps: .linear(1), format: .integer))
    let activation = Knob(id: "activation", label: "Activation",
                          setting: .choice(options: ["ReLU", "Tanh", "Sigmoid", "Linear"], selected: 1))
    let discretize = Knob(id: "discretize", label: "Discretize", setting: .toggle(isOn: false))

    @Test func ladderStepsMoveToTheNeighbouringRungAndStopAtTheEnds() {
        #expect(learningRate.increased().numericValue == 0.1)
        #expect(learningRate.decreased().decreased().numericValue == 0.003)
        var knob = learningRate
        for _ in 0..<20 { knob = knob.increased() }
        #expect(knob.numericValue == 10)
        #expect(knob.displayValue == "10")
    }

    @Test func aValueBetweenRungsMovesToTheNearestRungInThatDirection() {
        var knob = learningRate
        knob.setting = .number(value: 0.05, range: 0.00001...10, steps: .ladder(Self.learningRates), format: .compact)
        #expect(knob.increased().numericValue == 0.1)
        #expect(knob.decreased().numericValue == 0.03)
    }

    @Test func linearStepsRespectBounds() {
        #expect(batchSize.increased().numericValue == 11)
        var knob = batchSize
        for _ in 0..<40 { knob = knob.decreased() }
        #expect(knob.numericValue == 1)
    }

    @Test func linearStepsSnapToTheGrid() {
        #expect(NumericSteps.linear(0.05).next(after: 0.07, upward: true) == 0.1)
        #expect(NumericSteps.linear(0.05).next(after: 0.07, upward: false) == 0.05)
        #expect(NumericSteps.linear(0.1).next(after: 0.3, upward: true) == 0.4)
    }

    @Test func logarithmicStepsMultiplyAndClamp() {
        let knob = Knob(id: "l2", label: "L2 rate", setting: .number(value: 0.001, range: 0...0.01, steps: .logarithmic(factor: 10), format: .compact))
        #expect(knob.increased().numericValue == 0.01)
        #expect(knob.increased().increased().numericValue == 0.01)
        #expect(knob.decreased().displayValue == "1e-4")
    }

    @Test func choicesCycleBothWays() {
        #expect(activation.increased().selectedOption == "Sigmoid")
        #expect(activation.decreased().decreased().selectedOption == "Linear")
    }

    /// A delay of 5 pressed ← stays 5: it does not jump to the longest delay.
    @Test func aScaleOfNumbersStopsAtItsEnds() {
        let delay = Knob(id: "delay", label: "Delay", setting: .choice(options: ["5", "10", "200"], selected: 0))
        #expect(delay.decreased().selectedOption == "5")
        #expect(delay.increased().increased().increased().selectedOption == "200")
        #expect(Knob.isScale(["0.1", "0.5", "1"]) && !Knob.isScale(["5", "1"]) && !Knob.isScale(["off", "1"]))
    }

    @Test func togglesFlip() {
        #expect(discretize.toggled().isOn == true)
        #expect(discretize.toggled().toggled().isOn == false)
        #expect(discretize.increased().displayValue == "on")
    }

    @Test func lockedKnobsNeverChange() {
        var locked = learningRate
        locked.isLocked = true
        #expect(locked.increased() == locked)
        #expect(locked.decreased() == locked)
        #expect(locked.toggled() == locked)
    }

    @Test func numberFormats() {
        #expect(NumberFormat.percent.string(for: 0.7) == "70%")
        #expect(NumberFormat.decimals(2).string(for: 0.5) == "0.5")
        #expect(NumberFormat.integer.string(for: 7.6) == "8")
    }
}

@Suite struct KnobPanelTests {
    @Test func focusedKnobShowsArrowsAndLockedKnobsShowTheLockMark() {
        var locked = KnobTests().activation
        locked.isLocked = true
        let panel = KnobPanel(knobs: [KnobTests().learningRate, KnobTests().batchSize, locked, KnobTests().discretize], focusedIndex: 1)
        var buffer = CellBuffer(width: 26, height: 4)
        panel.render(in: buffer.bounds, buffer: &buffer, theme: .monochrome)
        #expect(buffer.text == """
         Learning rate       0.03
         Batch size        ◂ 10 ▸
         Activation        Tanh ⊘
         Discretize           off
        """)
        #expect(buffer[0, 1].style == Theme.monochrome.focus)
        #expect(buffer[1, 2].style == Theme.monochrome.lockedKnob)
    }

    @Test func scrollsToKeepTheFocusedKnobVisible() {
        let knobs = (1...6).map { Knob(id: "k\($0)", label: "knob \($0)", setting: .toggle(isOn: true)) }
        var buffer = CellBuffer(width: 15, height: 2)
        KnobPanel(knobs: knobs, focusedIndex: 4).render(in: buffer.bounds, buffer: &buffer, theme: .monochrome)
        #expect(buffer.lines == ["↑knob 4     on", "↓knob 5 ◂ on ▸"], "knobs 1–3 above, 6 below")
    }
}

extension KnobTests {
    /// A focused knob's arrows leave a long label too little room: its short form is shown
    /// whole rather than the label cut.
    @Test func aLongLabelGivesWayToItsShortForm() {
        let initialization = Knob(id: "init", label: "Initialization", shortLabel: "Init.",
                                  setting: .choice(options: ["xavier", "he"], selected: 0))
        var buffer = CellBuffer(width: 26, height: 2)
        KnobPanel(knobs: [initialization, initialization], focusedIndex: 0).render(in: buffer.bounds, buffer: &buffer, theme: .monochrome)
        #expect(buffer.lines == [" Init.         ◂ xavier ▸", " Initialization    xavier"])
    }

    /// A value too long for the label's short form and the arrows closes the arrows up on
    /// it, then loses its middle; the arrows stay (without colour they alone mark the focus)
    /// and the label is never cut.
    @Test func aLongValueGivesWayBeforeTheLabel() {
        let schedule = Knob(id: "schedule", label: "LR schedule", shortLabel: "Schedule",
                            setting: .choice(options: ["warmup-cosine:100", "cosine"], selected: 0))
        var lockedSchedule = schedule
        lockedSchedule.isLocked = true
        var buffer = CellBuffer(width: 26, height: 3)
        KnobPanel(knobs: [schedule, schedule, lockedSchedule], focusedIndex: 0).render(in: buffer.bounds, buffer: &buffer, theme: .monochrome)
        #expect(buffer.lines[0].hasPrefix(" Schedule ◂") && buffer.lines[0].hasSuffix("100▸"), "\(buffer.lines[0])")
        #expect(Array(buffer.lines[1...]) == [" Schedule warm…cosine:100", "⊘Schedule warm…cosine:100"],
                "a locked value too long for its mark carries the mark in the first column")
        var narrow = CellBuffer(width: 22, height: 1)
        KnobPanel(knobs: [schedule], focusedIndex: 0).render(in: narrow.bounds, buffer: &narrow, theme: .monochrome)
        #expect(narrow.lines[0].hasPrefix(" Schedule ◂") && narrow.lines[0].hasSuffix("▸") && narrow.lines[0].contains("…"), "\(narrow.lines[0])")
        var fits = CellBuffer(width: 26, height: 1)
        let step = Knob(id: "schedule", label: "LR schedule", shortLabel: "Schedule", setting: .choice(options: ["step:400:0.5"], selected: 0))
        KnobPanel(knobs: [step], focusedIndex: 0).render(in: fits.bounds, buffer: &fits, theme: .monochrome)
        #expect(fits.lines == [" Schedule  ◂step:400:0.5▸"])
    }
}

/// A locked value that fits only without its mark is drawn whole: the mark moves to the
/// row's first column rather than cutting `sinusoidal` into `sinu…dal`.
@Test func aLockedValueStaysWholeWhenItsMarkMoves() {
    var positions = Knob(id: "positional", label: "Pos", setting: .choice(options: ["sinusoidal", "none"], selected: 0))
    positions.isLocked = true
    var buffer = CellBuffer(width: 16, height: 1)
    KnobPanel(knobs: [positions]).render(in: buffer.bounds, buffer: &buffer, theme: .monochrome)
    #expect(buffer.lines == ["⊘Pos sinusoidal"])
    var wide = CellBuffer(width: 18, height: 1)
    KnobPanel(knobs: [positions]).render(in: wide.bounds, buffer: &wide, theme: .monochrome)
    #expect(wide.lines == [" Pos sinusoidal ⊘"])
}

/// Five knobs in three rows: an arrow in the first column says more knobs are below, or above.
@Test func aScrolledKnobColumnPointsAtTheKnobsItHides() {
    let knobs = (1...5).map { Knob(id: "k\($0)", label: "Knob \($0)", setting: .toggle(isOn: false)) }
    var top = CellBuffer(width: 16, height: 3)
    KnobPanel(knobs: knobs, focusedIndex: 0).render(in: top.bounds, buffer: &top, theme: .monochrome)
    #expect(top.lines[0].hasPrefix(" Knob 1") && top.lines[2].hasPrefix("↓Knob 3"), "\(top.lines)")
    var bottom = CellBuffer(width: 16, height: 3)
    KnobPanel(knobs: knobs, focusedIndex: 4).render(in: bottom.bounds, buffer: &bottom, theme: .monochrome)
    #expect(bottom.lines[0].hasPrefix("↑Knob 3") && bottom.lines[2].hasPrefix(" Knob 5"), "\(bottom.lines)")
}
