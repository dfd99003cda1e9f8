import BackpropEngine

extension ByteImageDataset {
    /// The images of the classes in `classes`, relabelled from 0 (class `classes.lowerBound`
    /// becomes 0): at most `perClass` of each, drawn at random by `random` (nil keeps every
    /// image). The images keep the file's order, classes interleaved: views that read the
    /// first validation images (the confusion matrix) then see every class.
    public func selecting(classes: Range<Int>, perClass: Int? = nil, random: inout RandomGenerator) -> ByteImageDataset {
        var byClass = [[Int]](repeating: [], count: classes.count)
        for (index, label) in labels.enumerated() where classes.contains(Int(label)) {
            byClass[Int(label) - classes.lowerBound].append(index)
        }
        var chosen: [Int] = []
        for var indices in byClass {
            if let perClass {
                random.shuffle(&indices)
                indices = Array(indices.prefix(perClass))
            }
            chosen += indices
        }
        chosen.sort()
        let size = rows * columns
        var newPixels: [UInt8] = []
        newPixels.reserveCapacity(chosen.count * size)
        for index in chosen { newPixels.append(contentsOf: image(at: index)) }
        return ByteImageDataset(pixels: newPixels, labels: chosen.map { labels[$0] - UInt8(classes.lowerBound) },
                                rows: rows, columns: columns, classCount: classes.count)
    }
}
