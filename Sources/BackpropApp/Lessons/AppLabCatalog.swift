import BackpropData
import BackpropEngine
import BackpropLessons
import Synchronization

/// What lessons may ask of this app: its presets, its `--set` keys, the views a lab pane
/// can draw and the metrics a run reports. A lab's settings are checked by applying them to
/// the preset's `RunConfiguration`, exactly as `--set` would.
public struct AppLabCatalog: LabCatalog {
    public let presetNames = Preset.all.map(\.name)
    public let settingKeys = SettingKey.allCases.map(\.rawValue)
    /// Every key but `limit`, which trims a dataset for quick headless runs.
    public let knobNames = SettingKey.allCases.filter { $0 != .limit }.map(\.rawValue)
    public let viewNames = LabView.allCases.map(\.rawValue)
    public let metricNames = ["train_loss", "val_loss", "train_accuracy", "val_accuracy", "sequence_accuracy", GoalCheck.baselineMetric]
    public var claimMetricNames: [String] { metricNames + ClaimCheck.goalMetrics + ClaimCheck.runEndMetrics }
    public let runEndMetricNames = ClaimCheck.runEndMetrics

    public init() {}

    public func configure(preset name: String, settings: [LabSetting]) -> Result<LabFacts, LabSettingFailure> {
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
        let parameters: Int
        do { parameters = try Self.parameterCount(configuration) } catch {
            return .failure(LabSettingFailure(settingIndex: nil, message: "\(error)"))
        }
        let classifies = if case .classification = configuration.task { true } else { false }
        let taskName = classifies ? "classification" : "regression"
        var views = ["loss", "network", "histograms", "health"]
        views += ["functions", "dead", "surface", "race", "range-test", "schedule"]
        if configuration.dataset.isPlayground { views.append("boundary") }
        if classifies { views.append("confusion") }
        views.append(LabView.losses.rawValue)
        if configuration.unrollsAsGraph { views.append(LabView.graph.rawValue) }
        if configuration.dataset.isSequence && configuration.transformer == nil { views += LabView.recurrentViews }
        if configuration.transformer != nil && configuration.dataset.isSequence { views += ["attention", "qkv", "positions", "mask", "compare"] }
        if configuration.dataset == .words { views.append(LabView.samples.rawValue) }
        views += ConvolutionLabFacts.views(for: configuration)
        var metrics = classifies ? ["train_loss", "val_loss", "train_accuracy", "val_accuracy"] : ["train_loss", "val_loss"]
        if configuration.dataset == .reversal { metrics.append("sequence_accuracy") }
        if configuration.dataset == .words { metrics.append(GoalCheck.baselineMetric) }
        return .success(LabFacts(
            hiddenNeurons: configuration.hidden.reduce(0, +), parameters: parameters, epochs: configuration.epochs,
            metrics: metrics, views: views,
            taskDescription: "\(taskName) dataset \(configuration.dataset.name)", knobs: Self.knobs(for: configuration),
            claimMetrics: metrics + ClaimCheck.goalMetrics + ClaimCheck.runEndMetrics))
    }

    /// The `--set` keys a lab on `configuration` shows a knob for; L1 and L2 share one pair.
    static func knobs(for configuration: RunConfiguration) -> [String] {
        LabKnobs.knobs(for: configuration).flatMap { knob in
            knob.id == "regularization" ? ["l1", "l2"] : knob.id == "reg_rate" ? [] : [knob.id]
        }
    }

    /// The model's parameters: a CNN's counted from its layers; a sequence model's size
    /// depends on its vocabulary, which only the loaded data knows, so its layers are built
    /// on that data's task and counted.
    static func parameterCount(_ configuration: RunConfiguration) throws -> Int {
        if let convolutional = ConvolutionLabFacts.parameterCount(configuration) { return convolutional }
        guard configuration.dataset.isSequence else { return try configuration.modelSpec().parameterCount }
        let task = try sequenceTask(configuration)
        return try configuration.makeLayers(for: task, seed: 0).reduce(0) { $0 + $1.parameters.reduce(0) { $0 + $1.count } }
    }

    /// A sequence dataset's task (its vocabulary), read once per dataset, limit and length:
    /// the lessons' many word labs would otherwise each read the whole word list. A failure
    /// is kept too, or every claim on a lab whose data cannot load would read the list again.
    private static func sequenceTask(_ configuration: RunConfiguration) throws -> TaskKind {
        let key = "\(configuration.dataset.name) \(configuration.trainLimit ?? 0) \(configuration.sequence.length) \(configuration.sequence.task)"
        if let known = sequenceTasks.withLock({ $0[key] }) { return try known.get() }
        let task = Result { try RunBuilder.loadData(configuration, seed: 0).split.train.task }
        sequenceTasks.withLock { $0[key] = task }
        return try task.get()
    }

    private static let sequenceTasks = Mutex<[String: Result<TaskKind, any Error>]>([:])
}
