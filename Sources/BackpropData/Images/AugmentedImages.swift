import BackpropEngine
import Synchronization

/// Training images shifted by up to `maximumShift` pixels in each direction (zeros fill in)
/// and mirrored left–right half of the time, drawn afresh for every batch: more varied data
/// for the generalization discussion. Evaluation uses the plain images.
public final class AugmentedImages: Dataset {
    public let images: any Dataset
    public let maximumShift: Int
    /// The batch order is fixed by the trainer, so one seeded generator keeps runs repeatable;
    /// the lock only satisfies Sendable (one trainer thread draws batches). The scratch image
    /// is allocated once, not per batch.
    private let state: Mutex<(random: RandomGenerator, scratch: [Float])>

    public init(_ images: any Dataset, maximumShift: Int = 2, seed: UInt64) {
        precondition(images.inputShape.count == 3, "augmentation needs images shaped [channels, height, width]")
        self.images = images
        self.maximumShift = maximumShift
        state = Mutex((RandomGenerator(seed: seed), [Float](repeating: 0, count: images.inputSize)))
    }

    public var count: Int { images.count }
    public var inputShape: [Int] { images.inputShape }
    public var task: TaskKind { images.task }
    public var targetWidth: Int { images.targetWidth }

    public func fillBatch(indices: ArraySlice<Int>, inputs: UnsafeMutablePointer<Float>, targets: UnsafeMutablePointer<Float>) {
        images.fillBatch(indices: indices, inputs: inputs, targets: targets)
        let channels = inputShape[0], height = inputShape[1], width = inputShape[2]
        let size = channels * height * width
        state.withLock { state in
            for sample in 0..<indices.count {
                let dx = state.random.index(below: 2 * maximumShift + 1) - maximumShift
                let dy = state.random.index(below: 2 * maximumShift + 1) - maximumShift
                let mirror = state.random.uniform() < 0.5
                let image = inputs + sample * size
                for i in 0..<size { state.scratch[i] = image[i] }
                for channel in 0..<channels {
                    for y in 0..<height {
                        for x in 0..<width {
                            let sourceY = y - dy, sourceX = (mirror ? width - 1 - x : x) - dx
                            let inside = sourceY >= 0 && sourceY < height && sourceX >= 0 && sourceX < width
                            image[(channel * height + y) * width + x] = inside ? state.scratch[(channel * height + sourceY) * width + sourceX] : 0
                        }
                    }
                }
            }
        }
    }
}
