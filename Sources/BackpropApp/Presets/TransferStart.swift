import BackpropEngine

/// Who hears about a transfer run's pretraining: its progress, and notes about a cache file
/// that could not be used or kept.
/// Called on the thread that prepares the run.
public struct PretrainingListener {
    public var progress: (PretrainingProgress) -> Void
    public var note: (String) -> Void

    public init(progress: @escaping (PretrainingProgress) -> Void, note: @escaping (String) -> Void) {
        self.progress = progress
        self.note = note
    }

    public static var silent: PretrainingListener { PretrainingListener(progress: { _ in }, note: { _ in }) }
}

/// How a transfer run's network starts, by its way: the pretrained body under a new head
/// (the last layer, freshly initialized), frozen for feature extraction, at a lower learning
/// rate for fine-tuning; or nothing changed, from scratch.
struct TransferStart {
    let settings: TransferSettings
    /// nil from scratch.
    let body: [String: NamedTensor]?

    init(settings: TransferSettings, body: [String: NamedTensor]?) {
        self.settings = settings
        self.body = body
    }

    init(_ configuration: RunConfiguration, _ settings: TransferSettings, pretraining: PretrainingListener) throws {
        guard settings.way != .all else {
            throw SettingError("way=all trains the three ways one after another, which only `backprop train` does; a single run takes way=extract, finetune or scratch")
        }
        self.settings = settings
        body = settings.way == .scratch ? nil
            : try PretrainedBody.stateDict(for: configuration, progress: pretraining.progress, note: pretraining.note)
    }

    /// The head is the last layer; everything before it is the body. A replica shares the
    /// network's values, so it needs only the freezing (`loadingBody` false).
    func apply(to network: Network, loadingBody: Bool) throws {
        guard let body else { return }
        let head = network.layers.count - 1
        if loadingBody { try network.loadBody(stateDict: body, headStart: head, source: "the pretrained body") }
        switch settings.way {
        case .extract: network.freeze(0..<head)
        case .finetune: network.scaleLearningRate(0..<head, by: settings.bodyLearningRateScale)
        case .scratch, .all: break
        }
    }
}
