/// Average pooling, PyTorch's `nn.AvgPool2d(kernel, stride)` (no padding, floor mode):
/// each output is its window's mean; backward spreads the gradient evenly over the window.
public final class AvgPool2D: Layer {
    public let kernel: Int
    public let stride: Int
    private var input = ImageShape(channels: 1, height: 1, width: 1)
    private var output = ImageShape(channels: 1, height: 1, width: 1)
    private var outputs = Tensor(rows: 0, columns: 1)
    private var inputGradient = Tensor(rows: 0, columns: 1)

    public init(kernel: Int, stride: Int? = nil) {
        self.kernel = kernel
        self.stride = stride ?? kernel
    }

    public var kind: String { "AvgPool2d" }
    public var descriptor: LayerDescriptor {
        LayerDescriptor(type: "avgpool2d", settings: ["kernel": Double(kernel), "stride": Double(stride)])
    }

    public func prepare(maxBatch: Int, inputShape: [Int]) throws(ModelError) -> [Int] {
        input = try ImageShape(inputShape, for: "AvgPool2d(\(kernel))")
        output = try pooledShape(input, kernel: kernel, stride: stride, name: "AvgPool2d")
        outputs = Tensor(rows: maxBatch, sampleShape: output.dimensions)
        inputGradient = Tensor(rows: maxBatch, sampleShape: input.dimensions)
        return output.dimensions
    }

    public func forward(_ x: Tensor, training: Bool) -> Tensor {
        outputs.setRows(x.rows)
        let scale = 1 / Float(kernel * kernel)
        forEachWindow(images: x.rows) { image, index, windowStart in
            let source = x.data + image * input.count
            var sum: Float = 0
            for i in 0..<kernel {
                for j in 0..<kernel { sum += source[windowStart + i * input.width + j] }
            }
            outputs.data[image * output.count + index] = sum * scale
        }
        return outputs
    }

    public func backward(_ dy: Tensor, needsInputGradient: Bool) -> Tensor? {
        guard needsInputGradient else { return nil }
        inputGradient.setRows(dy.rows)
        inputGradient.zero()
        let scale = 1 / Float(kernel * kernel)
        forEachWindow(images: dy.rows) { image, index, windowStart in
            let share = dy.data[image * output.count + index] * scale
            let target = inputGradient.data + image * input.count
            for i in 0..<kernel {
                for j in 0..<kernel { target[windowStart + i * input.width + j] += share }
            }
        }
        return inputGradient
    }

    /// Calls `body(image, outputIndex, indexOfTheWindowsTopLeftInput)` for every window.
    @inline(__always)
    private func forEachWindow(images: Int, _ body: (Int, Int, Int) -> Void) {
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
