import BackpropWidgets

/// What the autoencoder views draw, computed from the probe's test images on the trainer
/// thread (`AutoencoderCapture`).
public struct AutoencoderSnapshot: Sendable {
    /// The training step the figures were computed at; nil before the first capture.
    public var step: Int?
    public var bottleneck = 2
    public var heldOutClass: Int?
    /// Standard deviation of the input noise (0: a plain autoencoder).
    public var noise: Float = 0
    /// A few test images: the clean original, what the network was given, what it rebuilt.
    public var gallery: [ReconstructedImage] = []
    /// Every probe image's code on the plane of its first two numbers, with its class.
    public var points: [LatentPoint] = []
    /// The region of the plane the points fill, which the decoder's cursor walks.
    public var plane = LatentPlane(x: 0...1, y: 0...1)
    /// Each class's mean squared reconstruction error (the anomaly score).
    public var classErrors: [Double] = []
    /// The image the decoder makes of the cursor's point, and where the cursor is.
    public var decoded: DecodedPoint?
    /// How well trousers, bags and footwear keep apart on the plane (`AutoencoderProbe.latentSeparation`).
    public var latentSeparation = Double.nan
    /// With input noise: the noisy inputs' squared error against the clean images over the
    /// reconstructions' (`AutoencoderProbe.denoisingGain`, the claim metric `denoising_gain`).
    public var denoisingGain = Double.nan

    public init() {}
}

public struct ReconstructedImage: Sendable, Equatable {
    public var label: Int
    public var original: ValueGrid
    public var input: ValueGrid
    public var reconstruction: ValueGrid
}

public struct LatentPoint: Sendable, Equatable {
    public var x: Float
    public var y: Float
    public var label: Int
}

/// The rectangle of the code plane a view draws, in code units.
public struct LatentPlane: Sendable, Equatable {
    public var x: ClosedRange<Float>
    public var y: ClosedRange<Float>
}

public struct DecodedPoint: Sendable, Equatable {
    /// The cursor's cell on the decoder's grid (column from the left, row from the top).
    public var column: Int
    public var row: Int
    /// The code the decoder was given (its first two numbers; the rest held at their mean).
    public var x: Float
    public var y: Float
    public var image: ValueGrid
}

/// The grid of points the decoder's cursor steps across: ← → walk it row by row, turning at
/// each end like a plough, so each step moves to a neighbouring point.
enum DecoderGrid {
    static let size = 11
    static let positions = size * size
    /// The centre of the plane, where the cursor starts.
    static let centre = positions / 2

    /// The cell of control value `value`, top row first.
    static func cell(_ value: Int) -> (column: Int, row: Int) {
        let clamped = min(max(value, 0), positions - 1)
        let row = clamped / size, along = clamped % size
        return (row % 2 == 0 ? along : size - 1 - along, row)
    }
}
