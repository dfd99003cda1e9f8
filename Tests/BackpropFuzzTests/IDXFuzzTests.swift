@testable import BackpropData
import Foundation
import Testing

extension Fuzz {
    /// The IDX reader and the image loader: any file, read as images or as labels, whole or
    /// in part, gives items that fill exactly what was read, or a `DatasetError` naming it.
    @Suite struct IDXReader {
        static let target = FuzzTarget(
            name: "idx", fileExtension: "gz", testFilter: "Fuzz/IDXReader",
            makeInput: IDXMutator.makeInput, check: check)

        /// One folder per process; every case writes its file over the last one.
        static let folder: String = {
            let folder = NSTemporaryDirectory() + "backprop-fuzz-idx-\(getpid())"
            try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            return folder
        }()
        static let path = folder + "/input.gz"
        static let companionPath = folder + "/companion.gz"

        static func check(_ input: [UInt8]) -> FuzzOutcome {
            guard FileManager.default.createFile(atPath: path, contents: Data(input)) else { return .broken("cannot write \(path)") }
            var outcomes: [FuzzOutcome] = []
            for magic in [IDXMutator.imagesMagic, IDXMutator.labelsMagic] {
                for limit in [nil, 0, 2] as [Int?] {
                    outcomes.append(outcome(path: path) { () throws(DatasetError) in
                        let file = try IDXFile(path: path, expectedMagic: magic, limit: limit)
                        let itemSize = file.dimensions.dropFirst().reduce(1, *)
                        return file.bytes.count == file.itemsRead * itemSize && file.itemsRead <= file.itemCount
                            ? nil : "read \(file.bytes.count) bytes for \(file.itemsRead) items of sizes \(file.dimensions)"
                    })
                }
                outcomes.append(loadWithCompanion(asImages: magic == IDXMutator.imagesMagic))
            }
            if let broken = outcomes.first(where: { if case .broken = $0 { true } else { false } }) { return broken }
            return outcomes.contains(.accepted) ? .accepted : .refused
        }

        /// Loads the input as the images (or labels) of a set whose other file is valid and
        /// agrees on the count, so the loader's own checks are reached.
        static func loadWithCompanion(asImages: Bool) -> FuzzOutcome {
            let magic = asImages ? IDXMutator.imagesMagic : IDXMutator.labelsMagic
            guard let count = try? IDXFile(path: path, expectedMagic: magic, limit: 0).itemCount, count <= 10_000 else { return .refused }
            let companion = asImages
                ? IDXMutator.header(IDXMutator.labelsMagic, [UInt32(count)]) + [UInt8](repeating: 3, count: count)
                : IDXMutator.header(IDXMutator.imagesMagic, [UInt32(count), 2, 2]) + [UInt8](repeating: 9, count: 4 * count)
            FileManager.default.createFile(atPath: companionPath, contents: Data(GzipCompression.compress(companion)))
            let (images, labels) = asImages ? (path, companionPath) : (companionPath, path)
            return outcome(path: path) { () throws(DatasetError) in
                let set = try IDXImageLoader.load(imagesPath: images, labelsPath: labels, classCount: 10, limit: nil,
                                                  imageSize: asImages ? nil : (2, 2))
                if set.pixels.count != set.count * set.rows * set.columns { return "\(set.pixels.count) pixels for \(set.count) images" }
                return set.labels.allSatisfy { $0 < 10 } ? nil : "a label outside the classes was accepted"
            }
        }

        /// Runs `read`, which returns nil when what it read is consistent, or why not.
        static func outcome(path: String, _ read: () throws(DatasetError) -> String?) -> FuzzOutcome {
            do throws(DatasetError) {
                return try read().map { .broken($0) } ?? .accepted
            } catch {
                return error.path == path || error.description.hasPrefix(path + ":") ? .refused
                    : .broken("the error does not name the file: \(error)")
            }
        }

        @Test func everyFileGivesItemsOrANamedError() {
            let summary = FuzzRunner.run(Self.target, settings: .current(ciSeconds: 8, ciCases: 400_000))
            #expect(summary.executions > 0)
            try? FileManager.default.removeItem(atPath: Self.folder)
        }
    }
}
