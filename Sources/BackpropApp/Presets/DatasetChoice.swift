import BackpropData
import BackpropEngine

/// Which data a run trains on: a Playground generator, or a real dataset.
public enum DatasetChoice: Equatable, Sendable {
    case playground(PlaygroundDataset)
    case fashionMNIST
    case digits
    /// Next-character prediction over the `wamerican` word list.
    case words
    /// The adding problem: remember one marked value across the sequence.
    case adding
    /// Digit sequences to reverse (or sort).
    case reversal
    /// Symbols to recall after a delay.
    case copy

    public static var names: [String] { PlaygroundDataset.allCases.map(\.rawValue) + ["fashion-mnist", "digits", "words", "adding", "reversal", "copy"] }

    public init?(name: String) {
        switch name {
        case "fashion-mnist", "fashion": self = .fashionMNIST
        case "digits": self = .digits
        case "words": self = .words
        case "adding": self = .adding
        case "reversal": self = .reversal
        case "copy": self = .copy
        default:
            guard let dataset = PlaygroundDataset(rawValue: name) else { return nil }
            self = .playground(dataset)
        }
    }

    public var name: String {
        switch self {
        case .playground(let dataset): dataset.rawValue
        case .fashionMNIST: "fashion-mnist"
        case .digits: "digits"
        case .words: "words"
        case .adding: "adding"
        case .reversal: "reversal"
        case .copy: "copy"
        }
    }

    /// Whether samples are sequences read by recurrent layers.
    public var isSequence: Bool { self == .words || self == .adding || self == .reversal || self == .copy }

    public var isPlayground: Bool {
        if case .playground = self { return true }
        return false
    }

    /// The task before the data is read. The word list's classes are its characters, known
    /// only once it is loaded (0 here); a model is built from the loaded data's task.
    public var task: TaskKind {
        switch self {
        case .playground(let dataset): dataset.task
        case .fashionMNIST, .digits: .classification(classes: 10)
        case .words: .classification(classes: 0)
        case .adding: .regression(outputs: 1)
        case .reversal: .classification(classes: ReversalTask.digits)
        case .copy: .classification(classes: CopyTask(delay: 0).alphabet)
        }
    }
}
