/// Why a dataset file could not be read. Every description starts with the file or folder path.
public enum DatasetError: Error, Equatable, Sendable, CustomStringConvertible {
    case missingFolder(path: String, hint: String)
    case missingFile(path: String)
    case unreadable(path: String, reason: String)
    case notGzip(path: String)
    case corruptStream(path: String, reason: String)
    case truncated(path: String, expectedBytes: Int, actualBytes: Int)
    case trailingBytes(path: String, expectedBytes: Int)
    case badMagic(path: String, found: UInt32, expected: UInt32)
    case badHeader(path: String, reason: String)
    /// The file is sound but holds too little for what was asked of it.
    case tooSmall(path: String, reason: String)
    case countMismatch(imagesPath: String, imageCount: Int, labelsPath: String, labelCount: Int)
    case labelOutOfRange(path: String, index: Int, label: Int, classCount: Int)
    case malformedRow(path: String, line: Int, reason: String)
    case notFound(relativePath: String, searched: [String])

    /// The file or folder the error is about.
    public var path: String {
        switch self {
        case .missingFolder(let path, _), .missingFile(let path), .unreadable(let path, _), .notGzip(let path),
             .corruptStream(let path, _), .truncated(let path, _, _), .trailingBytes(let path, _),
             .badMagic(let path, _, _), .badHeader(let path, _), .tooSmall(let path, _), .labelOutOfRange(let path, _, _, _),
             .malformedRow(let path, _, _):
            path
        case .countMismatch(let imagesPath, _, _, _): imagesPath
        case .notFound(let relativePath, _): relativePath
        }
    }

    public var description: String {
        switch self {
        case .missingFolder(let path, let hint):
            "\(path): folder not found" + (hint.isEmpty ? "" : " (\(hint))")
        case .missingFile(let path):
            "\(path): file not found"
        case .unreadable(let path, let reason):
            "\(path): cannot read: \(reason)"
        case .notGzip(let path):
            "\(path): not a gzip file"
        case .corruptStream(let path, let reason):
            "\(path): corrupt gzip stream: \(reason)"
        case .truncated(let path, let expected, let actual):
            "\(path): truncated: expected \(expected) bytes, got \(actual)"
        case .trailingBytes(let path, let expected):
            "\(path): unexpected data after the expected \(expected) bytes"
        case .badMagic(let path, let found, let expected):
            "\(path): bad magic number \(hex(found)), expected \(hex(expected))"
        case .badHeader(let path, let reason):
            "\(path): bad header: \(reason)"
        case .tooSmall(let path, let reason):
            "\(path): too little data: \(reason)"
        case .countMismatch(let imagesPath, let imageCount, let labelsPath, let labelCount):
            "\(imagesPath): holds \(imageCount) images but \(labelsPath) holds \(labelCount) labels"
        case .labelOutOfRange(let path, let index, let label, let classCount):
            "\(path): label \(label) of item \(index) is outside 0..<\(classCount)"
        case .malformedRow(let path, let line, let reason):
            "\(path):\(line): \(reason)"
        case .notFound(let relativePath, let searched):
            "\(relativePath): not found; looked in \(searched.joined(separator: ", "))"
        }
    }

    private func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16)
        return "0x" + String(repeating: "0", count: max(0, 8 - digits.count)) + digits
    }
}
