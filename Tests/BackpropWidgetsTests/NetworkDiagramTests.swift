import Testing
@testable import BackpropWidgets

@Suite struct NetworkDiagramTests {
    /// An output that is negative on the left half of the plane and positive on the right.
    let leftRight = ValueGrid(columns: 2, rows: 1, values: [-1, 1])
    let topBottom = ValueGrid(columns: 1, rows: 2, values: [1, -1])

    /// The strong positive edge from X1 is two dots thick, the weak negative one from X2 dashed.
    @Test func twoInputsOneNeuronInMonochrome() {
        let diagram = NetworkDiagram(
            layers: [
                [.init(output: leftRight, label: "X1"), .init(output: topBottom, label: "X2")],
                [.init(output: nil, label: "out")],
            ],
            weights: [[[1.0, -0.2]]])
        var buffer = CellBuffer(width: 24, height: 5)
        diagram.render(in: buffer.bounds, buffer: &buffer, theme: .monochrome)
        #expect(buffer.text == """
        X1   ██
             ██⠛⠛⠛⠛⠳⠶⠶⠶⠶···· out
                      ⣀ ····
        X2 ████ ⣀ ⠤ ⠉

        """)
    }

    @Test func edgesAreColouredBySign() {
        let diagram = NetworkDiagram(
            layers: [[.init(output: nil)], [.init(output: nil)]],
            weights: [[[-2]]])
        var buffer = CellBuffer(width: 20, height: 2)
        diagram.render(in: buffer.bounds, buffer: &buffer, theme: .dark256)
        let edgeCell = buffer[10, 1]
        #expect(edgeCell.character != " ")
        #expect(edgeCell.style == Theme.dark256.negative)
    }

    @Test func selectedNeuronIsMarked() {
        let diagram = NetworkDiagram(
            layers: [[.init(output: nil)], [.init(output: nil), .init(output: nil)]],
            weights: [[[0], [0]]],
            selected: NeuronPosition(layer: 1, neuron: 1))
        var buffer = CellBuffer(width: 20, height: 5)
        diagram.render(in: buffer.bounds, buffer: &buffer, theme: .monochrome)
        #expect(buffer.lines[3].contains("▸····"))
    }
}

@Suite struct NetworkDiagramOverflowTests {
    /// Four neurons in a three-row area: two shown, then a count of the other two.
    @Test func aColumnTallerThanTheAreaCountsWhatItHides() {
        let diagram = NetworkDiagram(
            layers: [[.init(output: nil)], (0..<4).map { _ in .init(output: nil) }],
            weights: [[[1], [1], [1], [1]]])
        var buffer = CellBuffer(width: 16, height: 3)
        diagram.render(in: buffer.bounds, buffer: &buffer, theme: .monochrome)
        #expect(buffer.lines[2].hasSuffix("+2"))
        #expect(buffer.lines.allSatisfy { $0.count <= 16 })
        var framed = CellBuffer(width: 16, height: 5)
        diagram.render(in: Rect(x: 0, y: 1, width: 16, height: 3), buffer: &framed, theme: .monochrome)
        #expect(framed.lines[4].isEmpty, "nothing is drawn below the area")
    }
}

extension NetworkDiagramTests {
    /// Four weights, one per level: each edge is drawn differently from the others, so |w|
    /// reads without colour.
    @Test func edgesHaveFourWeightsByMagnitude() {
        let diagram = NetworkDiagram(layers: [(0..<4).map { _ in .init(output: nil) }, [.init(output: nil)]],
                                     weights: [[[1.0, 0.4, 0.2, 0.05]]])
        var buffer = CellBuffer(width: 20, height: 8)
        diagram.render(in: buffer.bounds, buffer: &buffer, theme: .monochrome)
        #expect(buffer.text == """
        ····
        ····⠛⠶⣤⣄⡀
        ····   ⠈⠙⠛⠶⢦⣄⣀
        ····⠉⠉⠉⠒⠒⠒⠒⠒⠚⠭⠿⠶····
        ····  ⣀ ⡠ ⠤ ⠒ ⡊ ····
        ····⠉     ⡀ ⠂
        ····  ⠄ ⠂
        ····⠁
        """)
    }
}
