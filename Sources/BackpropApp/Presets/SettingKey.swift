import BackpropData
import BackpropEngine

/// The keys `--set` accepts, each with what it expects and how it changes a configuration.
public enum SettingKey: String, CaseIterable, Sendable {
    case lr, batch, epochs, optimizer, momentum, weightDecay = "weight_decay", l1, l2, dropout
    case activation, hidden, initializer = "init", schedule, clip, loss
    case dataset, noise, trainRatio = "train_ratio", features, limit, classes
    case channels, kernel, pooling, batchNorm = "batchnorm"
    case cell, layers, sequenceLength = "seq_len", temperature, delay, truncatedBPTT = "tbptt", forgetBias = "forget_bias"
    case heads, modelWidth = "d_model", context, positional, mask, task, model
    case augment, earlyStop = "early_stop"
    case residual, depth
    case labels, way, finetuneLR = "finetune_lr"
    case bottleneck, holdout

    /// What the key accepts, for help and error messages.
    public var accepted: String {
        switch self {
        case .lr: "a number from 1e-7 to 10"
        case .batch: "an integer from 1 to 4096"
        case .epochs: "an integer from 1 to 100000, or 'never' (train until paused; the Playground and lessons only)"
        case .optimizer: "one of " + OptimizerKind.allCases.map(\.rawValue).joined(separator: ", ")
        case .momentum: "a number in [0, 1)"
        case .weightDecay: "a number in [0, 1]"
        case .l1, .l2: "a number in [0, 10]"
        case .dropout: "a number in [0, 1)"
        case .activation: "one of " + ActivationFunction.allCases.map(\.rawValue).joined(separator: ", ")
        case .hidden: "comma-separated layer sizes from 1 to \(Self.maximumWidth), at most \(Self.maximumDepth) layers (e.g. 4,2), or 'none'"
        case .initializer: "one of " + Initializer.allCases.map(\.rawValue).joined(separator: ", ")
        case .schedule: "one of constant, step[:EVERY_STEPS[:GAMMA]], cosine, onecycle, warmup[:STEPS], warmup-cosine[:STEPS]"
        case .clip: "a positive number (maximum global gradient norm) or 'off'"
        case .loss: "one of " + LossKind.allCases.map(\.rawValue).joined(separator: ", ")
        case .dataset: "one of " + DatasetChoice.names.joined(separator: ", ")
        case .noise: "an integer from 0 to 50 (percent)"
        case .trainRatio: "an integer from 10 to 90 (percent of points used for training)"
        case .features: "comma-separated features from " + InputFeature.allCases.map(\.rawValue).joined(separator: ", ")
        case .limit: "a positive integer (training samples to use) or 'all'"
        case .classes: "an integer from \(PlaygroundDataset.classCountRange.lowerBound) to \(PlaygroundDataset.classCountRange.upperBound) (spiral and gauss only)"
        case .channels: "comma-separated output channels of the convolutional blocks (1 to 256 each, at most 4 blocks), or 'none' for an MLP"
        case .kernel: "an odd convolution kernel size from 1 to 7"
        case .pooling: "one of " + PoolingKind.allCases.map(\.rawValue).joined(separator: ", ")
        case .batchNorm: "on or off (after each convolution, or after each hidden dense layer when there are none)"
        case .cell: "one of " + RecurrentCell.allCases.map(\.rawValue).joined(separator: ", ")
        case .layers: "an integer from 1 to 4: transformer blocks, or hidden layers (dense or recurrent) each as wide as the last one"
        case .sequenceLength: "an integer from 2 to 512 (steps per training sequence)"
        case .temperature: "a number from 0.1 to 5 (sampling temperature for generated words)"
        case .delay: "an integer from 2 to 512 (steps the adding problem must remember across; blank steps before the copy task's recall)"
        case .forgetBias: "'pytorch' (drawn like every bias, the default) or a number from -5 to 10: the LSTM forget gate's starting bias"
        case .truncatedBPTT: "on or off (words: carry each batch's final state into the next, seq_len steps of backpropagation)"
        case .heads: "an integer from 1 to 16 that divides d_model (attention heads)"
        case .modelWidth: "an integer from 4 to 512 (the transformer's width)"
        case .context: "an integer from 2 to 512 (tokens a transformer reads at once)"
        case .positional: "one of " + PositionalEncodingKind.allCases.map(\.rawValue).joined(separator: ", ")
        case .mask: "on or off (the causal mask)"
        case .task: "one of " + ReversalTask.allCases.map(\.rawValue).joined(separator: ", ")
        case .model: "transformer (the preset's) or lstm: for a transformer preset, the recurrent model the comparison view trains instead (an embedding and an LSTM of 128 units)"
        case .augment: "on or off (random shifts of up to 2 pixels and mirror images, for fashion-mnist)"
        case .earlyStop: "an integer from 1 to 1000 (epochs without a lower validation loss before training stops and the best epoch's weights come back) or 'off'"
        case .residual: "on or off (a skip connection x + f(x) around each hidden layer of an MLP that keeps its width)"
        case .depth: "an integer from 1 to \(Self.maximumDepth): hidden layers of an MLP, each as wide as the last one"
        case .labels: "an integer from \(TransferSettings.labelRange.lowerBound) to \(TransferSettings.labelRange.upperBound): training images of each new class (fashion-transfer)"
        case .way: "one of " + TransferWay.allCases.map(\.rawValue).joined(separator: ", ") + " (fashion-transfer; all is for backprop train)"
        case .finetuneLR: "a number from 0.001 to 1: the pretrained layers' learning rate as a multiple of the head's when fine-tuning"
        case .bottleneck: "an integer from \(AutoencoderSettings.bottleneckRange.lowerBound) to \(AutoencoderSettings.bottleneckRange.upperBound) (numbers in an autoencoder's code)"
        case .holdout: "'none' or a Fashion-MNIST class left out of training: 0 to 9 or one of " + FashionMNIST.classNames.map(Self.className).joined(separator: ", ")
        }
    }

    /// A class name as `holdout` takes it: lower case, no spaces or slashes ("t-shirt").
    static func className(_ name: String) -> String {
        String(name.lowercased().prefix { $0 != "/" }).replacingOccurrences(of: " ", with: "-")
    }

    public static let maximumWidth = 1024
    public static let maximumDepth = 32

    public static var acceptedKeys: String { allCases.map(\.rawValue).joined(separator: ", ") }
}

extension RunConfiguration {
    /// Applies one `key=value` assignment, or explains what is wrong with it.
    public mutating func apply(_ assignment: String) throws(SettingError) {
        guard let equals = assignment.firstIndex(of: "=") else {
            throw SettingError("expected key=value, got '\(assignment)'; keys: \(SettingKey.acceptedKeys)")
        }
        let key = String(assignment[..<equals]).trimmingWhitespace
        let value = String(assignment[assignment.index(after: equals)...]).trimmingWhitespace
        guard let settingKey = SettingKey(rawValue: key) else {
            throw SettingError("unknown key '\(key)'; accepted keys: \(SettingKey.acceptedKeys)")
        }
        try apply(settingKey, value)
    }

    public mutating func apply(_ key: SettingKey, _ value: String) throws(SettingError) {
        let bad = SettingError.badValue(key.rawValue, value, accepted: key.accepted)
        switch key {
        case .lr: learningRate = try number(value, in: 1e-7...10, bad)
        case .batch: batchSize = try integer(value, in: 1...4096, bad)
        case .epochs:
            runsWithoutStop = value == "never"
            if !runsWithoutStop { epochs = try integer(value, in: 1...100_000, bad) }
        case .optimizer:
            guard let kind = OptimizerKind(rawValue: value) else { throw bad }
            optimizer = kind
        case .momentum: momentum = try number(value, in: 0...0.999_999, bad)
        case .weightDecay: weightDecay = try number(value, in: 0...1, bad)
        case .l1: l1 = try number(value, in: 0...10, bad)
        case .l2: l2 = try number(value, in: 0...10, bad)
        case .dropout: dropout = try number(value, in: 0...0.99, bad)
        case .activation:
            guard let function = ActivationFunction(rawValue: value) else { throw bad }
            activation = function
        case .hidden: hidden = try layerSizes(value, bad)
        case .initializer:
            guard let initializer = Initializer(rawValue: value) else { throw bad }
            self.initializer = initializer
        case .schedule: schedule = try parseSchedule(value, bad)
        case .clip: clipNorm = value == "off" ? nil : try number(value, in: 1e-6...1e6, bad)
        case .earlyStop: earlyStopPatience = value == "off" ? nil : try integer(value, in: 1...1000, bad)
        case .loss:
            guard let kind = LossKind(rawValue: value) else { throw bad }
            loss = kind
        case .dataset:
            guard let choice = DatasetChoice(name: value) else { throw bad }
            dataset = choice
        case .noise: noisePercent = try integer(value, in: PlaygroundData.noisePercentRange, bad)
        case .bottleneck:
            let width = try integer(value, in: AutoencoderSettings.bottleneckRange, bad)
            try changeAutoencoder(key) { $0.bottleneck = width }
        case .holdout:
            let names = FashionMNIST.classNames.map(SettingKey.className)
            guard value == "none" || Int(value).map((0..<names.count).contains) == true || names.contains(value) else { throw bad }
            let heldOut = value == "none" ? nil : Int(value) ?? names.firstIndex(of: value)
            try changeAutoencoder(key) { $0.heldOutClass = heldOut }
        case .trainRatio: trainPercent = try integer(value, in: PlaygroundData.trainPercentRange, bad)
        case .features:
            do { features = try InputFeature.parseList(value) } catch { throw SettingError.badValue(key.rawValue, value, accepted: key.accepted + " (\(error))") }
        case .limit: trainLimit = value == "all" ? nil : try integer(value, in: 1...10_000_000, bad)
        case .classes: classes = try integer(value, in: PlaygroundDataset.classCountRange, bad)
        case .channels:
            if value == "none" { convolution = nil; return }
            let counts = value.split(separator: ",", omittingEmptySubsequences: false).map { Int($0.trimmingWhitespace) }
            guard (1...4).contains(counts.count), counts.allSatisfy({ $0 != nil && (1...256).contains($0!) }) else { throw bad }
            var settings = convolution ?? ConvolutionSettings(channels: [], kernel: 3)
            if settings.channels.count != counts.count { settings.padding = nil }
            settings.channels = counts.map { $0! }
            convolution = settings
        case .kernel:
            let size = try integer(value, in: 1...7, bad)
            guard size % 2 == 1 else { throw bad }
            // The padding follows a new kernel size; the same size keeps it (LeNet's 2, 0).
            try changeConvolution(key) { if $0.kernel != size { $0.kernel = size; $0.padding = nil } }
        case .pooling:
            guard let kind = PoolingKind(rawValue: value) else { throw bad }
            try changeConvolution(key) { $0.pooling = kind }
        case .batchNorm:
            guard value == "on" || value == "off" else { throw bad }
            // The convolutional blocks when there are any, else the dense hidden layers.
            if convolution != nil { convolution?.batchNorm = value == "on" } else { denseBatchNorm = value == "on" }
        case .cell:
            guard let cell = RecurrentCell(rawValue: value) else { throw bad }
            sequence.cell = cell
        case .layers:
            let count = try integer(value, in: 1...4, bad)
            if transformer != nil { transformer?.layers = count } else { hidden = Array(repeating: hidden.last ?? 128, count: count) }
        case .sequenceLength: sequence.length = try integer(value, in: 2...512, bad)
        case .temperature: sequence.temperature = try number(value, in: 0.1...5, bad)
        case .delay:
            if dataset == .copy {
                sequence.copy.delay = try integer(value, in: 2...512, bad)
                return
            }
            guard dataset == .adding else { throw SettingError("key 'delay' applies to the adding problem and the copy task (dataset=adding, copy); use seq_len for words") }
            sequence.length = try integer(value, in: 2...512, bad)
        case .forgetBias:
            sequence.forgetBias = value == "pytorch" ? nil : try number(value, in: -5...10, bad)
        case .truncatedBPTT:
            guard value == "on" || value == "off" else { throw bad }
            guard (dataset == .words && transformer == nil) || value == "off" else {
                throw SettingError("key 'tbptt' applies to recurrent models of the word list (words-rnn, words-lstm, words-gru)")
            }
            sequence.truncatedBPTT = value == "on"
        case .heads:
            let heads = try integer(value, in: 1...16, bad)
            try changeTransformer(key) { $0.heads = heads }
        case .modelWidth:
            let width = try integer(value, in: 4...512, bad)
            try changeTransformer(key) { $0.modelWidth = width }
        case .context:
            guard transformer != nil else { throw needsTransformer(key) }
            sequence.length = try integer(value, in: 2...512, bad)
        case .positional:
            guard let kind = PositionalEncodingKind(rawValue: value) else { throw bad }
            try changeTransformer(key) { $0.positional = kind }
        case .mask:
            guard value == "on" || value == "off" else { throw bad }
            try changeTransformer(key) { $0.causal = value == "on" }
        case .augment:
            guard value == "on" || value == "off" else { throw bad }
            guard dataset == .fashionMNIST || value == "off" else { throw SettingError("key 'augment' applies to image datasets (dataset=fashion-mnist)") }
            augment = value == "on"
        case .model:
            guard value == "transformer" || value == "lstm" else { throw bad }
            guard transformer != nil else { throw needsTransformer(key) }
            if value == "lstm", let recurrent = ModelComparison.recurrentCounterpart(of: self) { self = recurrent }
        case .residual:
            guard value == "on" || value == "off" else { throw bad }
            residual = value == "on"
        case .depth:
            let count = try integer(value, in: 1...SettingKey.maximumDepth, bad)
            hidden = Array(repeating: hidden.last ?? 16, count: count)
        case .labels:
            let count = try integer(value, in: TransferSettings.labelRange, bad)
            try changeTransfer(key) { $0.labelsPerClass = count }
        case .way:
            guard let way = TransferWay(rawValue: value) else { throw bad }
            try changeTransfer(key) { $0.way = way }
        case .finetuneLR:
            let scale = try number(value, in: 0.001...1, bad)
            try changeTransfer(key) { $0.bodyLearningRateScale = scale }
        case .task:
            guard dataset == .reversal else { throw SettingError("key 'task' applies to the reversal dataset (dataset=reversal)") }
            guard let task = ReversalTask(rawValue: value) else { throw bad }
            sequence.task = task
        }
    }

    private mutating func changeTransfer(_ key: SettingKey, _ change: (inout TransferSettings) -> Void) throws(SettingError) {
        guard var settings = transfer else {
            throw SettingError("key '\(key.rawValue)' applies to the transfer-learning preset (fashion-transfer)")
        }
        change(&settings)
        transfer = settings
    }

    private mutating func changeTransformer(_ key: SettingKey, _ change: (inout TransformerSettings) -> Void) throws(SettingError) {
        guard var settings = transformer else { throw needsTransformer(key) }
        change(&settings)
        transformer = settings
    }

    private mutating func changeAutoencoder(_ key: SettingKey, _ change: (inout AutoencoderSettings) -> Void) throws(SettingError) {
        guard var settings = autoencoder else {
            throw SettingError("key '\(key.rawValue)' needs an autoencoder preset (fashion-autoencoder)")
        }
        change(&settings)
        autoencoder = settings
    }

    private func needsTransformer(_ key: SettingKey) -> SettingError {
        SettingError("key '\(key.rawValue)' needs a transformer preset (reverse-attention, tiny-gpt)")
    }

    private mutating func changeConvolution(_ key: SettingKey, _ change: (inout ConvolutionSettings) -> Void) throws(SettingError) {
        guard var settings = convolution else {
            throw SettingError("key '\(key.rawValue)' needs a convolutional network; set channels first (e.g. --set channels=8,16)")
        }
        change(&settings)
        convolution = settings
    }

    /// Checks that the settings fit together (loss and task, features and dataset).
    public func validate() throws(SettingError) {
        if dataset == .words && loss != .crossEntropy {
            throw SettingError("the word list trains next-character prediction: loss must be cross_entropy, not '\(loss.rawValue)'")
        }
        if let transformer, transformer.modelWidth % transformer.heads != 0 {
            throw SettingError("d_model \(transformer.modelWidth) does not divide into \(transformer.heads) heads")
        }
        if dataset.isSequence && hidden.count > 4 {
            throw SettingError("a recurrent model takes at most 4 layers (hidden=\(hidden.map(String.init).joined(separator: ",")))")
        }
        if transfer != nil && (dataset != .fashionMNIST || convolution == nil) {
            throw SettingError("transfer learning needs its convolutional network on fashion-mnist (the fashion-transfer preset's own)")
        }
        if convolution != nil && inputShape.count != 3 {
            throw SettingError("convolutional layers need an image dataset (fashion-mnist), not '\(dataset.name)'")
        }
        if classes != 2 {
            guard case .playground(let playground) = dataset, playground.supportsManyClasses else {
                throw SettingError("classes=\(classes) needs dataset spiral or gauss (dataset '\(dataset.name)' has its own classes)")
            }
        }
        if autoencoder != nil {
            guard dataset == .fashionMNIST, convolution == nil else {
                throw SettingError("an autoencoder rebuilds Fashion-MNIST images with dense layers: dataset must be fashion-mnist without channels")
            }
            guard loss == .mse else { throw SettingError("an autoencoder is trained on its reconstruction error: loss must be mse, not '\(loss.rawValue)'") }
        }
        if case .failure(let error) = loss.outputWidth(for: task) {
            throw SettingError("loss '\(loss.rawValue)' does not fit dataset '\(dataset.name)': \(error.description)")
        }
    }

    private func number(_ text: String, in range: ClosedRange<Float>, _ bad: SettingError) throws(SettingError) -> Float {
        guard let value = Float(text), value.isFinite, range.contains(value) else { throw bad }
        return value
    }

    private func integer(_ text: String, in range: ClosedRange<Int>, _ bad: SettingError) throws(SettingError) -> Int {
        guard let value = Int(text), range.contains(value) else { throw bad }
        return value
    }

    private func layerSizes(_ text: String, _ bad: SettingError) throws(SettingError) -> [Int] {
        if text == "none" || text.isEmpty { return [] }
        let sizes = text.split(separator: ",", omittingEmptySubsequences: false).map { Int($0.trimmingWhitespace) }
        guard sizes.count <= SettingKey.maximumDepth,
              sizes.allSatisfy({ $0 != nil && (1...SettingKey.maximumWidth).contains($0!) }) else { throw bad }
        return sizes.map { $0! }
    }

    private func parseSchedule(_ text: String, _ bad: SettingError) throws(SettingError) -> LearningRateSchedule {
        let parts = text.split(separator: ":").map(String.init)
        switch parts.first {
        case "constant" where parts.count == 1: return .constant
        case "cosine" where parts.count == 1: return .cosine
        case "onecycle" where parts.count == 1: return .oneCycle
        case "step":
            let every = parts.count > 1 ? Int(parts[1]) : 1000
            let gamma = parts.count > 2 ? Float(parts[2]) : 0.1
            guard parts.count <= 3, let every, every >= 1, let gamma, gamma > 0, gamma <= 1 else { throw bad }
            return .stepDecay(every: every, gamma: gamma)
        case "warmup", "warmup-cosine":
            let steps = parts.count > 1 ? Int(parts[1]) : 100
            guard parts.count <= 2, let steps, steps >= 1 else { throw bad }
            return parts[0] == "warmup" ? .warmup(steps: steps) : .warmupCosine(steps: steps)
        default: throw bad
        }
    }
}

extension StringProtocol {
    var trimmingWhitespace: String {
        String(drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}
