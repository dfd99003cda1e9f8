import Testing
@testable import BackpropApp
@testable import BackpropWidgets

@Suite struct ThroughputMeterTests {
    @Test func noRateBeforeAWholeWindow() {
        var meter = ThroughputMeter()
        meter.note(samples: 0, at: 10)
        meter.note(samples: 640, at: 10.5)
        #expect(meter.samplesPerSecond == nil)
        meter.note(samples: 1280, at: 11)
        #expect(meter.samplesPerSecond == 1280)
    }

    @Test func theRateFollowsTheLastSecondNotTheWholeRun() {
        var meter = ThroughputMeter()
        var samples = 0
        // Two seconds at 1,000 samples a second, then two at 4,000, in tenths of a second.
        for tenth in 0...40 {
            meter.note(samples: samples, at: Double(tenth) / 10)
            samples += tenth < 20 ? 100 : 400
        }
        let rate = try! #require(meter.samplesPerSecond)
        #expect(abs(rate - 4000) < 1e-6)
    }

    @Test func pausingOrRebuildingStartsAfresh() {
        var meter = ThroughputMeter()
        meter.note(samples: 0, at: 0)
        meter.note(samples: 1000, at: 1)
        #expect(meter.samplesPerSecond == 1000)
        meter.reset()
        #expect(meter.samplesPerSecond == nil)
        // A rebuilt run counts from zero again: no negative rate from the old marks.
        meter.note(samples: 5000, at: 2)
        meter.note(samples: 10, at: 3)
        meter.note(samples: 510, at: 4)
        #expect(meter.samplesPerSecond == 500)
    }

    @Test func theSpeedIsShownOnlyWhenTheWholeLineFits() {
        let hints = [KeyHint("n/p", "page"), KeyHint("?", "help")]
        let parts = [StatusBar.Part("epoch 1", rank: 5), StatusBar.Part("training 24k samples/s", rank: 6)]
        // A column, the hints with their gaps (18), the status (32) and a closing column: 52.
        #expect(StatusBar.fitsWhole(hints: hints, parts: parts, width: 52))
        #expect(!StatusBar.fitsWhole(hints: hints, parts: parts, width: 51))
    }
}
