/// Max pooling, PyTorch's `nn.MaxPool2d(kernel, stride)` (no padding, floor mode).
/// Forward keeps the position of each window's maximum; backward sends the gradient there.
public final class MaxPool2D: Layer {
    private var window: PoolingWindow
    private var outputs = Tensor(rows: 0, columns: 1)
    private var inputGradient = Tensor(rows: 0, columns: 1)
    /// For every output value, the index of the winning input value within its image.
    private var winners: [Int32] = []

    public init(kernel: Int, stride: Int? = nil) {
        window = PoolingWindow(kernel: kernel, stride: stride)
    }

    public var kernel: Int { window.kernel }
    public var stride: Int { window.stride }
    public var kind: String { "MaxPool2d" }
    public var descriptor: LayerDescriptor {
        LayerDescriptor(type: "maxpool2d", settings: ["kernel": Double(kernel), "stride": Double(stride)])
    }

    public func prepare(maxBatch: Int, inputShape: [Int]) throws(ModelError) -> [Int] {
        try window.fit(inputShape, layer: "MaxPool2d")
        outputs = Tensor(rows: maxBatch, sampleShape: window.output.dimensions)
        inputGradient = Tensor(rows: maxBatch, sampleShape: window.input.dimensions)
        winners = [Int32](repeating: 0, count: maxBatch * window.output.count)
        return window.output.dimensions
    }

    public func forward(_ x: Tensor, training: Bool) -> Tensor {
        outputs.setRows(x.rows)
        let inputCount = window.input.count, outputCount = window.output.count
        let width = window.input.width, kernel = window.kernel
        winners.withUnsafeMutableBufferPointer { winners in
            window.forEachWindow(images: x.rows) { image, index, corner in
                let source = x.data + image * inputCount
                var best = source[corner], bestIndex = corner
                for i in 0..<kernel {
                    let rowStart = corner + i * width
                    for j in 0..<kernel where source[rowStart + j] > best {
                        best = source[rowStart + j]
                        bestIndex = rowStart + j
                    }
                }
                outputs.data[image * outputCount + index] = best
                winners[image * outputCount + index] = Int32(bestIndex)
            }
        }
        return outputs
    }

    public func backward(_ dy: Tensor, needsInputGradient: Bool) -> Tensor? {
        guard needsInputGradient else { return nil }
        inputGradient.setRows(dy.rows)
        inputGradient.zero()
        let inputCount = window.input.count, outputCount = window.output.count
        winners.withUnsafeBufferPointer { winners in
            for image in 0..<dy.rows {
                let gradient = dy.data + image * outputCount
                let target = inputGradient.data + image * inputCount
                let winner = winners.baseAddress! + image * outputCount
                for index in 0..<outputCount { target[Int(winner[index])] += gradient[index] }
            }
        }
        return inputGradient
    }
}
