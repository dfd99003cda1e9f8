import BackpropEngine
import Testing
@testable import BackpropData

@Suite struct ManyClassesTests {
    @Test(arguments: [PlaygroundDataset.spiral, .gauss], [3, 5])
    func spiralAndGaussMakeEveryClass(dataset: PlaygroundDataset, classes: Int) throws {
        let data = try PlaygroundData(dataset: dataset, classes: classes, seed: 4)
        let labels = (data.trainPoints + data.testPoints).map { Int($0.label) }
        #expect(Set(labels) == Set(0..<classes))
        #expect(labels.count == 500 / classes * classes)
        #expect(data.task == .classification(classes: classes))
        #expect(try data.split(features: [.x1, .x2]).classNames.count == classes)
    }

    @Test func twoClassesKeepThePlaygroundPoints() throws {
        for dataset in [PlaygroundDataset.spiral, .gauss] {
            var first = RandomGenerator(seed: 9), second = RandomGenerator(seed: 9)
            #expect(dataset.generatePoints(noise: 0.2, using: &first) == dataset.generatePoints(noise: 0.2, classes: 2, using: &second))
        }
        #expect(PlaygroundGenerators.gaussianCenters(classes: 2).map(\.center.x1) == [2, -2])
    }

    @Test func otherDatasetsRefuseMoreClasses() {
        #expect(throws: PlaygroundSettingError.unsupportedClassCount(3, .circle)) { try PlaygroundData(dataset: .circle, classes: 3, seed: 1) }
        #expect(throws: PlaygroundSettingError.unsupportedClassCount(6, .spiral)) { try PlaygroundData(dataset: .spiral, classes: 6, seed: 1) }
    }
}
