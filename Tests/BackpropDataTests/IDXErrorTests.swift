import Foundation
import Testing
@testable import BackpropData

/// Each broken input gives a thrown error whose message starts with the offending path.
@Suite struct IDXErrorTests {
    private func loadError(folder: String) -> DatasetError? {
        do {
            _ = try FashionMNIST.load(.train, folder: folder)
            return nil
        } catch {
            return error
        }
    }

    private func withFolder(_ body: (String) throws -> Void) throws {
        let folder = try TestFiles.temporaryFolder()
        defer { TestFiles.remove(folder) }
        try body(folder)
    }

    private var imagesName: String { FashionMNIST.Part.train.imagesFile }
    private var labelsName: String { FashionMNIST.Part.train.labelsFile }

    @Test func tinySetLoads() throws {
        try withFolder { folder in
            TestFiles.writeTinySet(in: folder, imageCount: 3, labels: [4, 0, 9])
            let set = try FashionMNIST.load(.train, folder: folder)
            #expect(set.count == 3 && set.inputShape == [1, 2, 3] && set.labels == [4, 0, 9])
            #expect(Array(set.image(at: 2)) == [2, 2, 2, 2, 2, 2])
        }
    }

    @Test func missingFolder() throws {
        let folder = "/nonexistent-backprop/fashion-mnist"
        let error = try #require(loadError(folder: folder))
        #expect(error == .missingFolder(path: folder, hint: "set BACKPROP_DATA to the folder that holds fashion-mnist/"))
        #expect(error.description.hasPrefix(folder + ": folder not found"))
    }

    @Test func missingFile() throws {
        try withFolder { folder in
            TestFiles.writeTinySet(in: folder, imageCount: 2, labels: [1, 2])
            try FileManager.default.removeItem(atPath: folder + "/" + imagesName)
            let error = try #require(loadError(folder: folder))
            #expect(error.description == "\(folder)/\(imagesName): file not found")
        }
    }

    @Test func truncatedPayload() throws {
        try withFolder { folder in
            TestFiles.writeTinySet(in: folder, imageCount: 3, labels: [1, 2, 3])
            let header = TestFiles.idxHeader(magic: 0x803, dimensions: [3, 2, 3])
            TestFiles.writeGzip(header + [UInt8](repeating: 7, count: 10), to: folder + "/" + imagesName)
            let error = try #require(loadError(folder: folder))
            #expect(error == .truncated(path: folder + "/" + imagesName, expectedBytes: 16 + 18, actualBytes: 16 + 10))
            #expect(error.description == "\(folder)/\(imagesName): truncated: expected 34 bytes, got 26")
        }
    }

    @Test func truncatedHeader() throws {
        try withFolder { folder in
            TestFiles.writeTinySet(in: folder, imageCount: 1, labels: [1])
            TestFiles.writeGzip([0, 0, 8, 1, 0, 0], to: folder + "/" + labelsName)
            let error = try #require(loadError(folder: folder))
            #expect(error.description == "\(folder)/\(labelsName): truncated: expected 8 bytes, got 6")
        }
    }

    @Test func gzipStreamCutShort() throws {
        try withFolder { folder in
            let source = try TestFiles.readRaw(TestFiles.fashionFixture + "/" + imagesName)
            try FileManager.default.copyItem(atPath: TestFiles.fashionFixture + "/" + labelsName, toPath: folder + "/" + labelsName)
            try TestFiles.writeRaw(Array(source.prefix(source.count / 2)), to: folder + "/" + imagesName)
            let error = try #require(loadError(folder: folder))
            guard case .corruptStream = error else { Issue.record("unexpected \(error)"); return }
            #expect(error.description.hasPrefix("\(folder)/\(imagesName): corrupt gzip stream: compressed data ends early"))
        }
    }

    @Test func corruptGzip() throws {
        try withFolder { folder in
            TestFiles.writeTinySet(in: folder, imageCount: 2, labels: [1, 2])
            let gzipHeader: [UInt8] = [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 3]
            try TestFiles.writeRaw(gzipHeader + [UInt8](repeating: 0xFF, count: 64), to: folder + "/" + labelsName)
            let error = try #require(loadError(folder: folder))
            guard case .corruptStream = error else { Issue.record("unexpected \(error)"); return }
            #expect(error.description.hasPrefix("\(folder)/\(labelsName): corrupt gzip stream: "))
        }
    }

    @Test func notGzipAtAll() throws {
        try withFolder { folder in
            TestFiles.writeTinySet(in: folder, imageCount: 2, labels: [1, 2])
            try TestFiles.writeRaw(TestFiles.idxHeader(magic: 0x801, dimensions: [2]) + [1, 2], to: folder + "/" + labelsName)
            let error = try #require(loadError(folder: folder))
            #expect(error.description == "\(folder)/\(labelsName): not a gzip file")
        }
    }

    @Test func emptyFile() throws {
        try withFolder { folder in
            TestFiles.writeTinySet(in: folder, imageCount: 2, labels: [1, 2])
            try TestFiles.writeRaw([], to: folder + "/" + labelsName)
            #expect(loadError(folder: folder) == .notGzip(path: folder + "/" + labelsName))
        }
    }

    @Test func wrongMagic() throws {
        try withFolder { folder in
            TestFiles.writeTinySet(in: folder, imageCount: 2, labels: [1, 2])
            TestFiles.writeGzip(TestFiles.idxHeader(magic: 0x801, dimensions: [12]) + [UInt8](repeating: 0, count: 12), to: folder + "/" + imagesName)
            let error = try #require(loadError(folder: folder))
            #expect(error.description == "\(folder)/\(imagesName): bad magic number 0x00000801, expected 0x00000803")
        }
    }

    @Test func imageAndLabelCountsDiffer() throws {
        try withFolder { folder in
            TestFiles.writeTinySet(in: folder, imageCount: 3, labels: [1, 2])
            let error = try #require(loadError(folder: folder))
            #expect(error.description == "\(folder)/\(imagesName): holds 3 images but \(folder)/\(labelsName) holds 2 labels")
        }
    }

    @Test func labelOutsideTheClasses() throws {
        try withFolder { folder in
            TestFiles.writeTinySet(in: folder, imageCount: 2, labels: [1, 10])
            let error = try #require(loadError(folder: folder))
            #expect(error.description == "\(folder)/\(labelsName): label 10 of item 1 is outside 0..<10")
        }
    }

    @Test func bytesAfterTheLastItem() throws {
        try withFolder { folder in
            TestFiles.writeTinySet(in: folder, imageCount: 2, labels: [1, 2])
            TestFiles.writeGzip(TestFiles.idxHeader(magic: 0x801, dimensions: [2]) + [1, 2, 3], to: folder + "/" + labelsName)
            let error = try #require(loadError(folder: folder))
            #expect(error.description == "\(folder)/\(labelsName): unexpected data after the expected 10 bytes")
        }
    }

    @Test func zeroSizedImages() throws {
        try withFolder { folder in
            TestFiles.writeTinySet(in: folder, imageCount: 1, labels: [1])
            TestFiles.writeGzip(TestFiles.idxHeader(magic: 0x803, dimensions: [1, 0, 3]), to: folder + "/" + imagesName)
            let error = try #require(loadError(folder: folder))
            #expect(error.description == "\(folder)/\(imagesName): bad header: dimension 1 has size 0")
        }
    }

    @Test func impossiblyLargeHeader() throws {
        try withFolder { folder in
            TestFiles.writeTinySet(in: folder, imageCount: 1, labels: [1])
            TestFiles.writeGzip(TestFiles.idxHeader(magic: 0x803, dimensions: [.max, .max, .max]) + [1, 2, 3], to: folder + "/" + imagesName)
            let error = try #require(loadError(folder: folder))
            #expect(error.description.hasPrefix("\(folder)/\(imagesName): bad header: sizes [4294967295, 4294967295, 4294967295]"))
        }
    }

    @Test func emptyFileWithHugeImagesIsStillRejected() throws {
        try withFolder { folder in
            TestFiles.writeTinySet(in: folder, imageCount: 0, labels: [])
            TestFiles.writeGzip(TestFiles.idxHeader(magic: 0x803, dimensions: [0, .max, .max]), to: folder + "/" + imagesName)
            let error = try #require(loadError(folder: folder))
            #expect(error.description.hasPrefix("\(folder)/\(imagesName): bad header: sizes [0, 4294967295, 4294967295]"))
        }
    }
}
