/// Average pooling, PyTorch's `nn.AvgPool2d(kernel, stride)` (no padding, floor mode):
/// each output is its window's mean; backward spreads the gradient evenly over the window.
public final class AvgPool2D: Layer {
    private var window: PoolingWindow
    private var outputs = Tensor(rows: 0, columns: 1)
    private var inputGradient = Tensor(rows: 0, columns: 1)

    public init(kernel: Int, stride: Int? = nil) {
        window = PoolingWindow(kernel: kernel, stride: stride)
    }

    public var kernel: Int { window.kernel }
    public var stride: Int { window.stride }
    public var kind: String { "AvgPool2d" }
    public var descriptor: LayerDescriptor {
        LayerDescriptor(type: "avgpool2d", settings: ["kernel": Double(kernel), "stride": Double(stride)])
    }

    public func prepare(maxBatch: Int, inputShape: [Int]) throws(ModelError) -> [Int] {
        try window.fit(inputShape, layer: "AvgPool2d")
        outputs = Tensor(rows: maxBatch, sampleShape: window.output.dimensions)
        inputGradient = Tensor(rows: maxBatch, sampleShape: window.input.dimensions)
        return window.output.dimensions
    }

    public func forward(_ x: Tensor, training: Bool) -> Tensor {
        outputs.setRows(x.rows)
        let scale = 1 / Float(kernel * kernel)
        let inputCount = window.input.count, outputCount = window.output.count, width = window.input.width
        window.forEachWindow(images: x.rows) { image, index, corner in
            let source = x.data + image * inputCount
            var sum: Float = 0
            for i in 0..<kernel {
                for j in 0..<kernel { sum += source[corner + i * width + j] }
            }
            outputs.data[image * outputCount + index] = sum * scale
        }
        return outputs
    }

    public func backward(_ dy: Tensor, needsInputGradient: Bool) -> Tensor? {
        guard needsInputGradient else { return nil }
        inputGradient.setRows(dy.rows)
        inputGradient.zero()
        let scale = 1 / Float(kernel * kernel)
        let inputCount = window.input.count, outputCount = window.output.count, width = window.input.width
        window.forEachWindow(images: dy.rows) { image, index, corner in
            let share = dy.data[image * outputCount + index] * scale
            let target = inputGradient.data + image * inputCount
            for i in 0..<kernel {
                for j in 0..<kernel { target[corner + i * width + j] += share }
            }
        }
        return inputGradient
    }
}
