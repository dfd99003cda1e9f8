/// How a GAN trains: batch size, latent size, discriminator steps per generator step and
/// each network's own optimizer (and so its own learning rate).
public struct AdversarialSettings: Equatable, Sendable {
    /// Real points (and as many generated ones) in each discriminator step; generated points
    /// in each generator step.
    public var batchSize: Int
    /// Width of the noise vector z ~ N(0, I) the generator turns into a point.
    public var latentSize: Int
    /// k: discriminator updates before each generator update.
    public var discriminatorSteps: Int
    public var generatorOptimizer: OptimizerSettings
    public var discriminatorOptimizer: OptimizerSettings

    public init(batchSize: Int, latentSize: Int, discriminatorSteps: Int,
                generatorOptimizer: OptimizerSettings, discriminatorOptimizer: OptimizerSettings) {
        self.batchSize = batchSize
        self.latentSize = latentSize
        self.discriminatorSteps = discriminatorSteps
        self.generatorOptimizer = generatorOptimizer
        self.discriminatorOptimizer = discriminatorOptimizer
    }
}

/// Trains a generator G (latent z → point) against a discriminator D (point → one logit),
/// alternating as in Goodfellow et al. (2014), with the non-saturating generator loss:
///
/// - D step (k times): `L_D = mean BCE(D(x), 1) over real x and BCE(D(G(z)), 0) over as many
///   fakes`, one batch of 2B rows, so `L_D = (L_real + L_fake) / 2`; only D is updated.
/// - G step: `L_G = mean BCE(D(G(z)), 1) = mean log(1 + e^−D(G(z)))`, which keeps a strong
///   gradient when D rejects the fakes (the saturating `−log(1 − σ(D))` does not). The
///   gradient flows back through D to its input, `∂L/∂G(z) = D.backward(…)`, and on into G;
///   only G is updated. D's parameter gradients from this pass are zeroed, so nothing of the
///   G step reaches D's next update.
///
/// Both losses are BCE on logits (`BinaryCrossEntropy`). Not thread-safe: one thread drives it.
public final class AdversarialTrainer {
    public let generator: Network
    public let discriminator: Network
    public let generatorOptimizer: Optimizer
    public let discriminatorOptimizer: Optimizer
    public let settings: AdversarialSettings
    /// The pool of real points `[N, dimensions]` each D step draws a batch from.
    public let realPoints: Tensor

    /// Generator updates so far (each after `discriminatorSteps` discriminator updates).
    public private(set) var step = 0
    public private(set) var lastGeneratorLoss: Float = .nan
    public private(set) var lastDiscriminatorLoss: Float = .nan
    /// Set when a loss stops being finite; training then stops.
    public private(set) var divergence: String?
    public private(set) var trainingSeconds: Double = 0
    /// When set, every real batch, noise batch and discriminator loss is kept here, in the
    /// order drawn (for the PyTorch parity check, which replays them).
    public var recordedDraws: AdversarialDraws?

    private var random: RandomGenerator
    private let lossFunction = BinaryCrossEntropy(task: .classification(classes: 2))
    private let latent: Tensor
    private let discriminatorInput: Tensor
    private let discriminatorTargets: Tensor
    private let realTargets: Tensor
    private let logitGradient: Tensor

    public init(generator: Network, discriminator: Network, realPoints: Tensor,
                settings: AdversarialSettings, seed: UInt64) throws(ModelError) {
        guard generator.inputShape == [settings.latentSize] else {
            throw ModelError("the generator takes \(generator.inputShape), not a latent vector of \(settings.latentSize)")
        }
        guard generator.outputShape == discriminator.inputShape, discriminator.inputShape == realPoints.sampleShape else {
            throw ModelError("the generator makes \(generator.outputShape), the discriminator reads \(discriminator.inputShape), the data is \(realPoints.sampleShape)")
        }
        guard discriminator.outputShape == [1] else {
            throw ModelError("the discriminator must give one logit per point, not \(discriminator.outputShape)")
        }
        guard settings.batchSize > 0, settings.discriminatorSteps > 0, realPoints.rows > 0 else {
            throw ModelError("a GAN needs a batch, at least one discriminator step and some real points")
        }
        self.generator = generator
        self.discriminator = discriminator
        self.realPoints = realPoints
        self.settings = settings
        generatorOptimizer = Optimizer(settings: settings.generatorOptimizer)
        discriminatorOptimizer = Optimizer(settings: settings.discriminatorOptimizer)
        random = RandomGenerator(seed: seed)
        let batch = settings.batchSize
        try generator.prepare(maxBatch: batch)
        try discriminator.prepare(maxBatch: 2 * batch)
        latent = Tensor(rows: batch, columns: settings.latentSize)
        discriminatorInput = Tensor(rows: 2 * batch, sampleShape: realPoints.sampleShape)
        discriminatorTargets = Tensor(rows: 2 * batch, columns: 1)
        for row in 0..<batch { discriminatorTargets[row] = 1 }
        realTargets = Tensor(rows: batch, columns: 1)
        realTargets.fill(1)
        logitGradient = Tensor(rows: 2 * batch, columns: 1)
    }

    /// One round: `discriminatorSteps` updates of D, then one of G. Returns false (and trains
    /// nothing more) once a loss has diverged.
    @discardableResult
    public func trainStep() -> Bool {
        guard divergence == nil else { return false }
        let started = monotonicSeconds()
        defer { trainingSeconds += monotonicSeconds() - started }
        for _ in 0..<settings.discriminatorSteps {
            lastDiscriminatorLoss = discriminatorStep()
        }
        lastGeneratorLoss = generatorStep()
        step += 1
        if !lastDiscriminatorLoss.isFinite || !lastGeneratorLoss.isFinite {
            divergence = "a loss became \(lastDiscriminatorLoss.isFinite ? lastGeneratorLoss : lastDiscriminatorLoss) at step \(step)"
            return false
        }
        return true
    }

    /// Real points drawn per generator step: what `samples_per_second` counts.
    public var realSamplesPerStep: Int { settings.batchSize * settings.discriminatorSteps }

    /// One update of D on B real and B generated points; returns `L_D`.
    func discriminatorStep() -> Float {
        let batch = settings.batchSize
        let width = realPoints.sampleSize
        for row in 0..<batch {
            let source = realPoints.data + random.index(below: realPoints.rows) * width
            (discriminatorInput.data + row * width).update(from: source, count: width)
        }
        drawLatent()
        let fakes = generator.forward(latent, training: true)
        (discriminatorInput.data + batch * width).update(from: fakes.data, count: batch * width)
        discriminatorInput.setRows(2 * batch)
        let logits = discriminator.forward(discriminatorInput, training: true)
        let loss = lossFunction.evaluate(outputs: logits, targets: discriminatorTargets, gradient: logitGradient)
        discriminator.backward(logitGradient, needsInputGradient: false)
        discriminatorOptimizer.step(discriminator.parameters, learningRate: discriminatorOptimizer.learningRate)
        if recordedDraws != nil {
            recordedDraws!.real.append(Array(discriminatorInput.values.prefix(batch * width)))
            recordedDraws!.discriminatorLatent.append(latent.values)
            recordedDraws!.discriminatorLosses.append(loss)
        }
        return loss
    }

    /// One update of G through a frozen D; returns `L_G`.
    func generatorStep() -> Float {
        drawLatent()
        recordedDraws?.generatorLatent.append(latent.values)
        let loss = computeGeneratorGradients(latent: latent)
        generatorOptimizer.step(generator.parameters, learningRate: generatorOptimizer.learningRate)
        return loss
    }

    /// Forward `z → G → D`, the non-saturating loss, and its gradient back through D into G's
    /// parameters. D's parameter gradients are zeroed afterwards: D is not trained here.
    func computeGeneratorGradients(latent: Tensor) -> Float {
        let fakes = generator.forward(latent, training: true)
        let logits = discriminator.forward(fakes, training: true)
        let loss = lossFunction.evaluate(outputs: logits, targets: realTargets, gradient: logitGradient)
        let fakeGradient = discriminator.backward(logitGradient, needsInputGradient: true)!
        generator.backward(fakeGradient, needsInputGradient: false)
        for parameter in discriminator.parameters { parameter.gradient.zero() }
        return loss
    }

    /// `L_G` for given latent vectors, without gradients (for checks).
    func generatorLoss(latent: Tensor) -> Float {
        let logits = discriminator.forward(generator.forward(latent, training: true), training: true)
        return lossFunction.evaluate(outputs: logits, targets: realTargets, gradient: nil)
    }

    private func drawLatent() {
        latent.setRows(settings.batchSize)
        for i in 0..<latent.count { latent[i] = Float(random.normal()) }
    }

    /// D's logit for each point of `points`, flattened (x, y, x, y, …), in evaluation mode.
    public func discriminate(points: [Float]) -> [Float] {
        let width = discriminator.inputShape.reduce(1, *)
        let chunk = 2 * settings.batchSize
        let input = Tensor(rows: chunk, columns: width)
        var logits: [Float] = []
        logits.reserveCapacity(points.count / width)
        var start = 0
        while start < points.count / width {
            let rows = min(chunk, points.count / width - start)
            input.setRows(rows)
            points.withUnsafeBufferPointer { input.data.update(from: $0.baseAddress! + start * width, count: rows * width) }
            logits += discriminator.forward(input, training: false).values
            start += rows
        }
        return logits
    }

    /// `count` generated points, flattened (x, y, x, y, …), from noise drawn by `random`
    /// (not the training generator, so sampling never changes the run).
    public func generate(count: Int, random: inout RandomGenerator) -> [Float] {
        let batch = settings.batchSize
        let noise = Tensor(rows: batch, columns: settings.latentSize)
        var points: [Float] = []
        points.reserveCapacity(count * generator.outputShape.reduce(1, *))
        var made = 0
        while made < count {
            let rows = min(batch, count - made)
            noise.setRows(rows)
            for i in 0..<noise.count { noise[i] = Float(random.normal()) }
            points += generator.forward(noise, training: false).values
            made += rows
        }
        return points
    }
}

/// What an `AdversarialTrainer` drew, step by step: each discriminator step's real batch
/// `[B, 2]` and noise `[B, latent]` (flattened) and its loss, and each generator step's noise.
public struct AdversarialDraws: Sendable {
    public var real: [[Float]] = []
    public var discriminatorLatent: [[Float]] = []
    public var discriminatorLosses: [Float] = []
    public var generatorLatent: [[Float]] = []

    public init() {}
}
