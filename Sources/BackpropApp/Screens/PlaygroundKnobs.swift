import BackpropData
import BackpropEngine
import BackpropWidgets

/// The Playground's controls as knobs, and the configuration they describe.
/// Ranges follow TensorFlow Playground's (DESIGN.md §5), plus the optimizer, loss and a stop.
enum PlaygroundKnobs {
    static let learningRates: [Double] = [0.00001, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10]
    static let regularizationRates: [Double] = [0, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10]
    static let architectures = ["none", "2", "4", "8", "4,2", "8,4", "8,8", "6,6,6", "8,8,4", "8,8,8,8", "8,8,8,8,8,8"]
    static let featureSets = ["x1,x2", "x1,x2,x1x2", "x1sq,x2sq", "x1,x2,x1sq,x2sq", "x1,x2,sinx1,sinx2", "x1,x2,x1sq,x2sq,x1x2,sinx1,sinx2"]
    static let datasets = PlaygroundDataset.allCases.map(\.rawValue)
    static let activations: [ActivationFunction] = [.tanh, .relu, .sigmoid, .linear, .leakyRelu, .elu, .gelu]
    static let regularizations = ["none", "l1", "l2"]
    static let dropoutRates: [Double] = [0, 0.1, 0.2, 0.3, 0.5, 0.7, 0.9]
    /// Batch sizes: TensorFlow Playground's range of 1 to 30 in steps that grow with the size
    /// (10 presses from 10 to 500, not 24), then up to a whole Playground training set
    /// (full-batch gradient descent) and beyond, for the larger datasets.
    static let batchSizes: [Double] = [1, 2, 3, 4, 5, 6, 8, 10, 12, 16, 20, 25, 30, 40, 50, 64, 100, 128, 250, 500, 1000]
    static let stops = ["10", "50", "100", "200", "500", "1000", "5000", "never"]
    /// TensorFlow Playground's limits for the hidden layers edited with keys.
    static let maximumHiddenLayers = 6
    static let neuronsPerLayer = 1...8

    /// The losses a task can train with: binary cross-entropy needs two classes, and a
    /// regression trains with MSE only.
    static func losses(for task: TaskKind) -> [LossKind] {
        switch task {
        case .classification(let classes): classes == 2 ? [.mse, .crossEntropy, .bce, .kl] : [.mse, .crossEntropy, .kl]
        case .regression: [.mse]
        }
    }

    /// The knob id of one input feature's toggle: `feature_x1sq`.
    static func featureKnobID(_ feature: InputFeature) -> String { "feature_" + feature.rawValue }

    /// One on/off knob per input feature, as TensorFlow Playground has a box for each.
    static func featureToggles(_ configuration: RunConfiguration) -> [Knob] {
        InputFeature.allCases.map { feature in
            Knob(id: featureKnobID(feature), label: "Feature " + feature.displayLabel,
                 setting: .toggle(isOn: configuration.features.contains(feature)))
        }
    }

    /// `featureToggles`: the Playground's seven toggles; a lesson's lab shows the one
    /// `features` choice, which a lab unlocks by that name.
    static func knobs(for configuration: RunConfiguration, featureToggles: Bool = true) -> [Knob] {
        let regularization = configuration.l1 > 0 ? "l1" : (configuration.l2 > 0 ? "l2" : "none")
        let hidden = hiddenName(configuration.hidden)
        // An architecture built with the layer keys joins the list, so the knob shows it.
        let architectureOptions = architectures.contains(hidden) ? architectures : architectures + [hidden]
        // A lesson's lab may train on another dataset (digits): the knob names it, locked.
        let datasetOptions = datasets.contains(configuration.dataset.name) ? datasets : datasets + [configuration.dataset.name]
        // A preset's own length (60 epochs) joins the stops in order, so the knob shows it.
        let stop = configuration.runsWithoutStop ? "never" : String(configuration.epochs)
        let stopOptions = stops.contains(stop) ? stops
            : stops.filter { Int($0).map { $0 < configuration.epochs } ?? false } + [stop] + stops.filter { Int($0).map { $0 > configuration.epochs } ?? true }
        return [
            choice("dataset", "Dataset", datasetOptions, configuration.dataset.name),
            number("classes", "Classes", Double(configuration.classes), Double(PlaygroundDataset.classCountRange.lowerBound)...Double(PlaygroundDataset.classCountRange.upperBound), .linear(1), .integer),
            number("noise", "Noise %", Double(configuration.noisePercent), 0...50, .linear(5), .integer),
            number("train_ratio", "Train %", Double(configuration.trainPercent), 10...90, .linear(10), .integer),
        ] + (featureToggles ? Self.featureToggles(configuration)
                            : [choice("features", "Features", featureSets, configuration.features.map(\.rawValue).joined(separator: ","))]) + [
            choice("hidden", "Hidden", architectureOptions, hidden),
            choice("activation", "Activation", activations.map(\.rawValue), configuration.activation.rawValue),
            number("lr", "Learning rate", Double(configuration.optimizerSettings.learningRate), 0.00001...10, .ladder(learningRates), .compact),
            choice("optimizer", "Optimizer", OptimizerKind.allCases.map(\.rawValue), configuration.optimizer.rawValue),
            choice("init", "Initialization", Initializer.allCases.map(\.rawValue), configuration.initializer.rawValue),
            choice("regularization", "Regularization", regularizations, regularization),
            number("reg_rate", "Reg. rate", Double(max(configuration.l1, configuration.l2)), 0...10, .ladder(regularizationRates), .compact),
            number("dropout", "Dropout", Double(configuration.dropout), 0...0.9, .ladder(dropoutRates), .percent),
            number("batch", "Batch size", Double(configuration.batchSize), 1...1000, .ladder(batchSizes), .integer),
            choice("loss", "Loss", losses(for: configuration.task).map(\.rawValue), configuration.loss.rawValue),
            choice("epochs", "Stop after", stopOptions, stop),
        ]
    }

    /// The configuration the knobs describe, starting from `base`; nil when the knobs
    /// contradict each other (the caller keeps the previous configuration and says why).
    static func configuration(from knobs: [Knob], base: RunConfiguration) -> Result<RunConfiguration, SettingError> {
        var configuration = base
        var regularization = "none", rate = 0.0
        var switchedOn: Set<InputFeature> = [], hasToggles = false
        var depth: String?
        do throws(SettingError) {
            for knob in knobs {
                // Depth is the length of `hidden`: it counts after the Hidden knob, whatever
                // their order, and only once moved, or a new Hidden list would be stretched
                // back to the old depth.
                if knob.id == "depth" {
                    depth = settingValue(of: knob)
                    continue
                }
                if let feature = InputFeature.allCases.first(where: { featureKnobID($0) == knob.id }) {
                    hasToggles = true
                    if knob.isOn == true { switchedOn.insert(feature) }
                    continue
                }
                switch knob.id {
                case "regularization": regularization = knob.selectedOption ?? "none"
                case "reg_rate": rate = knob.numericValue ?? 0
                default: try configuration.apply("\(knob.id)=\(settingValue(of: knob))")
                }
            }
            if let depth, depth != String(base.hidden.count) { try configuration.apply("depth=\(depth)") }
            if hasToggles {
                guard !switchedOn.isEmpty else { throw SettingError("the network needs at least one input feature: switch one on") }
                // The features kept stay in their order and a new one goes last, so a change of
                // another knob leaves the inputs, and so the network, as they were.
                let kept = base.features.filter(switchedOn.contains)
                configuration.features = kept + InputFeature.allCases.filter { switchedOn.contains($0) && !kept.contains($0) }
            }
            configuration.l1 = regularization == "l1" ? Float(rate) : 0
            configuration.l2 = regularization == "l2" ? Float(rate) : 0
            // Only spiral and gauss come in more classes, and more than two need softmax
            // cross-entropy: follow the dataset rather than refuse the change.
            if case .playground(let dataset) = configuration.dataset, !dataset.supportsManyClasses { configuration.classes = 2 }
            if configuration.classes > 2 && ![.crossEntropy, .kl].contains(configuration.loss) { configuration.loss = .crossEntropy }
            // Likewise a regression set trains with MSE, whatever classifier loss was chosen.
            if case .regression = configuration.task, configuration.loss != .mse { configuration.loss = .mse }
            try configuration.validate()
        } catch {
            return .failure(error)
        }
        return .success(configuration)
    }

    /// A knob's value as `--set` writes it: the option chosen, or the number (whole for counts).
    private static func settingValue(of knob: Knob) -> String {
        if let option = knob.selectedOption { return option }
        let value = knob.numericValue ?? 0
        return ["noise", "train_ratio", "batch", "classes"].contains(knob.id) ? String(Int(value)) : "\(value)"
    }

    /// The knobs' text for a hidden-layer list, as the `hidden` setting writes it.
    static func hiddenName(_ hidden: [Int]) -> String {
        hidden.isEmpty ? "none" : hidden.map(String.init).joined(separator: ",")
    }

    /// `knobs` with the knobs that other settings can change (classes, loss, hidden) set
    /// from `configuration`; the others keep what the learner chose.
    static func syncing(_ knobs: [Knob], with configuration: RunConfiguration) -> [Knob] {
        let fresh = Self.knobs(for: configuration)
        return knobs.map { knob in
            guard ["classes", "loss", "hidden"].contains(knob.id), let replacement = fresh.first(where: { $0.id == knob.id }) else { return knob }
            var synced = replacement
            synced.isLocked = knob.isLocked
            // A lab's own architecture (LeNet's 120,84) stays among the choices after the
            // learner moves off it, so that the knob can go back to it.
            if knob.id == "hidden", case .choice(let kept, _) = knob.setting, case .choice(let options, let selected) = replacement.setting {
                let value = options[selected]
                let merged = kept.contains(value) ? kept : kept + [value]
                synced.setting = .choice(options: merged, selected: merged.firstIndex(of: value) ?? 0)
            }
            return synced
        }
    }

    /// Short forms of the labels too long to sit beside a focused value in a lesson's knob column.
    static let shortLabels = ["Initialization": "Init.", "Regularization": "Reg.", "Clip grad norm": "Clip norm", "LR schedule": "Schedule",
                              "LSTM forget bias": "Forget bias", "Learning rate": "LR", "Dataset": "Data",
                              "Positions": "Pos.", "Skip connections": "Skips"]

    private static func choice(_ id: String, _ label: String, _ options: [String], _ value: String) -> Knob {
        Knob(id: id, label: label, shortLabel: shortLabels[label], setting: .choice(options: options, selected: options.firstIndex(of: value) ?? 0))
    }

    private static func number(_ id: String, _ label: String, _ value: Double, _ range: ClosedRange<Double>,
                               _ steps: NumericSteps, _ format: NumberFormat) -> Knob {
        Knob(id: id, label: label, shortLabel: shortLabels[label], setting: .number(value: value, range: range, steps: steps, format: format))
    }
}
