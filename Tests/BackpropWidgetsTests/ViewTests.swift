import Testing
@testable import BackpropWidgets

@Suite struct StatusBarTests {
    @Test func hintsOnTheLeftStatusOnTheRightAndWholeHintsDroppedButHelpKept() {
        let bar = StatusBar(hints: [KeyHint("Space", "play"), KeyHint("s", "step"), KeyHint("r", "reset"), KeyHint("?", "help")],
                            status: "epoch 12")
        var buffer = CellBuffer(width: 40, height: 1)
        bar.render(in: buffer.bounds, buffer: &buffer, theme: .dark256)
        #expect(buffer.lines == [" Space play  s step  ? help    epoch 12"])
        #expect(buffer[1, 0].style == Theme.dark256.accent)
        #expect(buffer[7, 0].style == Theme.dark256.dimText)
    }
}

@Suite struct StatusPartTests {
    @Test func aNarrowLineDropsTheLowestRankedPartsBeforeCuttingTheNotice() {
        let parts = [StatusBar.Part("page 5/8", rank: 2), StatusBar.Part("epoch 0", rank: 5), StatusBar.Part("lr 1e-5", rank: 1),
                     StatusBar.Part("paused", rank: 6), StatusBar.Part("reset: the same starting weights (g for new ones)", rank: 7)]
        let bar = StatusBar(hints: [KeyHint("n/p", "page"), KeyHint("?", "help")], parts: parts)
        var buffer = CellBuffer(width: 80, height: 1)
        bar.render(in: buffer.bounds, buffer: &buffer, theme: .monochrome)
        let line = buffer.lines[0]
        #expect(line.hasSuffix("epoch 0 · paused · reset: the same starting weights (g for new ones)"), "\(line)")
        #expect(line.contains("? help") && !line.contains("lr 1e-5"), "\(line)")
        // Wide enough for everything: nothing dropped, in the given order.
        #expect(StatusBar.status(of: parts, width: 200) == parts.map(\.text).joined(separator: " · "))
        // A lone part too long for the line still ends at a word with an ellipsis.
        #expect(StatusBar.status(of: parts, width: 20) == "reset: the same…")
    }
}

@Suite struct PanelTests {
    @Test func drawsABorderWithATitleAndReturnsTheInside() {
        var buffer = CellBuffer(width: 12, height: 4)
        let inside = Panel(title: "Loss").render(in: buffer.bounds, buffer: &buffer, theme: .monochrome)
        #expect(inside == Rect(x: 1, y: 1, width: 10, height: 2))
        #expect(buffer.text == """
        ╭ Loss ────╮
        │          │
        │          │
        ╰──────────╯
        """)
    }
}

@Suite struct HelpOverlayTests {
    @Test func listsEveryKeyInACentredBox() {
        let help = HelpOverlay(sections: [
            .init("Training", [KeyHint("Space", "play / pause"), KeyHint("s", "step one batch")]),
            .init("Other", [KeyHint("q", "back / quit")]),
        ])
        var buffer = CellBuffer(width: 32, height: 12, filledWith: Cell("."))
        help.render(in: buffer.bounds, buffer: &buffer, theme: .monochrome)
        #expect(buffer.text == """
        ................................
        ..╭ Keys ───────────────────╮...
        ..│ Training                │...
        ..│ Space  play / pause     │...
        ..│ s      step one batch   │...
        ..│                         │...
        ..│ Other                   │...
        ..│ q      back / quit      │...
        ..│                         │...
        ..│ press ? or Esc to close │...
        ..╰─────────────────────────╯...
        ................................
        """)
    }

    static let threeSections = HelpOverlay(sections: [
        .init("Training", [KeyHint("Space", "play / pause"), KeyHint("s", "step")]),
        .init("Knobs", [KeyHint("↑ ↓", "choose"), KeyHint("← →", "change")]),
        .init("Screen", [KeyHint("?", "this help"), KeyHint("q", "quit")]),
    ])

    @Test func dropsTheBlankLinesBetweenSectionsWhenShort() {
        var buffer = CellBuffer(width: 32, height: 13, filledWith: Cell("."))
        Self.threeSections.render(in: buffer.bounds, buffer: &buffer, theme: .monochrome)
        #expect(buffer.text == """
        ..╭ Keys ───────────────────╮...
        ..│ Training                │...
        ..│ Space  play / pause     │...
        ..│ s      step             │...
        ..│ Knobs                   │...
        ..│ ↑ ↓    choose           │...
        ..│ ← →    change           │...
        ..│ Screen                  │...
        ..│ ?      this help        │...
        ..│ q      quit             │...
        ..│                         │...
        ..│ press ? or Esc to close │...
        ..╰─────────────────────────╯...
        """)
    }

    @Test func setsTheSectionsInTwoColumnsWhenStillTooTall() {
        var buffer = CellBuffer(width: 44, height: 9, filledWith: Cell("."))
        Self.threeSections.render(in: buffer.bounds, buffer: &buffer, theme: .monochrome)
        #expect(buffer.text == """
        ..╭ Keys ────────────────────────────────╮..
        ..│ Training              Knobs          │..
        ..│ Space  play / pause   ↑ ↓  choose    │..
        ..│ s      step           ← →  change    │..
        ..│                       Screen         │..
        ..│                       ?    this help │..
        ..│                       q    quit      │..
        ..│ press ? or Esc to close              │..
        ..╰──────────────────────────────────────╯..
        """)
    }
}

@Suite struct TerminalTooSmallViewTests {
    @Test func saysHowBigTheTerminalMustBe() {
        let view = TerminalTooSmallView()
        #expect(!view.fits(width: 79, height: 24))
        #expect(view.fits(width: 80, height: 24))
        var buffer = CellBuffer(width: 40, height: 5)
        view.render(in: buffer.bounds, buffer: &buffer, theme: .monochrome)
        #expect(buffer.lines == [
            "",
            "       Terminal too small (40x5)",
            "       enlarge to at least 80x24",
            "                q quits",
            "",
        ])
    }

    @Test func wrapsOnAVeryNarrowTerminal() {
        var buffer = CellBuffer(width: 12, height: 8)
        TerminalTooSmallView().render(in: buffer.bounds, buffer: &buffer, theme: .monochrome)
        #expect(buffer.lines == ["", "Terminal too", "small (12x8)", " enlarge to", "  at least", "   80x24", "  q quits", ""])
    }

    @Test func wordWrapSplitsLongWords() {
        #expect(WordWrap.lines(of: "a backpropagation step", width: 8) == ["a", "backprop", "agation", "step"])
    }
}
