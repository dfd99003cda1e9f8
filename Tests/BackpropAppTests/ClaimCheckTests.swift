import Foundation
import BackpropEngine
import Testing
@testable import BackpropApp

/// `backprop lint --claims`: every shipped lesson's claims hold when trained, and a false
/// claim fails naming its file and line.
@Suite("Claims")
struct ClaimCheckTests {
    let command = CommandLineTests()

    @Test func everyShippedClaimHolds() throws {
        guard command.available else { skip("\(CommandLineTests.binary) missing"); return }
        // A state folder of its own: the transfer lesson caches its pretrained body there.
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("backprop-claims-\(getpid())").path
        defer { try? FileManager.default.removeItem(atPath: state) }
        let result = try command.backprop(["lint", "--claims", "lessons"], environment: ["BACKPROP_HOME": state])
        let failures = result.output.split(separator: "\n").filter { $0.contains("claim failed") }
        #expect(result.status == 0 && failures.isEmpty, "\(failures.joined(separator: "\n"))\n\(result.errors)")
        let checked = result.output.split(separator: "\n").filter { $0.contains(": ok: ") }.count
        #expect(checked >= 60, "only \(checked) claims")
        print(result.output.split(separator: "\n").filter { $0.contains("claims in") || $0.hasPrefix("claims:") }.joined(separator: "\n"))
    }

    @Test func aFalseClaimFailsWithItsFileAndLine() throws {
        guard command.available else { skip("\(CommandLineTests.binary) missing"); return }
        let folder = NSTemporaryDirectory() + "backprop-claims-\(getpid())"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let lesson = """
            ---
            id: false-claim
            title: A false claim
            summary: One neuron cannot learn XOR, and this page says it can.
            order: 1
            ---
            ## One neuron on XOR

            ```lab
            preset: xor
            settings: {hidden: none, loss: bce, epochs: 20}
            views: [boundary]
            ```

            ```claims
            - says: one neuron learns XOR
              metric: val_accuracy
              op: ">="
              value: 0.95
            - says: one neuron stays below 80%
              metric: val_accuracy
              at: best
              op: "<"
              value: 0.8
            ```
            """
        let file = folder + "/01-false-claim.md"
        try lesson.write(toFile: file, atomically: true, encoding: .utf8)
        let result = try command.backprop(["lint", "--claims", file])
        #expect(result.status == 1, "\(result.output)")
        #expect(result.output.contains("\(file):16: claim failed: val_accuracy at the end: "), "\(result.output)")
        #expect(result.output.contains("\(file):20: ok"), "\(result.output)")
    }
}

/// The range-test and filter metrics, on numbers whose answers are known.
@Suite("Claim metrics")
struct ClaimMetricTests {
    /// Flat, then falling to a fifth, then shooting up to eight times the lowest.
    static let rangeLosses: [Float] = [Float](repeating: 2, count: 20) + (0..<80).map { 2 - Float($0) * 0.02 } + [0.4, 0.8, 1.6, 3.2]

    @Test func theRangeTestsShapeIsMeasured() {
        #expect(ClaimCheck.rangeTestMetric("range_flat_start", losses: Self.rangeLosses) == 0)
        #expect(abs(ClaimCheck.rangeTestMetric("range_fall", losses: Self.rangeLosses) - 2 / 0.4) < 1e-5)
        #expect(abs(ClaimCheck.rangeTestMetric("range_rise", losses: Self.rangeLosses) - 8) < 1e-5)
        #expect(ClaimCheck.rangeTestMetric("range_rise", losses: Self.rangeLosses + [.infinity]) == .infinity)
        // The rates grow 10x in about 41 of the 250 steps: a tenth of the lowest point's rate
        // is about 41 steps before it, halfway down the fall.
        let place = ClaimCheck.rangeTestMetric("range_suggestion_place", losses: Self.rangeLosses)
        #expect(place > 0.1 && place < 0.9, "\(place)")
        #expect(ClaimCheck.rangeTestMetric("range_fall", losses: [1, 2]).isNaN, "too few steps to say")
    }

    @Test func smoothKernelsCorrelateAndNoiseDoesNot() throws {
        var configuration = Preset.fashionCNN.configuration
        try configuration.apply("limit=64")
        let trainer = try RunBuilder.prepare(configuration, seed: 1).trainer
        #expect(ClaimRunRecord.firstFilterSmoothness(trainer) < 0.05, "random kernels")
        var state = trainer.network.stateDict
        let key = try #require(state.keys.first { state[$0]!.shape.count == 4 && $0.hasPrefix("0.") })
        let shape = state[key]!.shape
        // Every kernel a left-to-right ramp: neighbours along a row are alike.
        let ramp = (0..<shape[2] * shape[3]).map { Float($0 % shape[3]) }
        state[key] = NamedTensor(shape: shape, values: Array((0..<shape[0] * shape[1]).map { _ in ramp }.joined()))
        try trainer.network.load(stateDict: state, source: "test")
        #expect(ClaimRunRecord.firstFilterSmoothness(trainer) > 0.3)
    }

    @Test func theExplorersKernelsDoWhatThePageSays() throws {
        var configuration = Preset.fashionCNN.configuration
        try configuration.apply("limit=64")
        let facts = ClaimRunRecord.kernelFacts(try RunBuilder.prepare(configuration, seed: 1).trainer)
        #expect(facts["identity_change"] == 0)
        #expect(facts["edge_flat_response"] == 0)
        #expect((facts["edge_change_response"] ?? 0) > 1)
    }
}
