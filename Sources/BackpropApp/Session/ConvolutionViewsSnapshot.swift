import BackpropEngine
import BackpropWidgets

/// What the convolution lesson's views draw, computed on the trainer thread only for the
/// views shown (see `ConvolutionViewCapture`). Images are small grids; nothing here holds
/// more than a few thousand values.
public struct ConvolutionViewsSnapshot: Sendable {
    /// A test image with its class.
    public struct LabelledImage: Sendable {
        public var image: ValueGrid
        public var trueClass: Int
        /// The position in the reviewed validation images.
        public var index: Int
    }

    /// The explorer: a kernel with a stride and padding, run by `Conv2D` over `input`.
    public struct Explorer: Sendable {
        public var input: LabelledImage
        public var kernel: ExplorerKernel
        public var stride: Int
        public var padding: Int
        public var output: ValueGrid
        /// The size formula's result as the engine computes it (equal to `output.rows`).
        public var formulaSize: Int
    }

    /// The translation-invariance comparison for a shift of `shift` pixels.
    public struct Pooling: Sendable {
        public var kernel: ExplorerKernel
        public var shift: Int
        public var comparison: PoolingComparison
    }

    /// One layer's outputs on the chosen image, one grid per channel.
    public struct LayerMaps: Sendable {
        public var name: String
        public var maps: [ValueGrid]
    }

    /// What the network makes of one test image.
    public struct Prediction: Sendable {
        public var input: LabelledImage
        public var probabilities: [Float]
    }

    /// A test image the network gets wrong, with how sure it is.
    public struct Mistake: Sendable {
        public var input: LabelledImage
        public var predicted: Int
        public var confidence: Float
    }

    /// One row of a parameter table: a layer, its parameters, and how often each weight is
    /// used per image (every output position for a convolution, once for a dense layer).
    public struct ParameterRow: Sendable, Equatable {
        public var layer: String
        public var weights: Int
        public var biases: Int
        public var usesPerImage: Int
    }

    public var explorer: Explorer?
    public var pooling: Pooling?
    /// The first convolution's filters (its first input channel), and the layer's name.
    public var filters: [ValueGrid] = []
    public var filterLayer = ""
    /// The second convolution's filters, each as one kernel per input channel (every map
    /// of the first block feeds every one of them), and that layer's name.
    public var secondFilters: [[ValueGrid]] = []
    public var secondFilterLayer = ""
    public var featureMapsInput: LabelledImage?
    public var featureMaps: [LayerMaps] = []
    public var prediction: Prediction?
    public var mistakes: [Mistake] = []
    /// Validation images the mistakes and the confusion matrix were counted on.
    public var reviewedImages = 0
    public var labParameters: [ParameterRow] = []
    public var mlpParameters: [ParameterRow] = []
}

/// The kernels the explorer cycles through, each a 3x3 matrix (row-major).
public enum ExplorerKernel: String, CaseIterable, Sendable {
    case identity, horizontalEdge = "edge ─", verticalEdge = "edge │", blur, sharpen, outline

    public var values: [Float] {
        switch self {
        case .identity: [0, 0, 0, 0, 1, 0, 0, 0, 0]
        // Sobel: positive where the image gets brighter downwards (or rightwards).
        case .horizontalEdge: [-1, -2, -1, 0, 0, 0, 1, 2, 1]
        case .verticalEdge: [-1, 0, 1, -2, 0, 2, -1, 0, 1]
        case .blur: [Float](repeating: 1.0 / 9, count: 9)
        case .sharpen: [0, -1, 0, -1, 5, -1, 0, -1, 0]
        case .outline: [-1, -1, -1, -1, 8, -1, -1, -1, -1]
        }
    }

    public static let size = 3

    /// Stride and padding choices, each tried with every kernel.
    public static let geometries: [(stride: Int, padding: Int)] = [(1, 0), (1, 1), (2, 0), (2, 1)]

    /// The explorer's control value: kernels first, then the next stride and padding.
    public static func choice(_ value: Int) -> (kernel: ExplorerKernel, stride: Int, padding: Int) {
        let kernels = allCases.count
        let clamped = min(max(value, 0), kernels * geometries.count - 1)
        let geometry = geometries[clamped / kernels]
        return (allCases[clamped % kernels], geometry.stride, geometry.padding)
    }

    public static var choiceCount: Int { allCases.count * geometries.count }
}
