import CZlib
import Foundation

/// Paths and file writers shared by the data tests.
enum TestFiles {
    /// The repository's `datasets/` folder, found from this source file's location.
    static let datasetsFolder: String = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("datasets").path

    static let fashionFixture = datasetsFolder + "/fashion-mnist-fixture"
    static let digitsFile = datasetsFolder + "/digits/digits.csv.gz"

    /// A fresh empty folder under the system temp folder.
    static func temporaryFolder() throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("backprop-data-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.path
    }

    static func remove(_ folder: String) {
        try? FileManager.default.removeItem(atPath: folder)
    }

    static func writeGzip(_ bytes: [UInt8], to path: String) {
        let file = gzopen(path, "wb")!
        _ = bytes.withUnsafeBytes { gzwrite(file, $0.baseAddress, UInt32($0.count)) }
        gzclose(file)
    }

    static func writeRaw(_ bytes: [UInt8], to path: String) throws {
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    static func readRaw(_ path: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    /// An IDX header: magic number then sizes, all big-endian.
    static func idxHeader(magic: UInt32, dimensions: [UInt32]) -> [UInt8] {
        ([magic] + dimensions).flatMap { value in (0..<4).map { UInt8(truncatingIfNeeded: value >> (24 - 8 * $0)) } }
    }

    /// Writes `count` 2x3 images (pixel value = image index) and labels `labels` into `folder`
    /// under the Fashion-MNIST training file names.
    static func writeTinySet(in folder: String, imageCount: Int, labels: [UInt8]) {
        let pixels = (0..<imageCount).flatMap { [UInt8](repeating: UInt8($0), count: 6) }
        writeGzip(idxHeader(magic: 0x803, dimensions: [UInt32(imageCount), 2, 3]) + pixels, to: folder + "/train-images-idx3-ubyte.gz")
        writeGzip(idxHeader(magic: 0x801, dimensions: [UInt32(labels.count)]) + labels, to: folder + "/train-labels-idx1-ubyte.gz")
    }
}
