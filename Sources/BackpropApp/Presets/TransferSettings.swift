import BackpropEngine

/// How a transfer run learns Fashion-MNIST's classes 5–9 (sandal, shirt, sneaker, bag,
/// ankle boot) from a few labels, starting from a CNN pretrained on classes 0–4.
public enum TransferWay: String, CaseIterable, Sendable {
    /// The pretrained convolutional layers frozen; only a new head learns.
    case extract
    /// The pretrained layers learn too, at `bodyLearningRateScale` times the head's rate.
    case finetune
    /// The same network from a random start: no pretraining.
    case scratch
    /// The three above one after another (`backprop train` only).
    case all

    /// The ways a single run (a lab, a claim) can train.
    public static let single: [TransferWay] = [.extract, .finetune, .scratch]

    public var title: String {
        switch self {
        case .extract: "feature extraction"
        case .finetune: "fine-tuning"
        case .scratch: "from scratch"
        case .all: "all three ways"
        }
    }
}

/// The transfer part of a configuration: the new task's labels and how the pretrained body is used.
public struct TransferSettings: Equatable, Sendable {
    /// The classes the body is pretrained on, and the classes learned from few labels.
    public static let sourceClasses = 0..<5
    public static let targetClasses = 5..<10
    public static let labelRange = 1...1000

    /// Training images of each target class.
    public var labelsPerClass: Int
    public var way: TransferWay
    /// Fine-tuning: the pretrained layers' learning rate as a multiple of the head's.
    public var bodyLearningRateScale: Float
    /// Epochs over classes 0–4 (about 30,000 images) that pretrain the body.
    public var pretrainingEpochs: Int

    public init(labelsPerClass: Int = 100, way: TransferWay = .all, bodyLearningRateScale: Float = 0.1, pretrainingEpochs: Int = 1) {
        self.labelsPerClass = labelsPerClass
        self.way = way
        self.bodyLearningRateScale = bodyLearningRateScale
        self.pretrainingEpochs = pretrainingEpochs
    }
}
