import BackpropEngine
import Foundation

/// Zalando's Fashion-MNIST: 28x28 grayscale clothing images in 10 classes, 60,000 for
/// training and 10,000 for testing (used here as the validation set), read from IDX .gz files.
public enum FashionMNIST {
    public static let folderName = "fashion-mnist"
    public static let classNames = [
        "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
        "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot",
    ]

    /// The two halves of the set as its files name them.
    public enum Part: String, Sendable {
        case train
        case test = "t10k"

        public var imagesFile: String { "\(rawValue)-images-idx3-ubyte.gz" }
        public var labelsFile: String { "\(rawValue)-labels-idx1-ubyte.gz" }
    }

    /// The installed set: `fashion-mnist/` under `$BACKPROP_DATA`, or under `/usr/share/datasets`.
    public static var defaultFolder: String {
        (DatasetLocations.dataRoot as NSString).appendingPathComponent(folderName)
    }

    /// Rows and columns of every image.
    public static let imageSide = 28

    /// Training images as `train`, test images as `validation`. `limit` keeps at most that many
    /// images of each part (the first ones) for quick runs.
    /// `checksImageSize`: refuse images that are not 28x28, as every model on this set needs.
    public static func load(folder: String = defaultFolder, limit: Int? = nil, checksImageSize: Bool = false) throws(DatasetError) -> DataSplit {
        DataSplit(
            train: try load(.train, folder: folder, limit: limit, checksImageSize: checksImageSize),
            validation: try load(.test, folder: folder, limit: limit, checksImageSize: checksImageSize),
            classNames: classNames)
    }

    /// One part of the set.
    public static func load(_ part: Part, folder: String = defaultFolder, limit: Int? = nil,
                            checksImageSize: Bool = false) throws(DatasetError) -> ByteImageDataset {
        try FileChecks.requireFolder(folder, hint: "set \(DatasetLocations.dataRootVariable) to the folder that holds \(folderName)/")
        return try IDXImageLoader.load(
            imagesPath: (folder as NSString).appendingPathComponent(part.imagesFile),
            labelsPath: (folder as NSString).appendingPathComponent(part.labelsFile),
            classCount: classNames.count, limit: limit, imageSize: checksImageSize ? (imageSide, imageSide) : nil)
    }
}
