import Testing
@testable import BackpropWidgets

@Suite struct CellBufferTests {
    @Test func writesAreClippedToTheRectAndTheBuffer() {
        var buffer = CellBuffer(width: 8, height: 3)
        buffer.write("hello world", x: 2, y: 0, style: .plain)
        buffer.write("clipped", x: -2, y: 1, style: .plain, clip: Rect(x: 0, y: 1, width: 4, height: 1))
        buffer.write("outside", x: 0, y: 5, style: .plain)
        #expect(buffer.lines == ["  hello", "ippe", ""])
    }

    @Test func fillAndStyleChangeOnlyTheirRect() {
        var buffer = CellBuffer(width: 5, height: 3)
        buffer.fill(Rect(x: 1, y: 1, width: 10, height: 1), with: Cell("#"))
        buffer.setStyle(Style(attributes: .bold), in: Rect(x: 0, y: 1, width: 2, height: 1))
        #expect(buffer.text == "\n ####\n")
        #expect(buffer[1, 1] == Cell("#", style: Style(attributes: .bold)))
        #expect(buffer[2, 1].style == .plain)
    }

    @Test func writeReturnsTheColumnAfterTheText() {
        var buffer = CellBuffer(width: 10, height: 1)
        let end = buffer.write("abc", x: 1, y: 0, style: .plain)
        #expect(end == 4)
    }
}

@Suite struct ColorTests {
    @Test func paletteColoursFallBackToTheNearestBasicColour() {
        #expect(Color.indexed(208).nearestBasic == .yellow)
        #expect(Color.indexed(25).nearestBasic == .blue)
        #expect(Color.indexed(240).nearestBasic == .black)
        #expect(Color.indexed(255).nearestBasic == .white)
        #expect(Color.indexed(9).nearestBasic == .red)
        #expect(Color.green.nearestBasic == .green)
    }

    /// Control characters and wide characters from untrusted text take one cell each, as `�`:
    /// the border after them stays where the layout put it.
    @Test func controlAndWideCharactersTakeOneCell() {
        var buffer = CellBuffer(width: 12, height: 1)
        let end = buffer.write("a\rb\u{8}c\u{1B}中😀d", x: 0, y: 0, style: .plain)
        buffer.put("|", x: end, y: 0, style: .plain)
        #expect(end == 9)
        #expect(buffer.lines[0] == "a�b�c���d|")
    }
}
