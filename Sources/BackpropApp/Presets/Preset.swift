import BackpropData
import BackpropEngine

/// A named starting point for a run: `backprop train NAME`, and the labs of the lessons.
public struct Preset: Sendable {
    public let name: String
    public let summary: String
    public let configuration: RunConfiguration

    /// Every preset, in the order `backprop presets` lists them.
    public static let all: [Preset] = [xor, spiral, playground, fashionMLP, digitsMLP, deepResidual, fashionCNN, fashionCNNBatchNorm, fashionAutoencoder, fashionTransfer,
                                       wordsRNN, wordsLSTM, wordsGRU, addingRNN, addingLSTM, copyRNN, copyLSTM,
                                       reverseAttention, tinyGPT]

    public static func named(_ name: String) -> Preset? { all.first { $0.name == name } }

    /// The Playground's XOR set learned by one small hidden layer.
    public static let xor = Preset(
        name: "xor", summary: "XOR quadrants (500 points), one hidden layer of 8 tanh units, cross-entropy",
        configuration: RunConfiguration(
            preset: "xor", dataset: .playground(.xor), hidden: [8], activation: .tanh, loss: .crossEntropy,
            optimizer: .adam, learningRate: 0.03, batchSize: 10, epochs: 60, initializer: .xavier))

    /// The two interleaved spirals, which need a deeper net.
    public static let spiral = Preset(
        name: "spiral", summary: "two-class spiral (500 points), MLP 24-24 tanh, softmax cross-entropy, Adam with cosine decay",
        configuration: RunConfiguration(
            preset: "spiral", dataset: .playground(.spiral), trainPercent: 80, hidden: [24, 24], activation: .tanh,
            loss: .crossEntropy, optimizer: .adam, learningRate: 0.02, batchSize: 10, epochs: 200, initializer: .xavier,
            schedule: .cosine))

    /// TensorFlow Playground's defaults: circle, X₁ X₂, 4-2 tanh, lr 0.03, batch 10, MSE.
    public static let playground = Preset(
        name: "playground", summary: "TensorFlow Playground defaults: circle, x1 x2, hidden 4,2 tanh, SGD lr 0.03, batch 10, MSE",
        configuration: RunConfiguration(
            preset: "playground", dataset: .playground(.circle), hidden: [4, 2], activation: .tanh, outputActivation: .tanh,
            loss: .mse, optimizer: .sgd, learningRate: 0.03, batchSize: 10, epochs: 100, initializer: .playground))

    /// The 784-128-64-10 ReLU MLP on Fashion-MNIST.
    public static let fashionMLP = Preset(
        name: "fashion-mlp", summary: "Fashion-MNIST (60k/10k), MLP 784-128-64-10 ReLU, Adam with one-cycle lr 0.003, batch 64",
        configuration: RunConfiguration(
            preset: "fashion-mlp", dataset: .fashionMNIST, hidden: [128, 64], activation: .relu, loss: .crossEntropy,
            optimizer: .adam, learningRate: 0.003, batchSize: 64, epochs: 5, initializer: .pytorch, schedule: .oneCycle))

    /// The 8x8 UCI digits shipped in datasets/: a real dataset small enough for any lab.
    public static let digitsMLP = Preset(
        name: "digits-mlp", summary: "UCI 8x8 digits (1797 images, shipped), MLP 64-32-10 ReLU, Adam",
        configuration: RunConfiguration(
            preset: "digits-mlp", dataset: .digits, hidden: [32], activation: .relu, loss: .crossEntropy,
            optimizer: .adam, learningRate: 0.003, batchSize: 32, epochs: 30, initializer: .pytorch))

    /// Twenty-four tanh layers on the digits, each (after the first) wrapped in a skip
    /// connection; `residual=off` is the same stack without them, whose first layers starve.
    /// PyTorch's default initialization and plain SGD: nothing rescales a vanishing gradient.
    public static let deepResidual = Preset(
        name: "deep-residual", summary: "UCI 8x8 digits, 24 tanh layers of 16 with skips x + f(x) (--set residual=off, depth=N), SGD lr 0.1",
        configuration: RunConfiguration(
            preset: "deep-residual", dataset: .digits, hidden: Array(repeating: 16, count: 24), activation: .tanh,
            loss: .crossEntropy, optimizer: .sgd, learningRate: 0.1, batchSize: 32, epochs: 10, residual: true,
            initializer: .pytorch))

    /// LeNet-5's shape on Fashion-MNIST: conv 6@5x5 pad 2, pool, conv 16@5x5, pool, 120, 84, 10.
    public static let fashionCNN = Preset(
        name: "fashion-cnn", summary: "Fashion-MNIST, LeNet-5-like CNN (conv 6@5x5, pool, conv 16@5x5, pool, 120, 84, 10), ReLU, Adam",
        configuration: RunConfiguration(
            preset: "fashion-cnn", dataset: .fashionMNIST, hidden: [120, 84], activation: .relu, loss: .crossEntropy,
            optimizer: .adam, learningRate: 0.002, batchSize: 64, epochs: 5, initializer: .pytorch, schedule: .oneCycle,
            convolution: ConvolutionSettings(channels: [6, 16], kernel: 5, padding: [2, 0])))

    /// Two convolutional blocks with batch normalization, then one hidden layer.
    public static let fashionCNNBatchNorm = Preset(
        name: "fashion-cnn-bn", summary: "Fashion-MNIST, two conv blocks (16@3x3, 32@3x3) with batch norm, 128 hidden, dropout 0.2, Adam",
        configuration: RunConfiguration(
            preset: "fashion-cnn-bn", dataset: .fashionMNIST, hidden: [128], activation: .relu, loss: .crossEntropy,
            optimizer: .adam, learningRate: 0.003, batchSize: 64, epochs: 8, dropout: 0.2, initializer: .pytorch, schedule: .oneCycle,
            convolution: ConvolutionSettings(channels: [16, 32], kernel: 3, batchNorm: true)))

    /// Transfer learning: a small CNN pretrained on Fashion-MNIST classes 0–4 (cached in the
    /// state folder), then classes 5–9 from `labels` images each, by feature extraction,
    /// fine-tuning or from scratch; `backprop train` runs the three (`way=all`).
    public static let fashionTransfer: Preset = {
        var configuration = RunConfiguration(
            preset: "fashion-transfer", dataset: .fashionMNIST, hidden: [], activation: .relu, loss: .crossEntropy,
            optimizer: .adam, learningRate: 0.002, batchSize: 32, epochs: 10, initializer: .pytorch,
            convolution: ConvolutionSettings(channels: [8, 16], kernel: 3))
        configuration.transfer = TransferSettings()
        return Preset(name: "fashion-transfer",
                      summary: "Fashion-MNIST classes 5-9 from 100 labels each (--set labels=N): a CNN (conv 8, conv 16, linear) pretrained on classes 0-4, by way=extract, finetune or scratch (all: the three)",
                      configuration: configuration)
    }()

    /// An encoder–decoder that rebuilds Fashion-MNIST images through a 2-number code, which
    /// can be drawn as a plane; small enough (210k parameters) to train live in a lab; `bottleneck`, `noise` (denoising) and `holdout` change it.
    public static let fashionAutoencoder: Preset = {
        var configuration = RunConfiguration(
            preset: "fashion-autoencoder", dataset: .fashionMNIST, hidden: [128, 32], activation: .relu, loss: .mse,
            optimizer: .adam, learningRate: 0.001, batchSize: 64, epochs: 10, initializer: .pytorch)
        configuration.autoencoder = AutoencoderSettings(bottleneck: 2)
        return Preset(name: "fashion-autoencoder",
                      summary: "Fashion-MNIST autoencoder 784-128-32-2-32-128-784, ReLU, sigmoid pixels, MSE, Adam (--set bottleneck=2..64, noise=%, holdout=CLASS)",
                      configuration: configuration)
    }()

    /// A character-level language model over the word list with a given cell.
    static func words(_ cell: RecurrentCell) -> Preset {
        var configuration = RunConfiguration(
            preset: "words-\(cell.rawValue)", dataset: .words, hidden: [128], activation: .tanh, loss: .crossEntropy,
            optimizer: .adam, learningRate: 0.003, batchSize: 32, epochs: 2, initializer: .pytorch, clipNorm: 1)
        configuration.sequence.cell = cell
        return Preset(name: configuration.preset,
                      summary: "next character over the wamerican word list: embedding 32, \(cell.moduleName) 128, seq 64, Adam, clip 1",
                      configuration: configuration)
    }

    public static let wordsRNN = words(.rnn)
    public static let wordsLSTM = words(.lstm)
    public static let wordsGRU = words(.gru)

    /// The adding problem over `length` steps with a given cell.
    static func adding(_ cell: RecurrentCell) -> Preset {
        var configuration = RunConfiguration(
            preset: "adding-\(cell.rawValue)", dataset: .adding, hidden: [64], activation: .tanh, loss: .mse,
            optimizer: .adam, learningRate: 0.003, batchSize: 32, epochs: 10, initializer: .pytorch, clipNorm: 1)
        configuration.sequence.cell = cell
        configuration.sequence.length = 50
        return Preset(name: configuration.preset,
                      summary: "adding problem, 50 steps (--set delay=N): \(cell.moduleName) 64 → last step → 1, MSE, Adam, clip 1",
                      configuration: configuration)
    }

    public static let addingRNN = adding(.rnn)
    public static let addingLSTM = adding(.lstm)

    /// The copy task: recall a few symbols after `delay` blank steps, with a given cell.
    static func copy(_ cell: RecurrentCell) -> Preset {
        var configuration = RunConfiguration(
            preset: "copy-\(cell.rawValue)", dataset: .copy, hidden: [64], activation: .tanh, loss: .crossEntropy,
            optimizer: .adam, learningRate: 0.01, batchSize: 32, epochs: 10, initializer: .pytorch, clipNorm: 1)
        configuration.sequence.cell = cell
        configuration.sequence.embedding = 8
        let task = configuration.sequence.copy
        return Preset(name: configuration.preset,
                      summary: "copy task: recall \(task.symbols) of \(task.alphabet) symbols after \(task.delay) blank steps (--set delay=N): embedding 8, \(cell.moduleName) 64, Adam, clip 1",
                      configuration: configuration)
    }

    public static let copyRNN = copy(.rnn)
    public static let copyLSTM = copy(.lstm)

    /// A small encoder that learns to reverse (or, with task=sort, sort) eight digits.
    public static let reverseAttention: Preset = {
        var configuration = RunConfiguration(
            preset: "reverse-attention", dataset: .reversal, hidden: [], activation: .gelu, loss: .crossEntropy,
            optimizer: .adamw, learningRate: 0.003, batchSize: 64, epochs: 8, initializer: .pytorch, schedule: .warmupCosine(steps: 100),
            clipNorm: 1)
        configuration.sequence.length = 8
        configuration.transformer = TransformerSettings(layers: 2, heads: 2, modelWidth: 32, positional: .learned, causal: false)
        return Preset(name: "reverse-attention",
                      summary: "reverse 8 digits (--set task=sort to sort): 2 transformer blocks, 2 heads, d 32, learned positions, AdamW with warm-up and cosine decay",
                      configuration: configuration)
    }()

    /// A character-level GPT over the word list: 2 causal blocks, 4 heads, d 64, context 64.
    public static let tinyGPT: Preset = {
        var configuration = RunConfiguration(
            preset: "tiny-gpt", dataset: .words, hidden: [], activation: .gelu, loss: .crossEntropy,
            optimizer: .adamw, learningRate: 0.003, batchSize: 32, epochs: 2, initializer: .pytorch, schedule: .warmupCosine(steps: 100),
            clipNorm: 1)
        configuration.transformer = TransformerSettings(layers: 2, heads: 4, modelWidth: 64, positional: .learned, causal: true)
        return Preset(name: "tiny-gpt",
                      summary: "next character over the word list: 2 causal transformer blocks, 4 heads, d 64, context 64, AdamW with warm-up and cosine decay",
                      configuration: configuration)
    }()
}
