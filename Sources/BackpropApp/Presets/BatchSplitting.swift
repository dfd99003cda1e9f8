import BackpropEngine
import Foundation

/// How `backprop train` and `backprop bench` split each batch across the cores.
/// `BACKPROP_THREADS=N` caps the parts (1 keeps batches whole); the live screens never split,
/// as their views read layer internals that would then cover part of a batch.
enum BatchSplitting {
    /// The environment variable that caps the parts.
    static let variable = "BACKPROP_THREADS"
    /// More parts than this would only add threads waiting for cores (a batch splits into at most four anyway).
    static let maximumThreads = 256

    /// Splits `trainer`'s batches when that pays off, across replicas built by
    /// `makeReplica(index)` like the trainer's network (their dropout seeds should differ).
    static func split(_ trainer: Trainer, environment: [String: String] = ProcessInfo.processInfo.environment,
                      makeReplica: (Int) throws -> Network) throws {
        let count = try replicaCount(for: trainer, environment: environment)
        guard count > 0 else { return }
        try trainer.splitBatches(across: (0..<count).map(makeReplica))
    }

    static func replicaCount(for trainer: Trainer, environment: [String: String]) throws(ModelError) -> Int {
        Trainer.replicaCount(for: trainer.network, settings: trainer.settings, maximumParts: try threadCap(environment))
    }

    /// Parts a split batch would have, capped by `BACKPROP_THREADS`.
    static func partsAvailable(environment: [String: String] = ProcessInfo.processInfo.environment) throws(ModelError) -> Int {
        Trainer.partsAvailable(maximumParts: try threadCap(environment))
    }

    private static func threadCap(_ environment: [String: String]) throws(ModelError) -> Int {
        guard let text = environment[variable] else { return .max }
        guard let value = Int(text.trimmingCharacters(in: .whitespaces)), (1...maximumThreads).contains(value) else {
            throw ModelError("\(variable) must be a whole number of threads from 1 to \(maximumThreads); got '\(text)'")
        }
        return value
    }
}
