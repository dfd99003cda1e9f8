/// Loads an IDX image file and its label file into a `ByteImageDataset`, checking that they
/// agree on the count and that every label is a valid class index.
enum IDXImageLoader {
    static func load(imagesPath: String, labelsPath: String, classCount: Int, limit: Int?) throws(DatasetError) -> ByteImageDataset {
        let labels = try IDXFile(path: labelsPath, expectedMagic: IDXFile.labelsMagic, limit: limit)
        let images = try IDXFile(path: imagesPath, expectedMagic: IDXFile.imagesMagic, limit: limit)
        guard images.itemCount == labels.itemCount else {
            throw .countMismatch(imagesPath: imagesPath, imageCount: images.itemCount, labelsPath: labelsPath, labelCount: labels.itemCount)
        }
        if let bad = labels.bytes.firstIndex(where: { Int($0) >= classCount }) {
            throw .labelOutOfRange(path: labelsPath, index: bad, label: Int(labels.bytes[bad]), classCount: classCount)
        }
        return ByteImageDataset(
            pixels: images.bytes, labels: labels.bytes,
            rows: images.dimensions[1], columns: images.dimensions[2], classCount: classCount)
    }
}
