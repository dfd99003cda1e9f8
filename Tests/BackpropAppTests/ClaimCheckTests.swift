import Foundation
import Testing

/// `backprop lint --claims`: every shipped lesson's claims hold when trained, and a false
/// claim fails naming its file and line.
@Suite("Claims")
struct ClaimCheckTests {
    let command = CommandLineTests()

    @Test func everyShippedClaimHolds() throws {
        guard command.available else { skip("\(CommandLineTests.binary) missing"); return }
        let result = try command.backprop(["lint", "--claims", "lessons"])
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
