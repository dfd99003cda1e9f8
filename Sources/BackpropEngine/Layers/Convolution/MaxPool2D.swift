/// Max pooling, PyTorch's `nn.MaxPool2d(kernel, stride)` (no padding, floor mode).
/// Forward keeps the position of each window's maximum; backward sends the gradient there.
public final class MaxPool2D: Layer {
    public let kernel: Int
    public let stride: Int
    private var input = ImageShape(channels: 1, height: 1, width: 1)
    private var output = ImageShape(channels: 1, height: 1, width: 1)
    private var outputs = Tensor(rows: 0, columns: 1)
    private var inputGradient = Tensor(rows: 0, columns: 1)
    /// For every output value, the index of the winning input value within its image.
    private var winners: [Int32] = []

    public init(kernel: Int, stride: Int? = nil) {
        self.kernel = kernel
        self.stride = stride ?? kernel
    }

    public var kind: String { "MaxPool2d" }
    public var descriptor: LayerDescriptor {
        LayerDescriptor(type: "maxpool2d", settings: ["kernel": Double(kernel), "stride": Double(stride)])
    }

    public func prepare(maxBatch: Int, inputShape: [Int]) throws(ModelError) -> [Int] {
        input = try ImageShape(inputShape, for: "MaxPool2d(\(kernel))")
        output = try pooledShape(input, kernel: kernel, stride: stride, name: "MaxPool2d")
        outputs = Tensor(rows: maxBatch, sampleShape: output.dimensions)
        inputGradient = Tensor(rows: maxBatch, sampleShape: input.dimensions)
        winners = [Int32](repeating: 0, count: maxBatch * output.count)
        return output.dimensions
    }

    public func forward(_ x: Tensor, training: Bool) -> Tensor {
        outputs.setRows(x.rows)
        winners.withUnsafeMutableBufferPointer { winners in
            for image in 0..<x.rows {
                let source = x.data + image * input.count
                let destination = outputs.data + image * output.count
                let winner = winners.baseAddress! + image * output.count
                var index = 0
                for channel in 0..<input.channels {
                    for oy in 0..<output.height {
                        for ox in 0..<output.width {
                            let corner = (channel * input.height + oy * stride) * input.width + ox * stride
                            var best = source[corner], bestIndex = corner
                            for i in 0..<kernel {
                                let rowStart = corner + i * input.width
                                for j in 0..<kernel where source[rowStart + j] > best {
                                    best = source[rowStart + j]
                                    bestIndex = rowStart + j
                                }
                            }
                            destination[index] = best
                            winner[index] = Int32(bestIndex)
                            index += 1
                        }
                    }
                }
            }
        }
        return outputs
    }

    public func backward(_ dy: Tensor, needsInputGradient: Bool) -> Tensor? {
        guard needsInputGradient else { return nil }
        inputGradient.setRows(dy.rows)
        inputGradient.zero()
        winners.withUnsafeBufferPointer { winners in
            for image in 0..<dy.rows {
                let gradient = dy.data + image * output.count
                let target = inputGradient.data + image * input.count
                let winner = winners.baseAddress! + image * output.count
                for index in 0..<output.count { target[Int(winner[index])] += gradient[index] }
            }
        }
        return inputGradient
    }
}

/// The output of a pooling window sliding over an image, or an error when it does not fit.
func pooledShape(_ input: ImageShape, kernel: Int, stride: Int, name: String) throws(ModelError) -> ImageShape {
    let height = ImageShape.slide(input.height, kernel: kernel, stride: stride, padding: 0)
    let width = ImageShape.slide(input.width, kernel: kernel, stride: stride, padding: 0)
    guard kernel > 0, stride > 0, height > 0, width > 0 else {
        throw ModelError("\(name)(\(kernel), stride \(stride)) does not fit a \(input) image")
    }
    return ImageShape(channels: input.channels, height: height, width: width)
}
