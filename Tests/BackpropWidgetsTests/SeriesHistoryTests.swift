import Testing
@testable import BackpropWidgets

@Suite struct SeriesHistoryTests {
    @Test func keepsEveryPointUntilFull() {
        var history = SeriesHistory(capacity: 4)
        for step in 1...4 { history.append(step: step, value: Double(step)) }
        #expect(history.points == (1...4).map { SeriesPoint(step: $0, value: Double($0)) })
    }

    @Test func mergesPairsWhenFullAndKeepsTheLaterStep() {
        var history = SeriesHistory(capacity: 4)
        for step in 1...5 { history.append(step: step, value: Double(step)) }
        #expect(history.samplesPerPoint == 2)
        #expect(history.points == [
            SeriesPoint(step: 2, value: 1.5), SeriesPoint(step: 4, value: 3.5), SeriesPoint(step: 5, value: 5),
        ])
        history.append(step: 6, value: 6)
        #expect(history.points.last == SeriesPoint(step: 6, value: 5.5))
    }

    @Test func staysBoundedOverALongRun() {
        var history = SeriesHistory(capacity: 64)
        for step in 1...100_000 { history.append(step: step, value: 1) }
        #expect(history.points.count <= 65)
        #expect(history.latest?.step == 100_000)
        #expect(history.points.first!.step < 3000)
    }

    @Test func resetForgetsEverything() {
        var history = SeriesHistory(capacity: 4)
        for step in 1...9 { history.append(step: step, value: 0) }
        history.removeAll()
        #expect(history.isEmpty)
        #expect(history.samplesPerPoint == 1)
    }
}
