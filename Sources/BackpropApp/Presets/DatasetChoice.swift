import BackpropData
import BackpropEngine

/// Which data a run trains on: a Playground generator, or a real dataset.
public enum DatasetChoice: Equatable, Sendable {
    case playground(PlaygroundDataset)
    case fashionMNIST
    case digits

    public static var names: [String] { PlaygroundDataset.allCases.map(\.rawValue) + ["fashion-mnist", "digits"] }

    public init?(name: String) {
        switch name {
        case "fashion-mnist", "fashion": self = .fashionMNIST
        case "digits": self = .digits
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
        }
    }

    public var isPlayground: Bool {
        if case .playground = self { return true }
        return false
    }

    public var task: TaskKind {
        switch self {
        case .playground(let dataset): dataset.task
        case .fashionMNIST, .digits: .classification(classes: 10)
        }
    }
}
