import Testing
@testable import BackpropWidgets

@Suite struct CodeOverlayTests {
    @Test func longLinesGoOnAfterAMarkAndNothingIsLost() {
        let text = "short\n    a_long_call(first_argument, second_argument, third_argument)\n"
        let rows = CodeOverlay.rows(of: text, width: 30)
        #expect(rows.first == "short")
        #expect(rows.allSatisfy { $0.count <= 30 })
        #expect(rows.dropFirst(2).first?.hasPrefix("↪ ") == true)
        // Rejoined without the marks, the rows are the text.
        let rejoined = rows.map { $0.hasPrefix("↪ ") ? String($0.dropFirst(2)) : "\n" + $0 }.joined().dropFirst()
        #expect(String(rejoined) == text)
        #expect(rows[2].hasSuffix(" "), "the break is after a space when one is in the second half: \(rows)")
    }

    @Test func theBoxShowsWhereItIsAndScrollsToTheEnd() {
        let text = (1...100).map { "line \($0)" }.joined(separator: "\n")
        let bounds = Rect(x: 0, y: 0, width: 80, height: 24)
        let last = CodeOverlay.maximumFirstRow(text: text, in: bounds)
        #expect(last == 100 - CodeOverlay.textArea(in: bounds).height)
        var buffer = CellBuffer(width: 80, height: 24)
        CodeOverlay(title: "Take it to PyTorch · model.py", text: text, firstRow: last).render(in: bounds, buffer: &buffer, theme: .monochrome)
        #expect(buffer.text.contains("line 100"))
        #expect(buffer.text.contains("of 100"))
        #expect(buffer.lines[0].contains("Take it to PyTorch · model.py"))
    }
}
