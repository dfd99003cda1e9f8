import BackpropData
import BackpropEngine
import Foundation

/// What a PyTorch script for a saved model needs beyond the file's own description: the
/// layers as built for the loaded data, how the run trains, and where its data comes from.
/// A value, so the script is a pure function of it (see `PyTorchExport.script`).
struct PyTorchExportPlan: Equatable {
    var layers: [LayerDescriptor]
    var loss: LossKind
    /// Classes of a classifier; nil for regression.
    var classes: Int?
    /// Outputs per prediction (the last dimension of the model's output).
    var outputWidth: Int
    /// Predictions per sample: 1, or one per scored step of a sequence.
    var predictionsPerSample: Int
    /// The parameters the L1/L2 penalty covers (weights, not biases), by state-dict name.
    var penalized: [String]
    var penalty: Penalty
    var optimizer: OptimizerSettings
    var schedule: LearningRateSchedule
    var clipNorm: Float?
    var batchSize: Int
    /// The run's length in epochs, which a schedule spans.
    var epochs: Int
    /// Words with `tbptt=on`: each training batch starts from the previous batch's final state.
    var carriesRecurrentState: Bool
    var data: PyTorchExportData
    /// The weights file, as an absolute path.
    var weightsPath: String
    /// The companion data file's name, beside the script; nil when the data needs none.
    var companionName: String?
}

/// Where the script's data comes from, and what it does to it.
enum PyTorchExportData: Equatable {
    /// A Playground set: the generated points are in the companion file; the script computes the features.
    case playground(dataset: String, features: [String], regression: Bool)
    /// Fashion-MNIST's IDX files in `folder`: training images, and the test images as validation.
    case fashionMNIST(folder: String, limit: Int?, augment: Bool)
    /// The same files for an autoencoder: each image its own target, a held-out class left
    /// out, noise of standard deviation `noise` on the inputs (validation's in the companion file).
    case fashionAutoencoder(folder: String, limit: Int?, heldOutClass: Int?, noise: Float)
    /// The shipped digits CSV at `path`; the companion file holds the seeded split's rows.
    case digits(path: String)
    /// The word list at `path`; the companion file holds the seeded split's words.
    case words(path: String, sequenceLength: Int)
    /// Generated sequences whose inputs are in the companion file; the script derives the targets.
    case adding
    case copy(symbols: Int)
    case reversal(sorts: Bool)

    /// Whether the script reads a companion file written beside it.
    var needsCompanion: Bool {
        switch self {
        case .fashionMNIST: return false
        case .fashionAutoencoder(_, _, _, let noise): return noise > 0
        default: return true
        }
    }
}

struct PyTorchExportError: Error, CustomStringConvertible {
    let description: String
}

extension PyTorchExportPlan {
    /// The plan for a prepared run (its data loaded, its weights not needed). `weightsPath` is
    /// written into the script; `companionName` names the file beside it, when one is needed.
    init(run: PreparedRun, weightsPath: String, companionName: String) throws {
        let configuration = run.configuration
        let trainer = run.trainer
        let network = trainer.network
        let data = try Self.dataSource(of: run)
        if case .classification = trainer.data.train.task, configuration.dataset.isSequence,
           configuration.loss != .crossEntropy {
            // The engine scores such outputs as one flat row per sequence; PyTorch has no such loss.
            throw PyTorchExportError(description: "loss \(configuration.loss.rawValue) on sequences has no PyTorch counterpart; only cross_entropy is exported for them")
        }
        if let unknown = network.descriptors.first(where: { PyTorchExport.pythonModule(for: $0) == nil }) {
            throw PyTorchExportError(description: "the model has a '\(unknown.type)' layer, which has no PyTorch export")
        }
        var classes: Int?
        if case .classification(let count) = trainer.data.train.task { classes = count }
        self.init(
            layers: network.descriptors, loss: configuration.loss, classes: classes,
            outputWidth: network.outputShape.last ?? 1, predictionsPerSample: trainer.predictionsPerSample,
            penalized: network.weights.map(\.name), penalty: trainer.settings.penalty, optimizer: trainer.optimizer.settings,
            schedule: trainer.settings.schedule, clipNorm: trainer.settings.clipNorm, batchSize: trainer.settings.batchSize,
            epochs: trainer.settings.epochs, carriesRecurrentState: trainer.settings.carriesRecurrentState, data: data,
            weightsPath: weightsPath, companionName: data.needsCompanion ? companionName : nil)
    }

    private static func dataSource(of run: PreparedRun) throws -> PyTorchExportData {
        let configuration = run.configuration
        switch configuration.dataset {
        case .playground(let dataset):
            return .playground(dataset: dataset.rawValue, features: configuration.features.map(\.rawValue), regression: dataset.isRegression)
        case .fashionMNIST where configuration.transfer != nil:
            // Its training images are a seeded pick of classes 5-9 that the script cannot redraw.
            throw PyTorchExportError(description: "a fashion-transfer model's data (a seeded pick of classes 5-9) has no PyTorch export yet; its weights file loads into the nn.Sequential by the same names")
        case .fashionMNIST:
            if let autoencoder = configuration.autoencoder {
                return .fashionAutoencoder(folder: absolute(FashionMNIST.defaultFolder), limit: configuration.trainLimit,
                                           heldOutClass: autoencoder.heldOutClass, noise: configuration.inputNoise)
            }
            return .fashionMNIST(folder: absolute(FashionMNIST.defaultFolder), limit: configuration.trainLimit, augment: configuration.augment)
        case .digits:
            return .digits(path: absolute(try DatasetLocations.locate(OpticalDigits.relativePath)))
        case .words:
            return .words(path: absolute(WordList.path), sequenceLength: configuration.sequence.length)
        case .adding:
            return .adding
        case .copy:
            return .copy(symbols: configuration.sequence.copy.symbols)
        case .reversal:
            return .reversal(sorts: configuration.sequence.task == .sort)
        }
    }

    static func absolute(_ path: String) -> String {
        URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true))
            .standardizedFileURL.path
    }

    /// The companion file's tensors: what the script cannot rebuild without Backprop's own
    /// random numbers (the generated points or sequences, the seeded split). nil when none.
    static func companionTensors(of run: PreparedRun, data: PyTorchExportData) throws -> [String: NamedTensor]? {
        let dataSeed = RunBuilder.dataSeed(for: run.seed)
        switch data {
        case .fashionMNIST:
            return nil
        case .fashionAutoencoder(_, _, _, let noise):
            // Validation's noise is Backprop's own draw: the script reads it rather than redraws it.
            return noise > 0 ? ["validation.inputs": inputTensor(run.trainer.data.validation)] : nil
        case .playground:
            guard let points = run.playground else { throw PyTorchExportError(description: "the Playground points were not kept") }
            return pointTensors(points.trainPoints, prefix: "train").merging(pointTensors(points.testPoints, prefix: "validation")) { $1 }
        case .digits(let path):
            let rows = OpticalDigits.splitRows(count: try OpticalDigits.rowCount(path: path), seed: dataSeed)
            return ["train.rows": indexTensor(rows.train), "validation.rows": indexTensor(rows.validation)]
        case .words(let path, _):
            let lines = WordList.splitLines(count: try WordList.wordCount(path: path), seed: dataSeed, limit: run.configuration.trainLimit)
            return ["train.words": indexTensor(lines.train), "validation.words": indexTensor(lines.validation)]
        case .adding, .copy, .reversal:
            return ["train.inputs": inputTensor(run.trainer.data.train), "validation.inputs": inputTensor(run.trainer.data.validation)]
        }
    }

    private static func pointTensors(_ points: [PlaygroundPoint], prefix: String) -> [String: NamedTensor] {
        [prefix + ".points": NamedTensor(shape: [points.count, 2], values: points.flatMap { [Float($0.x1), Float($0.x2)] }),
         prefix + ".labels": NamedTensor(shape: [points.count], values: points.map { Float($0.label) })]
    }

    /// Indices as float32, exact below 2^24 (more than any file here holds).
    private static func indexTensor(_ indices: [Int]) -> NamedTensor {
        NamedTensor(shape: [indices.count], values: indices.map(Float.init))
    }

    private static func inputTensor(_ dataset: any Dataset) -> NamedTensor {
        let inputs = Tensor(rows: dataset.count, sampleShape: dataset.inputShape)
        let targets = Tensor(rows: dataset.count, columns: dataset.targetWidth)
        dataset.fillBatch(indices: Array(0..<dataset.count)[...], inputs: inputs.data, targets: targets.data)
        return NamedTensor(shape: inputs.shape, values: inputs.values)
    }
}
