/// What the app can train and show. Lessons are checked against it; the app builds it from
/// its presets and `--set` keys, so this module never depends on the app.
public protocol LabCatalog: Sendable {
    var presetNames: [String] { get }
    /// Every `--set` key.
    var settingKeys: [String] { get }
    /// The `--set` keys a lab can offer the learner as live knobs.
    var knobNames: [String] { get }
    /// Every view a lab can show.
    var viewNames: [String] { get }
    /// Every metric a goal can name.
    var metricNames: [String] { get }
    /// Every metric a claim can name: the goal metrics and what a run's end can measure.
    var claimMetricNames: [String] { get }
    /// Claim metrics that exist only once a run has ended (a count of weights, say), not at an epoch.
    var runEndMetricNames: [String] { get }
    /// Claim metrics measured on the model as it is before training and as it ends, not at an epoch.
    var startOrEndMetricNames: [String] { get }

    /// Applies `settings` to the preset in order and checks that they fit together; on
    /// failure names the setting at fault (nil when the combination is wrong).
    func configure(preset: String, settings: [LabSetting]) -> Result<LabFacts, LabSettingFailure>

    /// Why `setting` alone cannot be applied to the preset, or nil when it can. Lint asks this
    /// of every setting of a broken lab, so it should cost less than `configure`, which sizes
    /// the network (and may read a dataset to do so).
    func problem(applying setting: LabSetting, toPreset preset: String) -> String?
}

extension LabCatalog {
    public func problem(applying setting: LabSetting, toPreset preset: String) -> String? {
        guard case .failure(let failure) = configure(preset: preset, settings: [setting]), failure.settingIndex == 0 else { return nil }
        return failure.message
    }

    public var claimMetricNames: [String] { metricNames }
    public var runEndMetricNames: [String] { [] }
    public var startOrEndMetricNames: [String] { [] }
}

/// What a configured lab is: its size, and which metrics and views it can produce.
public struct LabFacts: Equatable, Sendable {
    public let hiddenNeurons: Int
    public let parameters: Int
    public let epochs: Int
    /// Metrics this lab's run reports (no accuracy on a regression dataset).
    public let metrics: [String]
    /// Views that make sense for this lab (no confusion matrix for a regression).
    public let views: [String]
    /// "regression dataset reg-plane", to explain why a metric or view is missing.
    public let taskDescription: String
    /// The knobs that change something for this lab's model, or nil when any may.
    public let knobs: [String]?
    /// Metrics a claim about this lab may measure; the goal metrics when not given.
    public let claimMetrics: [String]

    public init(hiddenNeurons: Int, parameters: Int, epochs: Int, metrics: [String], views: [String], taskDescription: String,
                knobs: [String]? = nil, claimMetrics: [String]? = nil) {
        self.hiddenNeurons = hiddenNeurons
        self.parameters = parameters
        self.epochs = epochs
        self.metrics = metrics
        self.views = views
        self.taskDescription = taskDescription
        self.knobs = knobs
        self.claimMetrics = claimMetrics ?? metrics
    }
}

/// Why a lab's settings cannot be applied.
public struct LabSettingFailure: Error, Equatable, Sendable {
    /// Index into the settings passed to `configure`; nil when no single setting is at fault.
    public let settingIndex: Int?
    public let message: String

    public init(settingIndex: Int?, message: String) {
        self.settingIndex = settingIndex
        self.message = message
    }
}
