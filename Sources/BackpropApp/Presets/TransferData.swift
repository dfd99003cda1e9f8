import BackpropData
import BackpropEngine

/// The transfer runs' data: a few training images of each of Fashion-MNIST's classes 5–9
/// (sandal, shirt, sneaker, bag, ankle boot), labelled 0–4, and every test image of those
/// classes for validation.
enum TransferData {
    static func load(labelsPerClass: Int, seed: UInt64) throws -> DataSplit {
        var random = RandomGenerator(seed: seed)
        let classes = TransferSettings.targetClasses
        return DataSplit(
            train: try FashionMNIST.load(.train, checksImageSize: true).selecting(classes: classes, perClass: labelsPerClass, random: &random),
            validation: try FashionMNIST.load(.test, checksImageSize: true).selecting(classes: classes, random: &random),
            classNames: Array(FashionMNIST.classNames[classes]))
    }
}
