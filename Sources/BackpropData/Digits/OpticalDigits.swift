import BackpropEngine

/// The UCI optical recognition of handwritten digits set, as scikit-learn ships it
/// (`digits.csv.gz`): 1797 rows of 64 pixel counts 0–16 (an 8x8 image) and the digit last.
/// Inputs are scaled to [0, 1] (count / 16), input shape `[64]`, 10 classes.
public enum OpticalDigits {
    /// Where the file sits under a dataset root (the repository ships it in `datasets/`).
    public static let relativePath = "digits/digits.csv.gz"
    public static let featureCount = 64
    public static let maximumPixelCount = 16
    public static let classNames = (0...9).map(String.init)
    public static let defaultValidationPercent = 20

    /// Loads the shipped file (see `DatasetLocations.locate`) and splits it at random, seeded:
    /// ⌊count × validationPercent / 100⌋ rows go to validation, the rest to training.
    public static func load(validationPercent: Int = defaultValidationPercent, seed: UInt64) throws(DatasetError) -> DataSplit {
        try load(path: DatasetLocations.locate(relativePath), validationPercent: validationPercent, seed: seed)
    }

    public static func load(path: String, validationPercent: Int = defaultValidationPercent, seed: UInt64) throws(DatasetError) -> DataSplit {
        let all = try readAll(path: path)
        let rows = splitRows(count: all.count, validationPercent: validationPercent, seed: seed)
        return DataSplit(train: all.subset(rows.train), validation: all.subset(rows.validation), classNames: classNames)
    }

    /// Which rows of the file (0-based, blank lines not counted) `load` puts in each part, in
    /// the order it puts them there: for a script that reads the file itself (the PyTorch export).
    public static func splitRows(count: Int, validationPercent: Int = defaultValidationPercent,
                                 seed: UInt64) -> (train: [Int], validation: [Int]) {
        var order = Array(0..<count)
        var random = RandomGenerator(seed: seed)
        random.shuffle(&order)
        let validationCount = count * min(100, max(0, validationPercent)) / 100
        return (Array(order[validationCount...]), Array(order[..<validationCount]))
    }

    /// The number of rows in the file at `path`.
    public static func rowCount(path: String) throws(DatasetError) -> Int { try readAll(path: path).count }

    /// Every row of the file in file order.
    static func readAll(path: String) throws(DatasetError) -> TensorDataset {
        let text = try GzipFileReader(path: path).readToEnd()
        var inputs: [Float] = []
        var targets: [Float] = []
        var lineNumber = 0
        for line in text.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            lineNumber += 1
            let row = line.last == UInt8(ascii: "\r") ? line.dropLast() : line[...]
            if row.allSatisfy({ $0 == UInt8(ascii: " ") }) { continue }
            let fields = row.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false)
            guard fields.count == featureCount + 1 else {
                throw .malformedRow(path: path, line: lineNumber, reason: "expected \(featureCount + 1) comma-separated values, found \(fields.count)")
            }
            for (column, field) in fields.enumerated() {
                let upperBound = column == featureCount ? classNames.count - 1 : maximumPixelCount
                guard let value = wholeNumber(field), value <= upperBound else {
                    let what = column == featureCount ? "label" : "pixel \(column + 1)"
                    let found = String(decoding: field, as: UTF8.self)
                    throw .malformedRow(path: path, line: lineNumber, reason: "\(what) is '\(found)', expected a whole number 0...\(upperBound)")
                }
                if column == featureCount {
                    targets.append(Float(value))
                } else {
                    inputs.append(Float(value) / Float(maximumPixelCount))
                }
            }
        }
        guard !targets.isEmpty else { throw .malformedRow(path: path, line: 1, reason: "the file holds no rows") }
        return TensorDataset(inputs: inputs, targets: targets, inputShape: [featureCount], task: .classification(classes: classNames.count))
    }

    /// A non-negative whole number written as digits, optionally with a zero fraction ("5" or "5.0").
    private static func wholeNumber(_ field: ArraySlice<UInt8>) -> Int? {
        var digits = field.drop { $0 == UInt8(ascii: " ") }
        while digits.last == UInt8(ascii: " ") { digits = digits.dropLast() }
        if let dot = digits.firstIndex(of: UInt8(ascii: ".")) {
            guard digits[(dot + 1)...].allSatisfy({ $0 == UInt8(ascii: "0") }) else { return nil }
            digits = digits[..<dot]
        }
        guard !digits.isEmpty, digits.count <= 6, digits.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else { return nil }
        return digits.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
    }
}
