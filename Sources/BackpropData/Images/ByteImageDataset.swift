import BackpropEngine

/// Grayscale images kept as bytes (a quarter of the memory of floats) and turned into floats
/// in [0, 1] (pixel / 255) one batch at a time. Inputs have shape `[1, rows, columns]`.
public struct ByteImageDataset: Dataset {
    /// All images, row-major, one after another.
    public let pixels: [UInt8]
    /// One class index per image.
    public let labels: [UInt8]
    public let rows: Int
    public let columns: Int
    public let classCount: Int

    /// Exact pixel / 255 for every byte value, so conversion is a table look-up.
    private static let scaledPixel: [Float] = (0...255).map { Float($0) / 255 }

    public init(pixels: [UInt8], labels: [UInt8], rows: Int, columns: Int, classCount: Int) {
        precondition(rows > 0 && columns > 0 && pixels.count == labels.count * rows * columns,
                     "\(pixels.count) pixels do not make \(labels.count) images of \(rows)x\(columns)")
        self.pixels = pixels
        self.labels = labels
        self.rows = rows
        self.columns = columns
        self.classCount = classCount
    }

    public var count: Int { labels.count }
    public var inputShape: [Int] { [1, rows, columns] }
    public var task: TaskKind { .classification(classes: classCount) }
    public var targetWidth: Int { 1 }

    /// The bytes of image `index`, for drawing it.
    public func image(at index: Int) -> ArraySlice<UInt8> {
        let size = rows * columns
        return pixels[(index * size)..<((index + 1) * size)]
    }

    public func fillBatch(indices: ArraySlice<Int>, inputs: UnsafeMutablePointer<Float>, targets: UnsafeMutablePointer<Float>) {
        let size = rows * columns
        Self.scaledPixel.withUnsafeBufferPointer { table in
            pixels.withUnsafeBufferPointer { source in
                for (row, sample) in indices.enumerated() {
                    let from = source.baseAddress! + sample * size
                    let to = inputs + row * size
                    for offset in 0..<size {
                        to[offset] = table[Int(from[offset])]
                    }
                    targets[row] = Float(labels[sample])
                }
            }
        }
    }

    /// The images at `indices`, in that order, as a new dataset.
    public func subset(_ indices: [Int]) -> ByteImageDataset {
        var newPixels: [UInt8] = []
        newPixels.reserveCapacity(indices.count * rows * columns)
        for index in indices { newPixels.append(contentsOf: image(at: index)) }
        return ByteImageDataset(pixels: newPixels, labels: indices.map { labels[$0] }, rows: rows, columns: columns, classCount: classCount)
    }
}
