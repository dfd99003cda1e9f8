import BackpropEngine
import Foundation
import Testing
@testable import BackpropData

@Suite struct OpticalDigitsTests {
    @Test func readsAllRowsScaled() throws {
        let all = try OpticalDigits.readAll(path: TestFiles.digitsFile)
        #expect(all.count == 1797 && all.inputShape == [64] && all.task == .classification(classes: 10))
        #expect(all.inputs.allSatisfy { $0 >= 0 && $0 <= 1 })
        #expect(Set(all.targets) == Set((0...9).map(Float.init)))
        let firstPixels: [Float] = [0, 0, 5.0 / 16, 13.0 / 16]
        #expect(Array(all.inputs[0..<4]) == firstPixels)
        let firstLabels: [Float] = [0, 1, 2]
        #expect(Array(all.targets.prefix(3)) == firstLabels)
    }

    @Test func splitIsSeededAndComplete() throws {
        let split = try OpticalDigits.load(path: TestFiles.digitsFile, seed: 4)
        let again = try OpticalDigits.load(path: TestFiles.digitsFile, seed: 4)
        let other = try OpticalDigits.load(path: TestFiles.digitsFile, seed: 5)
        #expect(split.train.count == 1438 && split.validation.count == 359)
        let validation = try #require(split.validation as? TensorDataset)
        let validationAgain = try #require(again.validation as? TensorDataset)
        let otherValidation = try #require(other.validation as? TensorDataset)
        #expect(validation.targets == validationAgain.targets && validation.inputs == validationAgain.inputs)
        #expect(validation.targets != otherValidation.targets)
        #expect(split.classNames == ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"])
    }

    @Test func findsTheShippedFile() throws {
        let path = try DatasetLocations.locate(OpticalDigits.relativePath)
        #expect(path.hasSuffix("datasets/digits/digits.csv.gz"))
    }

    private func errorFor(rows: [String]) throws -> DatasetError? {
        let folder = try TestFiles.temporaryFolder()
        defer { TestFiles.remove(folder) }
        let path = folder + "/digits.csv.gz"
        TestFiles.writeGzip(Array(rows.joined(separator: "\n").utf8), to: path)
        do {
            _ = try OpticalDigits.readAll(path: path)
            return nil
        } catch {
            #expect(error.description.hasPrefix(path + ":"))
            return error
        }
    }

    private let goodRow = ([String](repeating: "3", count: 64) + ["7"]).joined(separator: ",")

    @Test func acceptsFloatFormattedWholeNumbersAndATrailingNewline() throws {
        #expect(try errorFor(rows: [goodRow.replacingOccurrences(of: "3", with: "3.0"), goodRow, ""]) == nil)
    }

    @Test func shortRowNamesItsLine() throws {
        let short = ([String](repeating: "1", count: 63) + ["2"]).joined(separator: ",")
        let error = try #require(try errorFor(rows: [goodRow, short]))
        #expect(error.description.hasSuffix(":2: expected 65 comma-separated values, found 64"))
    }

    @Test func pixelOutOfRangeNamesItsLineAndColumn() throws {
        let bad = (["3", "17"] + [String](repeating: "3", count: 62) + ["7"]).joined(separator: ",")
        let error = try #require(try errorFor(rows: [goodRow, goodRow, bad]))
        #expect(error.description.hasSuffix(":3: pixel 2 is '17', expected a whole number 0...16"))
    }

    @Test func badLabelNamesItsLine() throws {
        let bad = String(goodRow.dropLast()) + "x"
        let error = try #require(try errorFor(rows: [bad]))
        #expect(error.description.hasSuffix(":1: label is 'x', expected a whole number 0...9"))
    }

    @Test func emptyFileIsAnError() throws {
        let error = try #require(try errorFor(rows: [""]))
        #expect(error.description.hasSuffix(":1: the file holds no rows"))
    }

    @Test func missingFileNamesThePath() {
        #expect(throws: DatasetError.missingFile(path: TestFiles.datasetsFolder + "/digits/nothing.csv.gz")) {
            try OpticalDigits.load(path: TestFiles.datasetsFolder + "/digits/nothing.csv.gz", seed: 1)
        }
    }
}
