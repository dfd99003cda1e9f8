import BackpropEngine
import Testing
@testable import BackpropData

@Suite("Augmented images")
struct AugmentedImagesTests {
    /// One 1x4x4 image with a single bright pixel, so every shift and mirror is visible.
    let image = ByteImageDataset(pixels: [0, 0, 0, 0, 0, 255, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], labels: [3], rows: 4, columns: 4, classCount: 10)

    @Test func shiftsAndMirrorsKeepOnePixelAndTheLabel() {
        let augmented = AugmentedImages(image, maximumShift: 1, seed: 4)
        var inputs = [Float](repeating: 0, count: 16), targets: [Float] = [0]
        var positions = Set<Int>()
        for _ in 0..<40 {
            augmented.fillBatch(indices: [0], inputs: &inputs, targets: &targets)
            #expect(targets == [3])
            #expect(inputs.filter { $0 == 1 }.count <= 1 && inputs.allSatisfy { $0 == 0 || $0 == 1 })
            if let position = inputs.firstIndex(of: 1) { positions.insert(position) }
        }
        #expect(positions.count > 3, "the bright pixel moves around")
        #expect(positions.allSatisfy { abs($0 / 4 - 1) <= 1 }, "rows move by at most one pixel")
    }

    @Test func theSameSeedGivesTheSameBatches() {
        func batches(seed: UInt64) -> [Float] {
            let augmented = AugmentedImages(image, seed: seed)
            var inputs = [Float](repeating: 0, count: 16), targets: [Float] = [0], all: [Float] = []
            for _ in 0..<10 {
                augmented.fillBatch(indices: [0], inputs: &inputs, targets: &targets)
                all += inputs
            }
            return all
        }
        #expect(batches(seed: 1) == batches(seed: 1))
        #expect(batches(seed: 1) != batches(seed: 2))
    }
}
