import BackpropData
import BackpropEngine

/// The reverse of `apply`: a configuration as the `--set` assignments that make it from its
/// preset. A model saved from a lab or the Playground describes itself with them, so that
/// `train --load` and `eval` rebuild the same run from the file alone.
extension RunConfiguration {
    /// The order assignments are applied in: what replaces the model or the data first,
    /// the convolution before its kernel and pooling, then every other key.
    static let assignmentOrder: [SettingKey] = [.model, .dataset, .channels] + SettingKey.allCases.filter { ![.model, .dataset, .channels].contains($0) }

    /// The assignments that turn `base` (the preset's own configuration) into this one, or
    /// nil when this configuration holds something no `--set` key expresses.
    public func assignments(from base: RunConfiguration) -> [String]? {
        var rebuilt = base
        var assignments: [String] = []
        for key in Self.assignmentOrder {
            guard let value = settingValue(key), value != rebuilt.settingValue(key) else { continue }
            do { try rebuilt.apply(key, value) } catch { return nil }
            assignments.append("\(key.rawValue)=\(value)")
        }
        return rebuilt == self ? assignments : nil
    }

    /// What `--set KEY=` would take to give this configuration its value of `key`; nil
    /// where the key does not apply to it.
    func settingValue(_ key: SettingKey) -> String? {
        switch key {
        case .lr: return Self.text(optimizerSettings.learningRate)
        case .batch: return String(batchSize)
        case .epochs: return runsWithoutStop ? "never" : String(epochs)
        case .optimizer: return optimizer.rawValue
        case .momentum: return momentum.map(Self.text)
        case .weightDecay: return weightDecay.map(Self.text)
        case .l1: return Self.text(l1)
        case .l2: return Self.text(l2)
        case .dropout: return Self.text(dropout)
        case .activation: return activation.rawValue
        case .hidden: return hidden.isEmpty ? "none" : hidden.map(String.init).joined(separator: ",")
        case .initializer: return initializer.rawValue
        case .schedule: return PlaygroundKnobs.scheduleName(schedule)
        case .clip: return clipNorm.map(Self.text) ?? "off"
        case .earlyStop: return earlyStopPatience.map(String.init) ?? "off"
        case .loss: return loss.rawValue
        case .dataset: return dataset.name
        case .noise: return String(noisePercent)
        case .trainRatio: return String(trainPercent)
        case .features: return features.map(\.rawValue).joined(separator: ",")
        case .limit: return trainLimit.map(String.init) ?? "all"
        case .classes: return String(classes)
        case .channels: return convolution.map { $0.channels.map(String.init).joined(separator: ",") } ?? "none"
        case .kernel: return convolution.map { String($0.kernel) }
        case .pooling: return convolution?.pooling.rawValue
        case .batchNorm: return (convolution?.batchNorm ?? denseBatchNorm) ? "on" : "off"
        case .cell: return sequence.cell.rawValue
        // Recurrent layers are `hidden`; `layers` counts a transformer's blocks.
        case .layers: return transformer.map { String($0.layers) }
        // One field behind three keys: `seq_len` sets it for any model (`delay` on the
        // adding problem and `context` for transformers are its other names).
        case .sequenceLength: return String(sequence.length)
        case .temperature: return Self.text(sequence.temperature)
        case .delay: return dataset == .copy ? String(sequence.copy.delay) : nil
        case .truncatedBPTT: return sequence.truncatedBPTT ? "on" : "off"
        case .forgetBias: return sequence.forgetBias.map(Self.text) ?? "pytorch"
        case .heads: return transformer.map { String($0.heads) }
        case .modelWidth: return transformer.map { String($0.modelWidth) }
        case .context: return nil
        case .positional: return transformer?.positional.rawValue
        case .mask: return transformer.map { $0.causal ? "on" : "off" }
        case .task: return dataset == .reversal ? sequence.task.rawValue : nil
        case .augment: return augment ? "on" : "off"
        case .residual: return residual ? "on" : "off"
        // Another name for the length of `hidden`, which says it already.
        case .depth: return nil
        case .labels: return transfer.map { String($0.labelsPerClass) }
        case .way: return transfer?.way.rawValue
        case .finetuneLR: return transfer.map { Self.text($0.bodyLearningRateScale) }
        case .bottleneck: return autoencoder.map { String($0.bottleneck) }
        case .holdout: return autoencoder.map { settings in settings.heldOutClass.map { SettingKey.className(FashionMNIST.classNames[$0]) } ?? "none" }
        // A transformer preset's recurrent counterpart: said once, when the blocks are gone.
        case .model: return transformer == nil && Preset.named(preset)?.configuration.transformer != nil ? "lstm" : nil
        }
    }

    /// A number as `apply` reads it back exactly (Swift's shortest round-trip form).
    private static func text(_ value: Float) -> String { "\(value)" }
}
