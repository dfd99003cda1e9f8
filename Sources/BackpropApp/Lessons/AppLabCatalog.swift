import BackpropData
import BackpropEngine
import BackpropLessons

/// What lessons may ask of this app: its presets, its `--set` keys, the views a lab pane
/// can draw and the metrics a run reports. A lab's settings are checked by applying them to
/// the preset's `RunConfiguration`, exactly as `--set` would.
public struct AppLabCatalog: LabCatalog {
    public let presetNames = Preset.all.map(\.name)
    public let settingKeys = SettingKey.allCases.map(\.rawValue)
    /// Every key but `limit`, which trims a dataset for quick headless runs.
    public let knobNames = SettingKey.allCases.filter { $0 != .limit }.map(\.rawValue)
    public let viewNames = LabView.allCases.map(\.rawValue)
    public let metricNames = ["train_loss", "val_loss", "train_accuracy", "val_accuracy"]

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
        let spec: MLPSpec
        do { spec = try configuration.modelSpec() } catch {
            return .failure(LabSettingFailure(settingIndex: nil, message: "\(error)"))
        }
        let classifies = if case .classification = configuration.task { true } else { false }
        let taskName = classifies ? "classification" : "regression"
        var views = ["loss", "network", "histograms", "health"]
        if configuration.dataset.isPlayground { views.append("boundary") }
        if classifies { views.append("confusion") }
        views += ConvolutionLabFacts.views(for: configuration)
        return .success(LabFacts(
            hiddenNeurons: configuration.hidden.reduce(0, +), parameters: ConvolutionLabFacts.parameterCount(configuration) ?? spec.parameterCount, epochs: configuration.epochs,
            metrics: classifies ? metricNames : ["train_loss", "val_loss"], views: views,
            taskDescription: "\(taskName) dataset \(configuration.dataset.name)"))
    }
}
