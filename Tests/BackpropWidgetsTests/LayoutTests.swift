import Testing
@testable import BackpropWidgets

@Suite struct LayoutTests {
    let area = Rect(x: 0, y: 0, width: 80, height: 24)

    @Test func fixedLengthsThenFillTakesTheRest() {
        let rows = area.split(.vertical, [.length(1), .fill(1), .length(1)])
        #expect(rows.map(\.height) == [1, 22, 1])
        #expect(rows.map(\.y) == [0, 1, 23])
    }

    @Test func percentagesAndRatiosShareTheWidth() {
        let columns = area.split(.horizontal, [.percentage(25), .ratio(1, 2), .fill(1)])
        #expect(columns.map(\.width) == [20, 40, 20])
        #expect(columns.map(\.x) == [0, 20, 60])
    }

    @Test func fillWeightsAndSpacing() {
        let columns = Rect(x: 2, y: 0, width: 32, height: 1).split(.horizontal, [.fill(1), .fill(2)], spacing: 2)
        #expect(columns == [Rect(x: 2, y: 0, width: 10, height: 1), Rect(x: 14, y: 0, width: 20, height: 1)])
    }

    @Test func minimumsGrowWhenNothingFills() {
        let columns = area.split(.horizontal, [.length(30), .min(10)])
        #expect(columns.map(\.width) == [30, 50])
        let withFill = area.split(.horizontal, [.min(10), .fill(1)])
        #expect(withFill.map(\.width) == [10, 70])
    }

    @Test func tooSmallAreasShrinkTheLastPiecesFirst() {
        let columns = Rect(x: 0, y: 0, width: 10, height: 1).split(.horizontal, [.length(6), .length(6), .length(6)])
        #expect(columns.map(\.width) == [6, 4, 0])
    }

    @Test func centeringClipsToTheRect() {
        #expect(area.centered(width: 20, height: 4) == Rect(x: 30, y: 10, width: 20, height: 4))
        #expect(Rect(x: 0, y: 0, width: 10, height: 2).centered(width: 20, height: 4) == Rect(x: 0, y: 0, width: 10, height: 2))
    }
}
