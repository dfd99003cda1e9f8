/// The geometry both pooling layers share: a kernel×kernel window sliding by `stride` over
/// each channel of an image (no padding, floor mode, as PyTorch's default).
struct PoolingWindow {
    let kernel: Int
    let stride: Int
    private(set) var input = ImageShape(channels: 1, height: 1, width: 1)
    private(set) var output = ImageShape(channels: 1, height: 1, width: 1)

    init(kernel: Int, stride: Int?) {
        self.kernel = kernel
        self.stride = stride ?? kernel
    }

    /// Takes images shaped `inputShape`, or explains why the window does not fit them.
    mutating func fit(_ inputShape: [Int], layer name: String) throws(ModelError) {
        input = try ImageShape(inputShape, for: "\(name)(\(kernel))")
        let height = ImageShape.slide(input.height, kernel: kernel, stride: stride, padding: 0)
        let width = ImageShape.slide(input.width, kernel: kernel, stride: stride, padding: 0)
        guard kernel > 0, stride > 0, height > 0, width > 0 else {
            throw ModelError("\(name)(\(kernel), stride \(stride)) does not fit a \(input) image")
        }
        output = ImageShape(channels: input.channels, height: height, width: width)
    }

    /// Calls `body(image, outputIndex, indexOfTheWindowsTopLeftInput)` for every window of
    /// every image, output values in NCHW order.
    @inline(__always)
    func forEachWindow(images: Int, _ body: (Int, Int, Int) -> Void) {
        for image in 0..<images {
            var index = 0
            for channel in 0..<input.channels {
                for oy in 0..<output.height {
                    for ox in 0..<output.width {
                        body(image, index, (channel * input.height + oy * stride) * input.width + ox * stride)
                        index += 1
                    }
                }
            }
        }
    }
}
