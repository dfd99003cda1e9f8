import BackpropData
import BackpropEngine
import BackpropLessons

/// What lessons may ask of this app: its presets, its `--set` keys, the views a lab pane
/// can draw and the metrics a run reports. A lab's settings are checked by applying them to
/// the preset's `RunConfiguration`, exactly as `--set` would.
public struct AppLabCatalog: LabCatalog {
    /// The single-network presets, then the GANs (`GANPreset`), which a lab trains with its own views.
    public let presetNames = Preset.all.map(\.name) + GANPreset.all.map(\.name)
    public let settingKeys = uniqued(SettingKey.allCases.map(\.rawValue) + GANSettingKey.allCases.map(\.rawValue))
    /// Every key but `limit`, which trims a dataset for quick headless runs, and a GAN's
    /// `epoch_steps`, which only sets how often coverage is reported.
    public let knobNames = uniqued(SettingKey.allCases.filter { $0 != .limit }.map(\.rawValue)
        + AdversarialLabKnobs.knobs(for: GANPreset.gan2D.configuration).map(\.id))
    public let viewNames = LabView.allCases.map(\.rawValue) + AdversarialLabView.allCases.map(\.rawValue)
    public let metricNames = ["train_loss", "val_loss", "train_accuracy", "val_accuracy", "sequence_accuracy", GoalCheck.baselineMetric]
        + AdversarialMetrics.names
    public var claimMetricNames: [String] {
        metricNames + ClaimCheck.goalMetrics + ClaimCheck.runEndMetrics + ClaimCheck.startOrEndMetrics + ClaimCheck.surfaceMetrics
            + ClaimCheck.rangeTestMetrics
    }
    /// The surface race's metrics are read where it ends, as the run-end ones are.
    public let runEndMetricNames = ClaimCheck.runEndMetrics + ClaimCheck.surfaceMetrics + ClaimCheck.rangeTestMetrics
    public let startOrEndMetricNames = ClaimCheck.startOrEndMetrics

    public init() {}

    public func configure(preset name: String, settings: [LabSetting]) -> Result<LabFacts, LabSettingFailure> {
        if let adversarial = GANPreset.named(name) { return Self.configure(adversarial, settings: settings) }
        guard let preset = Preset.named(name) else {
            return .failure(LabSettingFailure(settingIndex: nil, message: "unknown preset '\(name)'"))
        }
        var configuration = preset.configuration
        for (index, setting) in settings.enumerated() {
            do { try configuration.apply(setting.assignment) } catch {
                return .failure(LabSettingFailure(settingIndex: index, message: error.description))
            }
        }
        do { try configuration.validate() } catch {
            return .failure(LabSettingFailure(settingIndex: nil, message: error.description))
        }
        // Before anything below reads the data: a lab too large for this machine is
        // refused here with its estimate, not by the kernel when it opens.
        do {
            try configuration.checkMemory(splitsBatches: true, partsAvailable: BatchSplitting.partsAvailable(),
                                          views: ViewMemory(recordsViews: true))
        } catch {
            return .failure(LabSettingFailure(settingIndex: nil, message: "\(error)"))
        }
        let parameters: Int
        do { parameters = try Self.parameterCount(configuration) } catch {
            return .failure(LabSettingFailure(settingIndex: nil, message: "\(error)"))
        }
        let classifies = if case .classification = configuration.task { true } else { false }
        let taskName = classifies ? "classification" : "regression"
        var views = ["loss", "network", "histograms", "health"]
        views += ["functions", "dead", "surface", "race", "range-test", "schedule"]
        if !configuration.dataset.isSequence { views.append(LabView.layerGradients.rawValue) }
        if configuration.dataset.isPlayground { views.append("boundary") }
        if classifies { views.append("confusion") }
        views.append(LabView.losses.rawValue)
        if configuration.unrollsAsGraph { views.append(LabView.graph.rawValue) }
        if configuration.isRecurrent { views += LabView.recurrentViews }
        if configuration.transformer != nil && configuration.dataset.isSequence { views += ["attention", "qkv", "positions", "mask", "compare"] }
        if configuration.dataset == .words { views.append(LabView.samples.rawValue) }
        views += ConvolutionLabFacts.views(for: configuration)
        if configuration.autoencoder != nil { views += LabView.autoencoderViews }
        var metrics = classifies ? ["train_loss", "val_loss", "train_accuracy", "val_accuracy"] : ["train_loss", "val_loss"]
        if configuration.dataset == .reversal { metrics.append("sequence_accuracy") }
        if configuration.dataset == .words { metrics.append(GoalCheck.baselineMetric) }
        return .success(LabFacts(
            hiddenNeurons: configuration.hidden.reduce(0, +), parameters: parameters, epochs: configuration.epochs,
            metrics: metrics, views: views,
            taskDescription: "\(taskName) dataset \(configuration.dataset.name)", knobs: Self.knobs(for: configuration),
            claimMetrics: metrics + ClaimCheck.goalMetrics + Self.modelClaimMetrics(configuration, views: views)))
    }

    /// The end-of-run and start-or-end claim metrics that `configuration`'s model can measure:
    /// the step gradients of a recurrent layer, the forget gate of an LSTM, the attention of
    /// a transformer and the pooling view's shift test on images.
    static func modelClaimMetrics(_ configuration: RunConfiguration, views: [String]) -> [String] {
        var names = ClaimCheck.commonRunEndMetrics
        if configuration.isRecurrent { names += ClaimCheck.recurrentRunEndMetrics }
        if configuration.dataset == .fashionMNIST { names += ClaimCheck.fashionRunEndMetrics }
        if configuration.hasLSTMCells { names.append("forget_gate") }
        if views.contains("attention") || views.contains("mask") { names += ["attention_peak", "attention_ahead"] }
        if views.contains(LabView.pooling.rawValue) { names += ClaimCheck.poolingMetrics }
        if views.contains(LabView.convolution.rawValue) { names += ClaimRunRecord.kernelMetrics }
        if configuration.convolution != nil { names.append("filter_smoothness") }
        if configuration.autoencoder != nil { names += ClaimCheck.autoencoderMetrics }
        names += ClaimCheck.surfaceMetrics
        if views.contains(LabView.rangeTest.rawValue) { names += ClaimCheck.rangeTestMetrics }
        return names
    }

    /// Applies the one setting, without sizing the network. An unknown preset is its own problem.
    public func problem(applying setting: LabSetting, toPreset name: String) -> String? {
        if var adversarial = GANPreset.named(name)?.configuration {
            do { try adversarial.apply(setting.assignment) } catch { return error.description }
            return nil
        }
        guard var configuration = Preset.named(name)?.configuration else { return nil }
        do { try configuration.apply(setting.assignment) } catch { return error.description }
        return nil
    }

    /// The `--set` keys a lab on `configuration` shows a knob for; L1 and L2 share one pair.
    static func knobs(for configuration: RunConfiguration) -> [String] {
        LabKnobs.knobs(for: configuration).flatMap { knob in
            knob.id == "regularization" ? ["l1", "l2"] : knob.id == "reg_rate" ? [] : [knob.id]
        }
    }

    /// The model's parameters: a CNN's counted from its layers; a sequence model's size
    /// depends on its vocabulary, so its layers are built on its data's task and counted.
    static func parameterCount(_ configuration: RunConfiguration) throws -> Int {
        if let convolutional = ConvolutionLabFacts.parameterCount(configuration) { return convolutional }
        if let autoencoder = configuration.autoencoder {
            return configuration.autoencoderSpec(autoencoder).makeLayers().reduce(0) { $0 + $1.parameters.reduce(0) { $0 + $1.count } }
        }
        guard configuration.dataset.isSequence else { return try configuration.modelSpec().parameterCount }
        let task = try sequenceTask(configuration)
        return try configuration.makeLayers(for: task, seed: 0).reduce(0) { $0 + $1.parameters.reduce(0) { $0 + $1.count } }
    }

    /// The task `RunBuilder.loadData` would give a sequence lab (with seed 0), without building
    /// its data: a lab may ask for a million sequences, and lint checks every lab of every file.
    /// Only the word list's classes need the data: its vocabulary, from the list read once.
    static func sequenceTask(_ configuration: RunConfiguration) throws -> TaskKind {
        guard configuration.dataset == .words else { return configuration.task }
        let words = try WordList.load(seed: 0, limit: configuration.trainLimit)
        return .classification(classes: try CharacterSequences.vocabulary(of: words, length: configuration.sequence.length).count)
    }

    /// A GAN lab: both networks' size, its two views, its knobs and the figures its run
    /// reports (coverage and both losses), as `configure` gives them for one network.
    static func configure(_ preset: GANPreset, settings: [LabSetting]) -> Result<LabFacts, LabSettingFailure> {
        var configuration = preset.configuration
        for (index, setting) in settings.enumerated() {
            do { try configuration.apply(setting.assignment) } catch {
                return .failure(LabSettingFailure(settingIndex: index, message: error.description))
            }
        }
        let metrics = AdversarialMetrics.names
        return .success(LabFacts(
            hiddenNeurons: configuration.hiddenNeurons, parameters: configuration.parameterCount, epochs: configuration.epochs,
            metrics: metrics, views: AdversarialLabView.allCases.map(\.rawValue),
            taskDescription: "GAN on 2-D points (\(configuration.dataset.rawValue))",
            knobs: AdversarialLabKnobs.knobs(for: configuration).map(\.id),
            claimMetrics: metrics + ClaimCheck.goalMetrics + ["diverged"]))
    }
}

/// `values` without repeats, in first-seen order.
private func uniqued(_ values: [String]) -> [String] {
    var seen: Set<String> = []
    return values.filter { seen.insert($0).inserted }
}
