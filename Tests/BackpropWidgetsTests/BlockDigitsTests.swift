import Testing
@testable import BackpropWidgets

@Suite struct BlockDigitsTests {
    @Test func aNumberIsDrawnInBlocksTwoCellsPerSquareAcross() {
        var buffer = CellBuffer(width: 30, height: 5)
        #expect(BlockDigits("95%").render(in: buffer.bounds, buffer: &buffer, style: .plain))
        // 3 glyphs of 3 squares and 2 gaps: 11 squares, 22 cells, centred in 30.
        #expect(buffer.lines == [
            "    ██████  ██████  ██  ██",
            "    ██  ██  ██          ██",
            "    ██████  ██████    ██",
            "        ██      ██  ██",
            "    ██████  ██████  ██  ██",
        ])
    }

    @Test func theScaleIsTheLargestThatFitsAndNothingIsDrawnWhenNoneDoes() {
        #expect(BlockDigits.scale(for: "0.5", width: 22, height: 5) == 1)
        #expect(BlockDigits.scale(for: "0.5", width: 44, height: 10) == 2)
        #expect(BlockDigits.scale(for: "0.5", width: 44, height: 9) == 1)
        #expect(BlockDigits.scale(for: "0.5", width: 21, height: 5) == nil)
        #expect(!BlockDigits.canDraw("1e-3"), "no glyph for e: the caller writes it as text")
        var buffer = CellBuffer(width: 10, height: 3)
        #expect(!BlockDigits("42").render(in: buffer.bounds, buffer: &buffer, style: .plain))
        #expect(buffer.lines.allSatisfy { $0.allSatisfy { $0 == " " } })
    }
}
