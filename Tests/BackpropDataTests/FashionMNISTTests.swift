import Foundation
import Testing
@testable import BackpropData

@Suite struct FashionMNISTTests {
    @Test func loadsTheFixture() throws {
        let split = try FashionMNIST.load(folder: TestFiles.fashionFixture)
        let train = try #require(split.train as? ByteImageDataset)
        let validation = try #require(split.validation as? ByteImageDataset)
        #expect(train.count == 2000 && validation.count == 500)
        #expect(train.inputShape == [1, 28, 28] && train.task == .classification(classes: 10))
        #expect(Array(train.labels.prefix(10)) == [9, 0, 0, 3, 0, 2, 7, 2, 5, 5])
        #expect(Array(validation.labels.prefix(4)) == [9, 2, 1, 1])
        #expect(split.classNames.first == "T-shirt/top" && split.classNames.last == "Ankle boot")
        #expect(train.image(at: 0).reduce(0) { $0 + Int($1) } == 76247)
    }

    @Test func batchesAreScaledToUnitRange() throws {
        let train = try FashionMNIST.load(.train, folder: TestFiles.fashionFixture, limit: 3)
        #expect(train.count == 3)
        var inputs = [Float](repeating: -1, count: 2 * 784)
        var targets = [Float](repeating: -1, count: 2)
        train.fillBatch(indices: [2, 0][...], inputs: &inputs, targets: &targets)
        #expect(targets == [0, 9])
        let first = Array(inputs[784...])
        #expect(first.max() == 1 && first.min() == 0)
        #expect(first.enumerated().allSatisfy { $0.element == Float(train.pixels[$0.offset]) / 255 })
    }

    @Test func limitKeepsTheFirstImagesOfEachPart() throws {
        let split = try FashionMNIST.load(folder: TestFiles.fashionFixture, limit: 100)
        #expect(split.train.count == 100 && split.validation.count == 100)
    }

    @Test func subsetKeepsImagesWithTheirLabels() throws {
        let train = try FashionMNIST.load(.train, folder: TestFiles.fashionFixture, limit: 10)
        let picked = train.subset([3, 1])
        #expect(picked.labels == [3, 0])
        #expect(picked.image(at: 0) == train.image(at: 3))
    }

    @Test func installedSetLoadsWhenPresent() throws {
        guard FileManager.default.fileExists(atPath: FashionMNIST.defaultFolder) else { return }
        let split = try FashionMNIST.load(limit: 50)
        #expect(split.train.count == 50 && split.validation.count == 50)
    }
}
