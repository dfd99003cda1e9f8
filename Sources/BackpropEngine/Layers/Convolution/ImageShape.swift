/// Channels, height and width of one image in NCHW layout.
public struct ImageShape: Equatable, Sendable, CustomStringConvertible {
    public var channels: Int
    public var height: Int
    public var width: Int

    public init(channels: Int, height: Int, width: Int) {
        self.channels = channels
        self.height = height
        self.width = width
    }

    /// Reads `[C, H, W]`; anything else is an error naming the layer.
    init(_ shape: [Int], for layer: String) throws(ModelError) {
        guard shape.count == 3, shape.allSatisfy({ $0 > 0 }) else {
            throw ModelError("\(layer) needs images shaped [channels, height, width], got \(shape)")
        }
        self.init(channels: shape[0], height: shape[1], width: shape[2])
    }

    public var pixels: Int { height * width }
    public var count: Int { channels * pixels }
    public var dimensions: [Int] { [channels, height, width] }
    public var description: String { "\(channels)x\(height)x\(width)" }

    /// The output size of a sliding window, PyTorch's ⌊(n + 2·padding − kernel) / stride⌋ + 1.
    static func slide(_ size: Int, kernel: Int, stride: Int, padding: Int) -> Int {
        (size + 2 * padding - kernel) / stride + 1
    }
}
