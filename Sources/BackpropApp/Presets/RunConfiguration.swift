import BackpropData
import BackpropEngine

/// Everything that defines a training run: the data, the architecture and the knobs.
/// Presets fill it in; `--set key=value` changes one field at a time.
public struct RunConfiguration: Equatable, Sendable {
    public var preset: String
    public var dataset: DatasetChoice
    public var noisePercent = 0
    public var trainPercent = PlaygroundData.defaultTrainPercent
    /// Classes of a spiral or gauss Playground set (2–5); other datasets keep their own.
    public var classes = 2
    public var features: [InputFeature] = InputFeature.defaults
    public var hidden: [Int]
    public var activation: ActivationFunction
    /// Applied to the output of a classifier trained with MSE (the Playground's tanh, for
    /// ±1 targets); regression outputs stay linear, as in the Playground.
    public var outputActivation: ActivationFunction?
    public var loss: LossKind
    public var optimizer: OptimizerKind
    /// nil: the optimizer's default.
    public var learningRate: Float?
    public var momentum: Float?
    public var weightDecay: Float?
    public var batchSize: Int
    public var epochs: Int
    /// Trains on past `epochs` until paused: the Playground's "Stop after: never". A
    /// schedule still spans `epochs`; `backprop train` refuses it (it would never end).
    public var runsWithoutStop = false
    public var l1: Float = 0
    public var l2: Float = 0
    public var dropout: Float = 0
    /// Batch normalization after each hidden dense layer (a CNN's is in `convolution`).
    public var denseBatchNorm = false
    /// A skip connection `x + f(x)` around each hidden dense layer that keeps its width.
    public var residual = false
    public var initializer: Initializer
    public var schedule: LearningRateSchedule = .constant
    public var clipNorm: Float?
    /// Epochs without a lower validation loss before training stops and the best epoch's
    /// weights come back; nil (`early_stop=off`, the default) trains every epoch.
    public var earlyStopPatience: Int?
    /// Use at most this many training samples (quick runs on large sets).
    public var trainLimit: Int?
    /// Convolutional blocks before the dense layers; nil for a plain MLP.
    public var convolution: ConvolutionSettings?
    /// The recurrent model for sequence datasets (words, adding); `hidden` lists its layers.
    public var sequence = SequenceSettings()
    /// A transformer instead of recurrent layers, for sequence datasets.
    public var transformer: TransformerSettings?
    /// Random shifts and mirror images of the training images (image datasets only).
    public var augment = false
    /// Fashion-MNIST classes 5–9 from a few labels, from a body pretrained on classes 0–4.
    public var transfer: TransferSettings?
    /// An encoder–decoder that rebuilds its input image instead of classifying it; nil for
    /// a classifier. `noisePercent` is then the input noise of a denoising autoencoder.
    public var autoencoder: AutoencoderSettings?

    /// Whether a run that has trained `epoch` epochs may train another.
    public func hasEpochsLeft(after epoch: Int) -> Bool { runsWithoutStop || epoch < epochs }

    public var task: TaskKind {
        if autoencoder != nil { return .regression(outputs: inputShape.reduce(1, *)) }
        if case .playground(let playground) = dataset { return playground.task(classes: classes) }
        if transfer != nil { return .classification(classes: TransferSettings.targetClasses.count) }
        return dataset.task
    }

    public var optimizerSettings: OptimizerSettings {
        OptimizerSettings(kind: optimizer, learningRate: learningRate, momentum: momentum, weightDecay: weightDecay)
    }

    public var trainingSettings: TrainingSettings {
        var settings = TrainingSettings(batchSize: batchSize, optimizer: optimizerSettings, schedule: schedule,
                                        penalty: Penalty(l1: l1, l2: l2), clipNorm: clipNorm, epochs: epochs)
        settings.carriesRecurrentState = sequence.truncatedBPTT
        settings.earlyStopPatience = earlyStopPatience
        return settings
    }

    /// A recurrent model (RNN, LSTM or GRU cells) on a sequence dataset, not a transformer.
    public var isRecurrent: Bool { dataset.isSequence && transformer == nil }
    /// A recurrent model of LSTM cells, the one cell with forget gates.
    public var hasLSTMCells: Bool { isRecurrent && sequence.cell == .lstm }

    /// The input shape the dataset gives the network.
    public var inputShape: [Int] {
        switch dataset {
        case .playground: [features.count]
        case .fashionMNIST: [1, 28, 28]
        case .digits: [64]
        case .words: [sequence.length]
        case .adding: [sequence.length, 2]
        case .reversal: [sequence.length]
        case .copy: [sequence.copy.length]
        }
    }

    /// The MLP this configuration describes (output width from the loss and task).
    public func modelSpec() throws(ModelError) -> MLPSpec {
        let outputs = try loss.outputWidth(for: task).get()
        return MLPSpec(inputSize: inputShape.reduce(1, *), hidden: hidden, outputSize: outputs,
                       activation: activation, outputActivation: loss == .mse && task != .regression(outputs: outputs) ? outputActivation : nil,
                       dropout: dropout, batchNorm: denseBatchNorm, residual: residual)
    }

    /// The network's layers in `nn.Sequential` order for the loaded data's task: recurrent
    /// layers for sequences, else convolutional blocks (if any) and then the MLP.
    public func makeLayers(for dataTask: TaskKind, seed: UInt64) throws(ModelError) -> [any Layer] {
        if let transformer, dataset.isSequence {
            return try transformer.makeLayers(vocabulary: loss.outputWidth(for: dataTask).get(), steps: sequence.length)
        }
        if dataset.isSequence { return try sequenceLayers(outputs: loss.outputWidth(for: dataTask).get()) }
        if let autoencoder { return autoencoderSpec(autoencoder).makeLayers() }
        let mlp = try modelSpec()
        // Images reach an MLP through nn.Flatten, as the equivalent PyTorch model would.
        guard let convolution else { return (inputShape.count > 1 ? [Flatten()] : []) + mlp.makeLayers(seed: seed) }
        return try CNNSpec(inputShape: inputShape, channels: convolution.channels, kernel: convolution.kernel,
                           padding: convolution.padding, pooling: convolution.pooling, batchNorm: convolution.batchNorm, hidden: hidden,
                           outputSize: mlp.outputSize, activation: activation, dropout: dropout).makeLayers(seed: seed)
    }
}

/// What makes a run an autoencoder: the width of its code, and a class training never sees.
public struct AutoencoderSettings: Equatable, Sendable {
    /// Numbers in the code between encoder and decoder (2 draws as a plane).
    public var bottleneck: Int
    /// A class left out of training, whose higher reconstruction error the anomaly view
    /// shows; nil trains on every class.
    public var heldOutClass: Int?

    public static let bottleneckRange = 2...64

    public init(bottleneck: Int, heldOutClass: Int? = nil) {
        self.bottleneck = bottleneck
        self.heldOutClass = heldOutClass
    }
}

extension RunConfiguration {
    /// The encoder–decoder for these settings: `hidden` are the encoder's widths.
    public func autoencoderSpec(_ settings: AutoencoderSettings) -> AutoencoderSpec {
        AutoencoderSpec(inputSize: inputShape.reduce(1, *), hidden: hidden, bottleneck: settings.bottleneck, activation: activation)
    }

    /// Standard deviation of a denoising autoencoder's input noise, in pixel units.
    public var inputNoise: Float { Float(noisePercent) / 100 }
}

/// The convolutional part of a configuration: one block per entry of `channels`.
public struct ConvolutionSettings: Equatable, Sendable {
    public var channels: [Int]
    public var kernel: Int
    /// Zero padding per block; nil pads every block by kernel/2 (sizes kept).
    public var padding: [Int]?
    public var pooling: PoolingKind
    public var batchNorm: Bool

    public init(channels: [Int], kernel: Int, padding: [Int]? = nil, pooling: PoolingKind = .max, batchNorm: Bool = false) {
        self.channels = channels
        self.kernel = kernel
        self.padding = padding
        self.pooling = pooling
        self.batchNorm = batchNorm
    }
}

/// The recurrent part of a configuration.
public struct SequenceSettings: Equatable, Sendable {
    public var cell: RecurrentCell = .lstm
    /// Embedding size of each character (word models).
    public var embedding = 32
    /// Steps per training sequence: the BPTT window for words, the delay to bridge for adding.
    public var length = 64
    /// Sampling temperature for generated words: below 1 sharper, above 1 wilder.
    public var temperature: Float = 1
    /// What the reversal dataset asks for.
    public var task: ReversalTask = .reverse
    /// The copy dataset's symbols and delay.
    public var copy = CopyTask(delay: 10)
    /// Words: train on the stream in order, each batch starting from the previous batch's
    /// final state (truncated BPTT, `seq_len` steps at a time), instead of from zeros.
    public var truncatedBPTT = false
    /// An LSTM's forget-gate bias at initialization; nil for PyTorch's draw (see `Recurrent`).
    public var forgetBias: Float?

    public init() {}
}

extension RunConfiguration {
    /// Words: Embedding → recurrent layers → Linear to the vocabulary at every step.
    /// Adding: recurrent layers → the last step → Linear to one number.
    func sequenceLayers(outputs: Int) throws(ModelError) -> [any Layer] {
        guard !hidden.isEmpty else { throw ModelError("a recurrent model needs at least one hidden layer (--set hidden=128)") }
        var layers: [any Layer] = []
        var width: Int
        if dataset == .words || dataset == .reversal {
            layers.append(Embedding(vocabularySize: outputs, dimension: sequence.embedding))
            width = sequence.embedding
        } else if dataset == .copy {
            layers.append(Embedding(vocabularySize: sequence.copy.tokenCount, dimension: sequence.embedding))
            width = sequence.embedding
        } else {
            width = 2
        }
        for size in hidden {
            let recurrent = Recurrent(cell: sequence.cell, inputSize: width, hiddenSize: size)
            recurrent.forgetGateBias = sequence.forgetBias
            layers.append(recurrent)
            width = size
        }
        if dataset == .adding { layers.append(LastSteps.lastStep()) }
        if dataset == .copy { layers.append(LastSteps(count: sequence.copy.symbols)) }
        layers.append(Dense(inputSize: width, outputSize: outputs))
        return layers
    }
}

/// A decoder or encoder of pre-norm transformer blocks over token sequences.
public struct TransformerSettings: Equatable, Sendable {
    public var layers: Int
    public var heads: Int
    public var modelWidth: Int
    public var positional: PositionalEncodingKind
    /// Causal mask: each step sees only itself and earlier steps (a decoder).
    public var causal: Bool

    public init(layers: Int, heads: Int, modelWidth: Int, positional: PositionalEncodingKind, causal: Bool) {
        self.layers = layers
        self.heads = heads
        self.modelWidth = modelWidth
        self.positional = positional
        self.causal = causal
    }

    /// Embedding → positions → blocks → LayerNorm → Linear to the vocabulary at every step.
    func makeLayers(vocabulary: Int, steps: Int) throws(ModelError) -> [any Layer] {
        guard modelWidth % heads == 0 else { throw ModelError("d_model \(modelWidth) does not divide into \(heads) heads") }
        var layers: [any Layer] = [Embedding(vocabularySize: vocabulary, dimension: modelWidth),
                                   PositionalEncoding(positional, steps: steps, width: modelWidth)]
        for _ in 0..<self.layers { layers.append(TransformerBlock(modelWidth: modelWidth, heads: heads, causal: causal)) }
        layers.append(LayerNorm(features: modelWidth))
        layers.append(Dense(inputSize: modelWidth, outputSize: vocabulary))
        return layers
    }
}
