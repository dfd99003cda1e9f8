import Foundation

/// The JSON object `backprop train --json` prints as the last line of stdout
/// (the contract in DESIGN.md §4). Non-finite numbers become null.
public struct RunSummary: Encodable, Equatable {
    public var preset: String
    public var dataset: String
    public var epochs: Int
    public var steps: Int
    public var seed: UInt64
    public var parameters: Int
    public var trainLoss: Float?
    public var trainAccuracy: Float?
    public var valLoss: Float?
    public var valAccuracy: Float?
    public var samplesPerSecond: Double
    public var seconds: Double
    public var diverged: Bool
    public var divergence: String?
    public var openblasCore: String
    /// How many parts, one per core, each batch was split into (1: whole batches).
    public var batchParts: Int
    /// Sequence presets: training tokens (time steps) per second.
    public var tokensPerSecond: Double?
    /// Word models: the bigram baseline's validation loss.
    public var baselineValLoss: Double?
    /// Sequence classifiers: the fraction of validation sequences right at every step.
    public var valSequenceAccuracy: Float?
    /// The memory estimate checked before the run, and the process's measured peak
    /// (its high-water resident set, `VmHWM`; nil where /proc cannot be read).
    public var estimatedPeakBytes: Int
    public var peakResidentBytes: Int?
    /// With `early_stop`: the epoch with the lowest validation loss, whose weights (and
    /// metrics) the run ends with; nil without early stopping.
    public var bestEpoch: Int? = nil
    /// Whether `early_stop` ended the run before its last epoch.
    public var stoppedEarly = false
    /// Autoencoders: what the reconstruction shows beyond its loss (see `AutoencoderFigures`).
    public var autoencoder: AutoencoderFigures? = nil

    enum CodingKeys: String, CodingKey {
        case preset, dataset, epochs, steps, seed, parameters
        case trainLoss = "train_loss", trainAccuracy = "train_accuracy"
        case valLoss = "val_loss", valAccuracy = "val_accuracy"
        case samplesPerSecond = "samples_per_second", seconds, diverged, divergence
        case openblasCore = "openblas_core", batchParts = "batch_parts"
        case tokensPerSecond = "tokens_per_second", baselineValLoss = "baseline_val_loss"
        case valSequenceAccuracy = "val_sequence_accuracy"
        case estimatedPeakBytes = "estimated_peak_bytes", peakResidentBytes = "peak_resident_bytes"
        case bestEpoch = "best_epoch", stoppedEarly = "stopped_early"
        case reconstructionLoss = "reconstruction_loss", bottleneck
        case latentSeparation = "latent_separation", anomalyRatio = "anomaly_ratio", denoisingGain = "denoising_gain"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(preset, forKey: .preset)
        try container.encode(dataset, forKey: .dataset)
        try container.encode(epochs, forKey: .epochs)
        try container.encode(steps, forKey: .steps)
        try container.encode(seed, forKey: .seed)
        try container.encode(parameters, forKey: .parameters)
        try container.encode(finite(trainLoss), forKey: .trainLoss)
        try container.encode(finite(trainAccuracy), forKey: .trainAccuracy)
        try container.encode(finite(valLoss), forKey: .valLoss)
        try container.encode(finite(valAccuracy), forKey: .valAccuracy)
        try container.encode(samplesPerSecond.isFinite ? samplesPerSecond : 0, forKey: .samplesPerSecond)
        try container.encode(seconds, forKey: .seconds)
        try container.encode(diverged, forKey: .diverged)
        try container.encode(divergence, forKey: .divergence)
        try container.encode(openblasCore, forKey: .openblasCore)
        try container.encode(batchParts, forKey: .batchParts)
        try container.encodeIfPresent(tokensPerSecond, forKey: .tokensPerSecond)
        try container.encodeIfPresent(baselineValLoss, forKey: .baselineValLoss)
        try container.encodeIfPresent(finite(valSequenceAccuracy), forKey: .valSequenceAccuracy)
        try container.encode(estimatedPeakBytes, forKey: .estimatedPeakBytes)
        try container.encodeIfPresent(peakResidentBytes, forKey: .peakResidentBytes)
        // Always present, null and false without early stopping, so a reader need not ask.
        try container.encode(bestEpoch, forKey: .bestEpoch)
        try container.encode(stoppedEarly, forKey: .stoppedEarly)
        if let autoencoder {
            // train_loss and val_loss are the reconstruction's mean squared error per pixel.
            try container.encode("mse", forKey: .reconstructionLoss)
            try container.encode(autoencoder.bottleneck, forKey: .bottleneck)
            try container.encode(finite(autoencoder.latentSeparation), forKey: .latentSeparation)
            try container.encode(finite(autoencoder.anomalyRatio), forKey: .anomalyRatio)
            try container.encode(finite(autoencoder.denoisingGain), forKey: .denoisingGain)
        }
    }

    private func finite(_ value: Double) -> Double? { value.isFinite ? value : nil }

    private func finite(_ value: Float?) -> Float? {
        guard let value, value.isFinite else { return nil }
        return value
    }

    public var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? String(decoding: encoder.encode(self), as: UTF8.self)) ?? "{}"
    }
}

/// An autoencoder run's figures at its end, on the probe's test images (`AutoencoderProbe`):
/// null in JSON where they do not apply (separation needs a 2-number code, the anomaly
/// ratio a held-out class, the denoising gain noise).
public struct AutoencoderFigures: Equatable, Sendable {
    public var bottleneck: Int
    public var latentSeparation: Double
    public var anomalyRatio: Double
    public var denoisingGain: Double
}
