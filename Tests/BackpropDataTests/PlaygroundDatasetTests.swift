import BackpropEngine
import Foundation
import Testing
@testable import BackpropData

@Suite struct PlaygroundDatasetTests {
    private func generate(_ dataset: PlaygroundDataset, noise: Double = 0, seed: UInt64 = 1) -> [PlaygroundPoint] {
        var random = RandomGenerator(seed: seed)
        return dataset.generatePoints(noise: noise, using: &random)
    }

    private func classCounts(_ points: [PlaygroundPoint]) -> [Double: Int] {
        points.reduce(into: [:]) { $0[$1.label, default: 0] += 1 }
    }

    @Test func namesMatchTheCommandLine() throws {
        #expect(PlaygroundDataset.allCases.map(\.rawValue) == ["circle", "xor", "gauss", "spiral", "moons", "reg-plane", "reg-gauss"])
        #expect(try PlaygroundDataset.named("reg-gauss") == .regressionGauss)
        #expect(throws: PlaygroundSettingError.unknownDataset("ring")) { try PlaygroundDataset.named("ring") }
        #expect(PlaygroundSettingError.unknownDataset("ring").description.contains("circle, xor, gauss, spiral, moons, reg-plane, reg-gauss"))
    }

    @Test(arguments: PlaygroundDataset.allCases)
    func generatesThePlaygroundSampleCount(dataset: PlaygroundDataset) {
        let expected = dataset.isRegression ? 1200 : 500
        #expect(dataset.sampleCount == expected)
        #expect(generate(dataset, noise: 0.3).count == expected)
        #expect(dataset.task == (dataset.isRegression ? .regression(outputs: 1) : .classification(classes: 2)))
    }

    @Test(arguments: [PlaygroundDataset.circle, .gauss, .spiral, .moons])
    func classesAreBalancedWithoutNoise(dataset: PlaygroundDataset) {
        #expect(classCounts(generate(dataset)) == [0: 250, 1: 250])
    }

    @Test func xorClassesAreRoughlyBalanced() {
        let counts = classCounts(generate(.xor, noise: 0.2))
        #expect(Set(counts.keys) == [0, 1])
        #expect((200...300).contains(counts[1] ?? 0))
    }

    @Test(arguments: PlaygroundDataset.allCases)
    func sameSeedGivesSamePointsAndDifferentSeedsDiffer(dataset: PlaygroundDataset) throws {
        let first = try PlaygroundData(dataset: dataset, noisePercent: 25, seed: 7)
        let again = try PlaygroundData(dataset: dataset, noisePercent: 25, seed: 7)
        let other = try PlaygroundData(dataset: dataset, noisePercent: 25, seed: 8)
        #expect(first.trainPoints == again.trainPoints && first.testPoints == again.testPoints)
        #expect(first.trainPoints != other.trainPoints)
    }

    @Test func circleWithoutNoiseSeparatesInsideFromRing() {
        for point in generate(.circle) {
            let radius = (point.x1 * point.x1 + point.x2 * point.x2).squareRoot()
            if point.label == 1 { #expect(radius <= 2.5) } else { #expect(radius >= 3.5 && radius <= 5) }
        }
    }

    @Test func circleNoiseFlipsSomeLabelsButNotPositions() {
        let points = generate(.circle, noise: 0.5)
        let insideButNegative = points.filter { ($0.x1 * $0.x1 + $0.x2 * $0.x2).squareRoot() <= 2.5 && $0.label == 0 }
        #expect(!insideButNegative.isEmpty)
        #expect(points.allSatisfy { ($0.x1 * $0.x1 + $0.x2 * $0.x2).squareRoot() <= 5 })
    }

    @Test func xorWithoutNoiseIsPaddedAndLabelledBySign() {
        for point in generate(.xor) {
            #expect(abs(point.x1) >= 0.3 && abs(point.x1) <= 5.3)
            #expect(abs(point.x2) >= 0.3 && abs(point.x2) <= 5.3)
            #expect(point.label == (point.x1 * point.x2 >= 0 ? 1 : 0))
        }
    }

    @Test func gaussVarianceFollowsNoise() {
        func spread(_ points: [PlaygroundPoint]) -> (mean: Double, variance: Double) {
            let positives = points.filter { $0.label == 1 }.map(\.x1)
            let mean = positives.reduce(0, +) / Double(positives.count)
            let variance = positives.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(positives.count - 1)
            return (mean, variance)
        }
        let calm = spread(generate(.gauss, noise: 0))
        #expect(abs(calm.mean - 2) < 0.2)
        #expect(abs(calm.variance - 0.5) < 0.15)
        let noisy = spread(generate(.gauss, noise: 0.5))
        #expect(abs(noisy.variance - 4) < 1)
    }

    @Test func spiralWithoutNoiseLiesOnItsArms() {
        for point in generate(.spiral) {
            let radius = (point.x1 * point.x1 + point.x2 * point.x2).squareRoot()
            let angle = 1.75 * radius / 5 * 2 * Double.pi + (point.label == 1 ? 0 : Double.pi)
            #expect(abs(point.x1 - radius * sin(angle)) < 1e-9)
            #expect(abs(point.x2 - radius * cos(angle)) < 1e-9)
        }
    }

    @Test func moonsWithoutNoiseLieOnTheirHalfCircles() {
        let points = generate(.moons)
        for point in points {
            let x = point.x1 / 3 + 0.5
            let y = point.x2 / 3 + 0.25
            if point.label == 0 {
                #expect(abs(x * x + y * y - 1) < 1e-9 && y >= -1e-12)
            } else {
                #expect(abs((1 - x) * (1 - x) + (0.5 - y) * (0.5 - y) - 1) < 1e-9 && y <= 0.5 + 1e-12)
            }
        }
        #expect(abs(points[0].x1 - 1.5) < 1e-12 && abs(points[0].x2 + 0.75) < 1e-12)
    }

    @Test func regressionPlaneTargetIsTheScaledSum() {
        for point in generate(.regressionPlane) {
            #expect(point.label == (point.x1 + point.x2) / 10)
            #expect(abs(point.x1) <= 6 && abs(point.x2) <= 6)
        }
    }

    @Test func regressionGaussTargetPeaksAtTheBumps() {
        #expect(PlaygroundGenerators.sixGaussiansTarget(x1: -4, x2: 2.5) == 1)
        #expect(PlaygroundGenerators.sixGaussiansTarget(x1: 0, x2: 2.5) == -1)
        #expect(PlaygroundGenerators.sixGaussiansTarget(x1: 4, x2: -1.5) == -0.5)
        #expect(PlaygroundGenerators.sixGaussiansTarget(x1: 0, x2: 0) == 0)
        for point in generate(.regressionGauss) {
            #expect(point.label == PlaygroundGenerators.sixGaussiansTarget(x1: point.x1, x2: point.x2))
        }
    }
}
