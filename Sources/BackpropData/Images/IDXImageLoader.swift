/// Loads an IDX image file and its label file into a `ByteImageDataset`, checking that they
/// agree on the count and that every label is a valid class index.
enum IDXImageLoader {
    /// `imageSize`, when given, is the rows and columns every image must have: a model built
    /// for 28x28 images would otherwise read other sizes past the end of each image.
    static func load(imagesPath: String, labelsPath: String, classCount: Int, limit: Int?,
                     imageSize: (rows: Int, columns: Int)? = nil) throws(DatasetError) -> ByteImageDataset {
        let labels = try IDXFile(path: labelsPath, expectedMagic: IDXFile.labelsMagic, limit: limit)
        let images = try IDXFile(path: imagesPath, expectedMagic: IDXFile.imagesMagic, limit: limit)
        if let imageSize, images.dimensions[1] != imageSize.rows || images.dimensions[2] != imageSize.columns {
            throw .badHeader(path: imagesPath, reason: "the images are \(images.dimensions[1])x\(images.dimensions[2]); "
                             + "this dataset's models expect \(imageSize.rows)x\(imageSize.columns)")
        }
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
