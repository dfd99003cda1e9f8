import BackpropEngine
import Testing
@testable import BackpropData

@Suite struct PlaygroundDataTests {
    @Test(arguments: [(10, 50), (33, 165), (50, 250), (90, 450)])
    func trainRatioSplitsLikeThePlayground(percent: Int, trainCount: Int) throws {
        let data = try PlaygroundData(dataset: .spiral, trainPercent: percent, seed: 3)
        #expect(data.trainPoints.count == trainCount)
        #expect(data.testPoints.count == 500 - trainCount)
    }

    @Test func regressionSplitUsesTwelveHundredPoints() throws {
        let data = try PlaygroundData(dataset: .regressionPlane, trainPercent: 30, seed: 3)
        #expect(data.trainPoints.count == 360 && data.testPoints.count == 840)
    }

    @Test func splitShufflesWithoutLosingPoints() throws {
        let data = try PlaygroundData(dataset: .gauss, noisePercent: 10, seed: 11)
        var random = RandomGenerator(seed: 11)
        let generated = PlaygroundDataset.gauss.generatePoints(noise: 0.1, using: &random)
        let split = data.trainPoints + data.testPoints
        #expect(split != generated)
        let key = { (p: PlaygroundPoint) in "\(p.x1),\(p.x2),\(p.label)" }
        #expect(split.map(key).sorted() == generated.map(key).sorted())
        #expect(Set(data.trainPoints.map(\.label)) == [0, 1])
    }

    @Test func rejectsKnobsOutsideThePlaygroundRanges() {
        #expect(throws: PlaygroundSettingError.noiseOutOfRange(51)) { try PlaygroundData(dataset: .xor, noisePercent: 51, seed: 1) }
        #expect(throws: PlaygroundSettingError.trainPercentOutOfRange(5)) { try PlaygroundData(dataset: .xor, trainPercent: 5, seed: 1) }
        #expect(PlaygroundSettingError.noiseOutOfRange(51).description == "noise 51% is outside 0...50")
        #expect(PlaygroundSettingError.trainPercentOutOfRange(95).description == "train ratio 95% is outside 10...90")
    }

    @Test func classificationSplitHoldsFeaturesAndClassIndices() throws {
        let data = try PlaygroundData(dataset: .xor, noisePercent: 0, seed: 5)
        let split = try data.split(features: [.x1, .x2, .x1x2])
        let train = try #require(split.train as? TensorDataset)
        #expect(train.count == 250 && split.validation.count == 250)
        #expect(train.inputShape == [3] && train.task == .classification(classes: 2))
        #expect(Set(train.targets) == [0, 1])
        let first = data.trainPoints[0]
        #expect(Array(train.inputs[0..<3]) == [Float(first.x1), Float(first.x2), Float(first.x1 * first.x2)])
        #expect(train.targets[0] == Float(first.label))
        #expect(split.classNames == ["-1", "+1"])
    }

    @Test func regressionSplitHoldsRealTargets() throws {
        let data = try PlaygroundData(dataset: .regressionPlane, seed: 5)
        let split = try data.split(features: InputFeature.defaults)
        let validation = try #require(split.validation as? TensorDataset)
        #expect(validation.task == .regression(outputs: 1) && validation.inputShape == [2])
        #expect(validation.targets[0] == Float(data.testPoints[0].label))
        #expect(split.classNames.isEmpty)
    }

    @Test func splitFillsBatchesThroughTheDatasetProtocol() throws {
        let data = try PlaygroundData(dataset: .circle, seed: 9)
        let split = try data.split(features: [.x1sq, .x2sq])
        var inputs = [Float](repeating: 0, count: 4)
        var targets = [Float](repeating: 0, count: 2)
        split.train.fillBatch(indices: [1, 0][...], inputs: &inputs, targets: &targets)
        let point = data.trainPoints[0]
        #expect(inputs[2] == Float(point.x1 * point.x1) && inputs[3] == Float(point.x2 * point.x2))
        #expect(targets[1] == Float(point.label))
    }

    @Test func rejectsEmptyOrRepeatedFeatures() throws {
        let data = try PlaygroundData(dataset: .circle, seed: 1)
        #expect(throws: PlaygroundSettingError.noFeatures) { try data.split(features: []) }
        #expect(throws: PlaygroundSettingError.duplicateFeature(.x2)) { try data.split(features: [.x2, .x1, .x2]) }
    }

    @Test func gridInputsRunFromTopLeftByRows() {
        let grid = PlaygroundData.gridInputs(features: [.x1, .x2], columns: 4, rows: 3)
        #expect(grid.count == 4 * 3 * 2)
        #expect(grid[0] == -4.5 && grid[1] == 4)
        #expect(grid[2] == -1.5 && grid[3] == 4)
        #expect(grid[22] == 4.5 && grid[23] == -4)
    }
}
