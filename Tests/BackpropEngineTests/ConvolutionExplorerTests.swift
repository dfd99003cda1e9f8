import Testing
@testable import BackpropEngine

@Suite("Convolution explorer")
struct ConvolutionExplorerTests {
    /// A 4x4 image 1…16, row by row.
    let image: [Float] = (1...16).map(Float.init)

    @Test func matchesAHandComputedThreeByThreeCase() throws {
        // Kernel [[1,0,-1],[0,1,0],[-1,0,1]] at the top left: 1 − 3 + 6 − 9 + 11 = 6, and
        // every window gives the same, since the kernel's weights on the ramp cancel to x[center].
        let kernel: [Float] = [1, 0, -1, 0, 1, 0, -1, 0, 1]
        let map = try ConvolutionExplorer.convolve(image, height: 4, width: 4, kernel: kernel, size: 3, stride: 1, padding: 0)
        #expect(map.height == 2 && map.width == 2)
        #expect(map.values == [6, 7, 10, 11])
    }

    @Test func paddingAndStrideGiveTheFormulaSize() throws {
        let identity: [Float] = [0, 0, 0, 0, 1, 0, 0, 0, 0]
        let padded = try ConvolutionExplorer.convolve(image, height: 4, width: 4, kernel: identity, size: 3, stride: 1, padding: 1)
        #expect(padded.values == image)
        let strided = try ConvolutionExplorer.convolve(image, height: 4, width: 4, kernel: identity, size: 3, stride: 2, padding: 1)
        #expect(strided.height == ConvolutionExplorer.outputSize(input: 4, kernel: 3, stride: 2, padding: 1))
        #expect(strided.values == [1, 3, 9, 11])
        #expect(ConvolutionExplorer.outputSize(input: 28, kernel: 3, stride: 2, padding: 0) == 13)
    }

    @Test func shiftMovesPixelsRightWithZerosComingIn() {
        #expect(ConvolutionExplorer.shifted([1, 2, 3, 4], height: 2, width: 2, right: 1) == [0, 1, 0, 3])
        #expect(ConvolutionExplorer.shifted([1, 2, 3, 4], height: 2, width: 2, right: 0, down: 1) == [0, 0, 1, 2])
    }

    @Test func maxPoolingKeepsMoreOfTheResponseThanTheMapItself() throws {
        // A bright 2x2 square in an 8x8 image, moved one pixel: the identity map moves with
        // it, but each 2x2 max-pool window still sees the square.
        var square = [Float](repeating: 0, count: 64)
        for (row, column) in [(2, 2), (2, 3), (3, 2), (3, 3)] { square[row * 8 + column] = 1 }
        let comparison = try PoolingComparison(image: square, height: 8, width: 8, kernel: [0, 0, 0, 0, 1, 0, 0, 0, 0], size: 3, shift: 1)
        #expect(comparison.unchangedBeforePooling == 1.0 / 3)
        #expect(comparison.unchangedAfterMaxPooling == 0.5)
        #expect(comparison.pooledOriginal.width == 4)
        let unmoved = try PoolingComparison(image: square, height: 8, width: 8, kernel: [0, 0, 0, 0, 1, 0, 0, 0, 0], size: 3, shift: 0)
        #expect(unmoved.unchangedBeforePooling == 1 && unmoved.unchangedAfterMaxPooling == 1 && unmoved.unchangedAfterAveragePooling == 1)
    }

    @Test func layerOutputsFollowTheNetworkLayerByLayer() throws {
        let convolution = Conv2D(inputChannels: 1, outputChannels: 1, kernelSize: 3, padding: 1, hasBias: false)
        let network = try Network(layers: [convolution, Activation(.relu), MaxPool2D(kernel: 2)], inputShape: [1, 4, 4],
                                  loss: MeanSquaredError(task: .regression(outputs: 4)))
        convolution.weight.value.copy(from: [0, 0, 0, 0, -1, 0, 0, 0, 0])
        let outputs = network.layerOutputs(for: image)
        #expect(outputs.map(\.shape) == [[1, 4, 4], [1, 4, 4], [1, 2, 2]])
        #expect(outputs[0].values == image.map { -$0 })
        #expect(outputs[2].values == [0, 0, 0, 0])
    }
}
