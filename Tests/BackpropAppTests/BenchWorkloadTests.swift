import Foundation
import Testing
@testable import BackpropApp

/// `bench/run` pairs each of our workloads with PyTorch's by name: a workload missing from
/// `bench/pytorch_reference.py` would be reported without its ratio.
@Suite("Benchmark workloads")
struct BenchWorkloadTests {
    static let reference = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("bench/pytorch_reference.py")

    @Test func everyWorkloadHasAPyTorchCounterpart() throws {
        let script = try String(contentsOf: Self.reference, encoding: .utf8)
        guard let table = script.range(of: "WORKLOADS = {") else {
            Issue.record("bench/pytorch_reference.py has no WORKLOADS table")
            return
        }
        let registered = script[table.upperBound...].prefix { $0 != "}" }
        for workload in BenchWorkload.all {
            #expect(registered.contains("\"\(workload.name)\":"), "\(workload.name) has no PyTorch workload")
        }
        #expect(BenchWorkload.all.contains { $0.name == "cnn-bn-28x28" }, "fashion-cnn-bn's model is benchmarked")
    }
}
