import BackpropEngine
import Foundation
import Testing

extension Fuzz {
    /// The safetensors reader behind `train --load`: any file gives tensors whose values
    /// match their shapes, or a `SafetensorsError` that names the file.
    @Suite struct SafetensorsReader {
        static let target = FuzzTarget(
            name: "safetensors", fileExtension: "safetensors", testFilter: "Fuzz/SafetensorsReader",
            makeInput: SafetensorsMutator.makeInput, check: check)

        static func check(_ input: [UInt8]) -> FuzzOutcome {
            let source = "fuzz.safetensors"
            do {
                let tensors = try Safetensors.decode(Data(input), source: source)
                if let (name, tensor) = tensors.first(where: { $0.value.values.count != $0.value.shape.reduce(1, *) }) {
                    return .broken("tensor \"\(name)\" has shape \(tensor.shape) but \(tensor.values.count) values")
                }
                return .accepted
            } catch let error as SafetensorsError {
                return error.description.hasPrefix(source + ": ") ? .refused : .broken("the error does not name the file: \(error)")
            } catch {
                return .broken("threw \(type(of: error)), not a SafetensorsError: \(error)")
            }
        }

        @Test func everyFileGivesTensorsOrANamedError() {
            let summary = FuzzRunner.run(Self.target, settings: .current(ciSeconds: 8, ciCases: 400_000))
            #expect(summary.executions > 0)
        }
    }
}
