import BackpropEngine
import Foundation

/// How many cores `backprop train` and `backprop bench` split each batch across.
/// `BACKPROP_THREADS=N` caps it (1 keeps batches whole); the live screens never split, as
/// their views read layer internals that would then cover part of a batch.
enum BatchSplitting {
    /// The environment variable that caps the parts.
    static let variable = "BACKPROP_THREADS"

    static func replicaCount(for network: Network, batchSize: Int,
                             environment: [String: String] = ProcessInfo.processInfo.environment) throws(ModelError) -> Int {
        var cap = Int.max
        if let text = environment[variable] {
            guard let value = Int(text.trimmingCharacters(in: .whitespaces)), value >= 1 else {
                throw ModelError("\(variable) must be a whole number of threads, at least 1; got '\(text)'")
            }
            cap = value
        }
        return Trainer.replicaCount(for: network, batchSize: batchSize, maximumParts: cap)
    }
}
