import Testing
@testable import BackpropWidgets

@Suite struct HeatmapTests {
    /// A 4x4 grid running from -1 on the left to +1 on the right.
    let gradient = ValueGrid(columns: 4, rows: 4, values: (0..<16).map { Float($0 % 4) / 1.5 - 1 })

    @Test func halfBlocksCarryTwoPixelsPerCellIn256Colours() {
        let grid = ValueGrid(columns: 1, rows: 2, values: [-1, 1])
        var buffer = CellBuffer(width: 1, height: 1)
        Heatmap(grid: grid).render(in: buffer.bounds, buffer: &buffer, theme: .dark256)
        #expect(buffer.text == "▀")
        #expect(buffer[0, 0].style.foreground == Theme.dark256.divergingRamp.first)
        #expect(buffer[0, 0].style.background == Theme.dark256.divergingRamp.last)
    }

    @Test func monochromeShadesRunFromLightForNegativeToDarkForPositive() {
        var buffer = CellBuffer(width: 8, height: 2)
        Heatmap(grid: gradient).render(in: buffer.bounds, buffer: &buffer, theme: .monochrome)
        #expect(buffer.lines == ["  ░░▓▓██", "  ░░▓▓██"])
    }

    @Test func eightColoursShadeByMagnitudeAndColourBySign() {
        var buffer = CellBuffer(width: 4, height: 1)
        Heatmap(grid: gradient).render(in: buffer.bounds, buffer: &buffer, theme: .basic8)
        #expect(buffer.lines == ["█░░█"])
        #expect(buffer[0, 0].style.foreground == .yellow)
        #expect(buffer[3, 0].style.foreground == .blue)
    }

    @Test func pointsShowClassAndSetInMonochrome() {
        let points = [
            HeatmapPoint(x: 0, y: 1, classIndex: 0, isTest: false),
            HeatmapPoint(x: 1, y: 0, classIndex: 1, isTest: true),
        ]
        var buffer = CellBuffer(width: 8, height: 2)
        Heatmap(grid: gradient, points: points).render(in: buffer.bounds, buffer: &buffer, theme: .monochrome)
        #expect(buffer.lines == ["o ░░▓▓██", "  ░░▓▓█x"])
        #expect(buffer[7, 1].style.attributes.contains(.reverse))
        #expect(!buffer[0, 0].style.attributes.contains(.reverse))
    }

    @Test func pointsInColourAreDotsAndRingsOnWhite() {
        let points = [HeatmapPoint(x: 0.5, y: 0.5, classIndex: 1, isTest: true)]
        var buffer = CellBuffer(width: 3, height: 3)
        Heatmap(grid: gradient, points: points).render(in: buffer.bounds, buffer: &buffer, theme: .dark256)
        #expect(buffer.lines == ["▀▀▀", "▀○▀", "▀▀▀"])
        #expect(buffer[1, 1].style == Style(foreground: Theme.dark256.classColors[1], background: .indexed(231), attributes: .bold))
    }

    @Test func anExplicitRangeCentresTheMapOnItsMiddle() {
        let probabilities = ValueGrid(columns: 3, rows: 1, values: [0, 0.5, 1])
        var buffer = CellBuffer(width: 3, height: 1)
        Heatmap(grid: probabilities, range: 0...1).render(in: buffer.bounds, buffer: &buffer, theme: .monochrome)
        #expect(buffer.lines == [" ▒█"])
    }
}
