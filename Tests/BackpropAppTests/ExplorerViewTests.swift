import BackpropEngine
import BackpropLessons
import BackpropWidgets
import Foundation
import Testing
@testable import BackpropApp

/// The graph and loss views of lessons 2 and 4, drawn by the lesson screen from a real
/// session at the smallest terminal (the lab pane flipped in) and a large one.
@Suite struct ExplorerViewTests {
    func screen(_ id: String, page: Int = 0) throws -> LessonScreen {
        let lesson = try #require(ShippedLessonTests.reports().compactMap(\.lesson).first { $0.id == id })
        return LessonScreen(lesson: lesson, page: page, progress: LessonProgress())
    }

    /// The first snapshot computed for `views`; with the graph view, the first holding a graph
    /// unless `expectingGraph` is false.
    func sessionSnapshot(_ configuration: RunConfiguration, views: SessionViews, expectingGraph: Bool = true) -> SessionSnapshot? {
        let session = TrainingSession(configuration: configuration, seed: 1)
        defer { session.stop() }
        session.send(.show(views))
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            let snapshot = session.latest().snapshot
            let graphReady = !expectingGraph || !views.contains(.computationGraph) || snapshot.computationGraph != nil
            if snapshot.views == views && graphReady { return snapshot }
            usleep(5_000)
        }
        return nil
    }

    /// Tab until the views have the focus (the lab pane replaces the text at 80x24).
    func focusViews(_ screen: inout LessonScreen) {
        for _ in 0..<3 where screen.focus != .views { _ = screen.handle(.tab) }
    }

    @Test func graphViewAt80x24And200x50() throws {
        var screen = try screen("forward-backward")
        let configuration = try #require(screen.runConfiguration)
        #expect(screen.visibleViews(width: 80, height: 24).isEmpty, "at 80x24 the text comes first")
        let snapshot = try #require(sessionSnapshot(configuration, views: screen.visibleViews(width: 200, height: 50)))
        let graph = try #require(snapshot.computationGraph)

        var large = CellBuffer(width: 200, height: 50)
        screen.render(snapshot, into: &large, theme: .monochrome)
        print(large.text)
        #expect(large.text.contains("forward · operation 1 of 22") && large.text.contains("z1 = w11·x1 + w12·x2 + b1"))
        #expect(large.text.contains("─┬─▶ z1") && large.text.contains("─┴─▶ z2"), "a large view draws the graph itself")
        #expect(large.text.contains("─┤─▶ o ") == false && large.text.contains("├─▶ o "))

        focusViews(&screen)
        #expect(screen.visibleViews(width: 80, height: 24).contains(.computationGraph))
        for _ in 0..<7 {
            guard case .send(.viewControl(view: "graph", _)) = screen.handle(.right) else {
                Issue.record("→ on the graph view moves its control")
                return
            }
        }
        var small = CellBuffer(width: 80, height: 24)
        screen.render(snapshot, into: &small, theme: .monochrome)
        print(small.text)
        #expect(small.text.contains("backward · operation 8 of 22") && small.text.contains("∂L/∂o = bce′(o) × ∂L/∂L"))
        let output = ComputationGraph.format(graph.nodes[6].gradient!)
        #expect(small.text.contains("= \(output) × 1.0000 = \(output)"), "the chain-rule product of the edge")
        for name in ComputationGraph.parameterNames {
            #expect(small.lines.contains { $0.contains("│ \(name) ") }, "the \(name) row fits at 80x24")
        }
        #expect(small.text.contains("View: ← → one operation"), "the footer says what the keys do")
        #expect(screen.handle(.enter) == .send(.viewAction(view: "graph")))
    }

    @Test func graphViewExplainsAnotherShape() throws {
        let screen = try screen("forward-backward")
        var configuration = try #require(screen.runConfiguration)
        try configuration.apply("hidden=3")
        let snapshot = try #require(sessionSnapshot(configuration, views: [.computationGraph], expectingGraph: false))
        #expect(snapshot.computationGraph == nil)
        var buffer = CellBuffer(width: 200, height: 50)
        screen.render(snapshot, into: &buffer, theme: .monochrome)
        #expect(buffer.text.contains("This view unrolls a 2-2-1 network"))
    }

    @Test func lossViewAt80x24And200x50() throws {
        var screen = try screen("losses")
        let configuration = try #require(screen.runConfiguration)
        let snapshot = try #require(sessionSnapshot(configuration, views: []))
        var large = CellBuffer(width: 200, height: 50)
        screen.render(snapshot, into: &large, theme: .monochrome)
        print(large.text)
        let crossEntropy = LossExplorer.evaluate(.crossEntropy, prediction: [0.2, 0.7, 0.1], trueClass: 0)
        #expect(large.text.contains("cross_entropy  " + String(format: "%.4f", crossEntropy.loss)))
        #expect(large.text.contains("true class at p = 0.01"))

        focusViews(&screen)
        for _ in 0..<10 { _ = screen.handle(.right) }
        var small = CellBuffer(width: 80, height: 24)
        screen.render(snapshot, into: &small, theme: .monochrome)
        print(small.text)
        #expect(small.text.contains("true class at p = 0.50"))
        #expect(small.text.contains("MSE on sigmoid    0.2500    0.2500"))
        #expect(small.text.contains("loss vs p") && small.text.contains("|∂L/∂z| vs p"), "both charts fit at 80x24")
        for kind in LossExplorer.kinds { #expect(small.text.contains("│ \(kind.rawValue) "), "\(kind) row") }
    }
}
