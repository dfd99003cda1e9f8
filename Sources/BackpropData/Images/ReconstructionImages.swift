import BackpropEngine
import Synchronization

/// Images whose target is the image itself: an autoencoder's data. Each sample's target is
/// the clean image, flattened; its input is the same image, with Gaussian noise of standard
/// deviation `noise` added (and clipped to [0, 1]) for a denoising autoencoder.
///
/// The samples are the images at `kept` (a held-out class left out); `images` keeps every
/// image, so the anomaly score can still reach the class training never saw.
public final class ReconstructionImages: Dataset {
    public let images: ByteImageDataset
    /// Indices into `images` of the samples this dataset serves, in order.
    public let kept: [Int]
    /// Standard deviation of the noise on the inputs, in pixel units (0 = a plain autoencoder).
    public let noise: Float
    /// Training draws fresh noise for every batch; validation gives each sample the same
    /// noise every time (seeded by its index), so its loss is comparable across epochs.
    public let freshNoise: Bool
    private let seed: UInt64
    /// One seeded generator keeps fresh noise repeatable; the lock only satisfies Sendable.
    private let random: Mutex<RandomGenerator>
    private let labelScratch: Mutex<[Float]>

    public init(_ images: ByteImageDataset, leavingOut heldOutClass: Int? = nil, noise: Float = 0, freshNoise: Bool, seed: UInt64) {
        self.images = images
        kept = images.labels.indices.filter { heldOutClass == nil || Int(images.labels[$0]) != heldOutClass }
        self.noise = noise
        self.freshNoise = freshNoise
        self.seed = seed
        random = Mutex(RandomGenerator(seed: seed))
        labelScratch = Mutex([])
    }

    public var count: Int { kept.count }
    public var inputShape: [Int] { images.inputShape }
    public var task: TaskKind { .regression(outputs: inputSize) }
    public var targetWidth: Int { inputSize }

    /// The class of sample `index` (for colouring the latent space).
    public func label(at index: Int) -> Int { Int(images.labels[kept[index]]) }

    public func fillBatch(indices: ArraySlice<Int>, inputs: UnsafeMutablePointer<Float>, targets: UnsafeMutablePointer<Float>) {
        let size = inputSize
        labelScratch.withLock { labels in
            if labels.count < indices.count { labels = [Float](repeating: 0, count: indices.count) }
            labels.withUnsafeMutableBufferPointer { labelBuffer in
                images.fillBatch(indices: ArraySlice(indices.map { kept[$0] }), inputs: targets, targets: labelBuffer.baseAddress!)
            }
        }
        // The clean images went into the targets; the inputs are copies, noised if asked.
        inputs.update(from: targets, count: indices.count * size)
        guard noise > 0 else { return }
        for (row, sample) in indices.enumerated() {
            if freshNoise {
                random.withLock { addNoise(to: inputs + row * size, count: size, random: &$0) }
            } else {
                addFixedNoise(to: inputs + row * size, image: kept[sample])
            }
        }
    }

    /// Images of `images` (any class, held out or not) by index: clean, and as the network
    /// is given them (with the same fixed noise validation uses).
    public func images(at indices: [Int]) -> (inputs: [Float], clean: [Float]) {
        let size = inputSize
        var clean = [Float](repeating: 0, count: indices.count * size), labels = [Float](repeating: 0, count: indices.count)
        images.fillBatch(indices: indices[...], inputs: &clean, targets: &labels)
        guard noise > 0 else { return (clean, clean) }
        var inputs = clean
        inputs.withUnsafeMutableBufferPointer { buffer in
            for (row, image) in indices.enumerated() { addFixedNoise(to: buffer.baseAddress! + row * size, image: image) }
        }
        return (inputs, clean)
    }

    /// The same noise every time for the same image.
    private func addFixedNoise(to pixels: UnsafeMutablePointer<Float>, image: Int) {
        var fixed = RandomGenerator(seed: seed ^ (UInt64(image) &* 0x9E37_79B9_7F4A_7C15))
        addNoise(to: pixels, count: inputSize, random: &fixed)
    }

    private func addNoise(to image: UnsafeMutablePointer<Float>, count: Int, random: inout RandomGenerator) {
        for offset in 0..<count {
            let noisy = image[offset] + noise * Float(random.normal())
            image[offset] = min(max(noisy, 0), 1)
        }
    }
}
