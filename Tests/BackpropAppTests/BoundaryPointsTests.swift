import BackpropData
import BackpropWidgets
import Testing
@testable import BackpropApp

@Suite("The boundary view's data points")
struct BoundaryPointsTests {
    func snapshot() -> SessionSnapshot {
        var snapshot = SessionSnapshot(configuration: Preset.playground.configuration)
        snapshot.boundaryColumns = 4
        snapshot.boundaryRows = 4
        snapshot.boundary = [Float](repeating: 0, count: 16)
        snapshot.trainPoints = [PlaygroundPoint(x1: -4, x2: 4, label: 1), PlaygroundPoint(x1: 4, x2: -4, label: 0)]
        snapshot.testPoints = [PlaygroundPoint(x1: 0, x2: 0, label: 1)]
        return snapshot
    }

    func marks(_ shown: RunViews.DataPoints) -> (train: Int, test: Int, title: String) {
        var buffer = CellBuffer(width: 50, height: 12)
        RunViews.boundary(snapshot(), points: shown, in: buffer.bounds, buffer: &buffer, theme: .dark256)
        let text = buffer.lines.joined()
        return (text.filter { $0 == "●" }.count, text.filter { $0 == "○" }.count, buffer.lines[0])
    }

    @Test func mThinsThePointsOutSoTheBoundaryShows() {
        #expect(marks(.all).train == 2 && marks(.all).test == 1)
        #expect(marks(.test).train == 0 && marks(.test).test == 1 && marks(.test).title.contains("val points"))
        #expect(marks(.none).train == 0 && marks(.none).test == 0 && marks(.none).title.contains("no points"))
        var screen = PlaygroundScreen(configuration: Preset.playground.configuration)
        _ = screen.handle(.character("m"))
        #expect(screen.dataPoints == .test)
        _ = screen.handle(.character("m"))
        _ = screen.handle(.character("m"))
        #expect(screen.dataPoints == .all, "m cycles back to every point")
    }
}
