/// What a dataset's targets are, which decides the loss and metrics that make sense.
public enum TaskKind: Equatable, Sendable {
    /// One class index per sample, `classes` classes.
    case classification(classes: Int)
    /// `outputs` real numbers per sample.
    case regression(outputs: Int)

    public var outputWidth: Int {
        switch self {
        case .classification(let classes): classes
        case .regression(let outputs): outputs
        }
    }
}

/// Samples the trainer draws batches from. Implementations may store data compactly
/// (bytes, generators) and convert to floats only per batch.
public protocol Dataset: Sendable {
    var count: Int { get }
    /// Shape of one input sample, e.g. `[2]` or `[1, 28, 28]`.
    var inputShape: [Int] { get }
    var task: TaskKind { get }
    /// Floats per target: 1 for a class index or a single regression value.
    var targetWidth: Int { get }
    /// Writes the samples at `indices` into `inputs` (row-major, one sample after another)
    /// and their targets into `targets` (class indices are stored as whole floats).
    func fillBatch(indices: ArraySlice<Int>, inputs: UnsafeMutablePointer<Float>, targets: UnsafeMutablePointer<Float>)
}

extension Dataset {
    public var inputSize: Int { inputShape.reduce(1, *) }
}

/// A dataset held as floats in memory: the 2-D sets, digits, sequences.
public struct TensorDataset: Dataset {
    public let inputs: [Float]
    public let targets: [Float]
    public let inputShape: [Int]
    public let task: TaskKind
    public let targetWidth: Int

    public init(inputs: [Float], targets: [Float], inputShape: [Int], task: TaskKind, targetWidth: Int = 1) {
        let inputSize = inputShape.reduce(1, *)
        precondition(inputSize > 0 && inputs.count % inputSize == 0, "inputs do not divide into samples of \(inputShape)")
        precondition(targets.count == inputs.count / inputSize * targetWidth, "one target per sample expected")
        self.inputs = inputs
        self.targets = targets
        self.inputShape = inputShape
        self.task = task
        self.targetWidth = targetWidth
    }

    public var count: Int { inputs.count / inputSize }

    public func fillBatch(indices: ArraySlice<Int>, inputs destination: UnsafeMutablePointer<Float>, targets targetDestination: UnsafeMutablePointer<Float>) {
        let size = inputSize
        inputs.withUnsafeBufferPointer { source in
            targets.withUnsafeBufferPointer { targetSource in
                for (row, sample) in indices.enumerated() {
                    copyRow(from: source.baseAddress! + sample * size, to: destination + row * size, count: size)
                    copyRow(from: targetSource.baseAddress! + sample * targetWidth, to: targetDestination + row * targetWidth,
                            count: targetWidth)
                }
            }
        }
    }

    /// A sample's floats: a 2-D point and its label are three floats, and a `memmove` call
    /// for each cost more than the copy (a tenth of a Playground step went to copying its
    /// 500 points); rows of up to four floats are assigned directly.
    @inline(__always)
    private func copyRow(from source: UnsafePointer<Float>, to destination: UnsafeMutablePointer<Float>, count: Int) {
        switch count {
        case 1: destination[0] = source[0]
        case 2: destination[0] = source[0]; destination[1] = source[1]
        case 3: destination[0] = source[0]; destination[1] = source[1]; destination[2] = source[2]
        case 4: for i in 0..<4 { destination[i] = source[i] }
        default: destination.update(from: source, count: count)
        }
    }

    /// The samples at `indices` as a new dataset (for train/validation splits).
    public func subset(_ indices: [Int]) -> TensorDataset {
        var newInputs = [Float](); newInputs.reserveCapacity(indices.count * inputSize)
        var newTargets = [Float](); newTargets.reserveCapacity(indices.count * targetWidth)
        for i in indices {
            newInputs.append(contentsOf: inputs[i * inputSize ..< (i + 1) * inputSize])
            newTargets.append(contentsOf: targets[i * targetWidth ..< (i + 1) * targetWidth])
        }
        return TensorDataset(inputs: newInputs, targets: newTargets, inputShape: inputShape, task: task, targetWidth: targetWidth)
    }
}

/// A train/validation pair with the names a UI shows for classes.
public struct DataSplit: Sendable {
    public let train: any Dataset
    public let validation: any Dataset
    public let classNames: [String]

    public init(train: any Dataset, validation: any Dataset, classNames: [String] = []) {
        self.train = train
        self.validation = validation
        self.classNames = classNames
    }
}

/// The first `count` samples of a dataset: a quick estimate of a large set's loss.
struct LeadingSamples: Dataset {
    let base: any Dataset
    let count: Int

    init(of base: any Dataset, count: Int) {
        self.base = base
        self.count = min(max(count, 0), base.count)
    }

    var inputShape: [Int] { base.inputShape }
    var task: TaskKind { base.task }
    var targetWidth: Int { base.targetWidth }

    func fillBatch(indices: ArraySlice<Int>, inputs: UnsafeMutablePointer<Float>, targets: UnsafeMutablePointer<Float>) {
        base.fillBatch(indices: indices, inputs: inputs, targets: targets)
    }
}
