import BackpropEngine
import Testing
@testable import BackpropData

@Suite("Reconstruction images (autoencoder data)")
struct ReconstructionImagesTests {
    /// Three 1x2x2 images of classes 0, 1 and 2.
    let images = ByteImageDataset(pixels: [0, 51, 102, 255, 255, 0, 0, 255, 102, 102, 102, 102], labels: [0, 1, 2],
                                  rows: 2, columns: 2, classCount: 3)

    private func batch(_ dataset: ReconstructionImages, _ indices: [Int]) -> (inputs: [Float], targets: [Float]) {
        var inputs = [Float](repeating: -1, count: indices.count * 4), targets = [Float](repeating: -1, count: indices.count * 4)
        dataset.fillBatch(indices: indices[...], inputs: &inputs, targets: &targets)
        return (inputs, targets)
    }

    @Test func eachImageIsItsOwnTarget() {
        let dataset = ReconstructionImages(images, freshNoise: true, seed: 1)
        #expect(dataset.task == .regression(outputs: 4) && dataset.targetWidth == 4 && dataset.count == 3)
        let (inputs, targets) = batch(dataset, [1, 0])
        #expect(targets == [1, 0, 0, 1, 0, 0.2, 0.4, 1])
        #expect(inputs == targets)
    }

    @Test func theHeldOutClassIsLeftOutButStillReachable() {
        let dataset = ReconstructionImages(images, leavingOut: 1, freshNoise: false, seed: 1)
        #expect(dataset.count == 2 && dataset.label(at: 1) == 2)
        #expect(batch(dataset, [1]).targets == [0.4, 0.4, 0.4, 0.4])
        #expect(dataset.images(at: [1]).clean == [1, 0, 0, 1], "the probe reaches the held-out image")
    }

    @Test func noiseStaysInRangeAndLeavesTheTargetClean() {
        let dataset = ReconstructionImages(images, noise: 0.3, freshNoise: true, seed: 2)
        let (inputs, targets) = batch(dataset, [0, 1, 2])
        #expect(targets == [0, 0.2, 0.4, 1, 1, 0, 0, 1, 0.4, 0.4, 0.4, 0.4])
        #expect(inputs != targets && inputs.allSatisfy { (0...1).contains($0) })
    }

    @Test func trainingDrawsFreshNoiseAndValidationTheSameEveryTime() {
        let training = ReconstructionImages(images, noise: 0.3, freshNoise: true, seed: 2)
        #expect(batch(training, [2]).inputs != batch(training, [2]).inputs)
        let validation = ReconstructionImages(images, noise: 0.3, freshNoise: false, seed: 2)
        #expect(batch(validation, [2]).inputs == batch(validation, [0, 2]).inputs.suffix(4).map { $0 })
        #expect(validation.images(at: [2]).inputs == batch(validation, [2]).inputs, "the probe sees validation's noise")
    }
}
