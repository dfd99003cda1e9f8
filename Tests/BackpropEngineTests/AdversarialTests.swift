import Testing
@testable import BackpropEngine

@Suite("GAN: backward through D into G, alternating updates, mode coverage")
struct AdversarialTests {
    /// G: 3 → 5 tanh → 2; D: 2 → 4 tanh → 1, every parameter drawn from U(−1, 1).
    private func makeTrainer(batch: Int, discriminatorOptimizer: OptimizerKind = .sgd) throws -> AdversarialTrainer {
        let loss = BinaryCrossEntropy(task: .classification(classes: 2))
        let generator = try Network(layers: [Dense(inputSize: 3, outputSize: 5), Activation(.tanh), Dense(inputSize: 5, outputSize: 2)],
                                    inputShape: [3], loss: loss)
        let discriminator = try Network(layers: [Dense(inputSize: 2, outputSize: 4), Activation(.tanh), Dense(inputSize: 4, outputSize: 1)],
                                        inputShape: [2], loss: loss)
        var random = RandomGenerator(seed: 11)
        for parameter in generator.parameters + discriminator.parameters {
            for i in 0..<parameter.count { parameter.value[i] = Float(random.uniform(-1, 1)) }
        }
        let real = Tensor(shape: [4, 2], values: [2, 0, 0, 2, -2, 0, 0, -2])
        let settings = AdversarialSettings(batchSize: batch, latentSize: 3, discriminatorSteps: 2,
                                           generatorOptimizer: OptimizerSettings(kind: .sgd, learningRate: 0.1),
                                           discriminatorOptimizer: OptimizerSettings(kind: discriminatorOptimizer, learningRate: 0.1))
        return try AdversarialTrainer(generator: generator, discriminator: discriminator, realPoints: real, settings: settings, seed: 5)
    }

    @Test func generatorGradientThroughDiscriminatorMatchesFiniteDifferences() throws {
        let trainer = try makeTrainer(batch: 2)
        let latent = Tensor(shape: [2, 3], values: [0.3, -1.1, 0.7, -0.4, 0.9, 1.6])
        _ = trainer.computeGeneratorGradients(latent: latent)
        let analytic = trainer.generator.parameters.map(\.gradient.values)
        // A check that cannot fail on all-zero gradients: some must be of a real size.
        #expect(analytic.joined().map(abs).max()! > 0.05)
        var failures: [String] = []
        for (p, parameter) in trainer.generator.parameters.enumerated() {
            for i in 0..<parameter.count {
                let numeric = GradientCheck.numericDerivative(of: { trainer.generatorLoss(latent: latent) }, at: parameter.value.data + i)
                if let failure = GradientCheck.assertClose(analytic[p][i], numeric, "generator \(parameter.name)[\(i)]") {
                    failures.append(failure)
                }
            }
        }
        #expect(failures == [])
    }

    @Test func generatorStepLeavesTheDiscriminatorUntouched() throws {
        let trainer = try makeTrainer(batch: 4, discriminatorOptimizer: .adam)
        trainer.discriminatorStep()
        let discriminatorBefore = trainer.discriminator.parameters.map(\.value.values)
        let generatorBefore = trainer.generator.parameters.map(\.value.values)
        let discriminatorSteps = trainer.discriminatorOptimizer.stepCount
        trainer.generatorStep()
        #expect(trainer.discriminator.parameters.map(\.value.values) == discriminatorBefore)
        #expect(trainer.generator.parameters.map(\.value.values) != generatorBefore)
        #expect(trainer.discriminatorOptimizer.stepCount == discriminatorSteps)
        // The gradients the G step computed inside D are gone before D's next update.
        #expect(trainer.discriminator.parameters.allSatisfy { $0.gradient.values.allSatisfy { $0 == 0 } })
    }

    @Test func trainStepRunsKDiscriminatorUpdatesPerGeneratorUpdate() throws {
        let trainer = try makeTrainer(batch: 4)
        for _ in 0..<3 { #expect(trainer.trainStep()) }
        #expect(trainer.step == 3)
        #expect(trainer.generatorOptimizer.stepCount == 3)
        #expect(trainer.discriminatorOptimizer.stepCount == 6)
        #expect(trainer.lastGeneratorLoss.isFinite && trainer.lastDiscriminatorLoss.isFinite)
    }

    @Test func discriminatorStepLowersItsLossOnFixedFakes() throws {
        // With G frozen (its learning rate 0), repeated D steps must separate real from fake.
        let trainer = try makeTrainer(batch: 4)
        trainer.generatorOptimizer.learningRate = 0
        let first = trainer.discriminatorStep()
        var last = first
        for _ in 0..<200 { last = trainer.discriminatorStep() }
        #expect(last < first * 0.5, "L_D \(first) → \(last)")
    }

    @Test func sameSeedGivesIdenticalRuns() throws {
        let a = try makeTrainer(batch: 4), b = try makeTrainer(batch: 4)
        for _ in 0..<5 { a.trainStep(); b.trainStep() }
        #expect(a.generator.parameters.map(\.value.values) == b.generator.parameters.map(\.value.values))
        #expect(a.lastDiscriminatorLoss == b.lastDiscriminatorLoss)
    }

    @Test func modeCoverageCountsModesWithEnoughPointsNearby() {
        let centres: [SIMD2<Float>] = [[1, 0], [0, 1], [-1, 0], [0, -1]]
        // 40 points: 10 on each of the first three modes, 10 far from every mode.
        var points: [Float] = []
        for mode in 0..<3 { for _ in 0..<10 { points += [centres[mode].x + 0.01, centres[mode].y] } }
        for _ in 0..<10 { points += [5, 5] }
        let coverage = ModeCoverage.measure(points: points, centres: centres, radius: 0.1)
        #expect(coverage.covered == 3)
        #expect(coverage.highQualityPerMode == [10, 10, 10, 0])
        #expect(coverage.highQualityFraction == 0.75)
    }

    @Test func aFewStrayPointsDoNotCoverAMode() {
        let centres: [SIMD2<Float>] = [[1, 0], [-1, 0]]
        // Even share 50; 20% of it is 10: a mode with 9 points is not covered, 10 is.
        var points: [Float] = []
        for _ in 0..<91 { points += [1, 0] }
        for _ in 0..<9 { points += [-1, 0] }
        #expect(ModeCoverage.measure(points: points, centres: centres, radius: 0.1).covered == 1)
        points.replaceSubrange(0..<2, with: [-1, 0])
        #expect(ModeCoverage.measure(points: points, centres: centres, radius: 0.1).covered == 2)
        // Outside the radius counts for nothing, and neither does a NaN.
        #expect(ModeCoverage.measure(points: [1.5, 0, .nan, .nan], centres: centres, radius: 0.1).covered == 0)
    }
}

@Suite("Mode coverage over regions of anchors (a curve's stretches)")
struct RegionCoverageTests {
    @Test func pointsCountForTheRegionOfTheirNearestAnchor() {
        // Four anchors on a line, two regions of two anchors each.
        let anchors: [SIMD2<Float>] = [[0, 0], [1, 0], [2, 0], [3, 0]]
        let points: [Float] = [0.05, 0, 1, 0.05, 0.95, 0, 2.95, 0, 1.5, 1]
        let coverage = ModeCoverage.measure(points: points, anchors: anchors, regionOfAnchor: [0, 0, 1, 1], regions: 2, radius: 0.1)
        #expect(coverage.highQualityPerMode == [3, 1])
        #expect(coverage.highQualityFraction == 0.8)
        // An even share is 2.5 points; a fifth of it is 0.5: both regions count.
        #expect(coverage.covered == 2)
    }
}
