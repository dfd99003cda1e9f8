import BackpropEngine
import Foundation

/// `backprop parity gan-2d --steps N`: N rounds of the GAN's alternating updates, for
/// `Tests/parity/check_parity.py` to replay with two `torch.optim` optimizers. It writes:
/// - `model.json`: `adversarial` with both networks' layers, the latent size, batch, D steps
///   per round, the rounds, and each network's optimizer as `training` objects;
/// - `weights.safetensors`: both networks before the first step (`generator.0.weight`, …);
/// - `steps.safetensors`: round r's D step j real batch `real.r.j` and noise `z_d.r.j`, its
///   G step's noise `z_g.r`, and the losses `loss_d` (one per D step) and `loss_g` (one per round);
/// - `weights_after.safetensors`: both networks after the last round.
struct AdversarialParityExport {
    let run: PreparedAdversarialRun
    let steps: Int
    let directory: String

    func write() throws {
        let trainer = run.trainer
        let settings = trainer.settings
        try Safetensors.write(run.stateDict, to: directory + "/weights.safetensors")
        trainer.recordedDraws = AdversarialDraws()
        var generatorLosses: [Float] = []
        for _ in 0..<steps {
            trainer.trainStep()
            if let divergence = trainer.divergence { throw ModelError("parity: \(divergence)") }
            generatorLosses.append(trainer.lastGeneratorLoss)
        }
        let draws = trainer.recordedDraws!
        let batch = settings.batchSize, latent = settings.latentSize, k = settings.discriminatorSteps
        var tensors: [String: NamedTensor] = [:]
        for round in 0..<steps {
            for j in 0..<k {
                tensors["real.\(round).\(j)"] = NamedTensor(shape: [batch, 2], values: draws.real[round * k + j])
                tensors["z_d.\(round).\(j)"] = NamedTensor(shape: [batch, latent], values: draws.discriminatorLatent[round * k + j])
            }
            tensors["z_g.\(round)"] = NamedTensor(shape: [batch, latent], values: draws.generatorLatent[round])
        }
        tensors["loss_d"] = NamedTensor(shape: [steps * k], values: draws.discriminatorLosses)
        tensors["loss_g"] = NamedTensor(shape: [steps], values: generatorLosses)
        try Safetensors.write(tensors, to: directory + "/steps.safetensors")
        try Safetensors.write(run.stateDict, to: directory + "/weights_after.safetensors")
        try writeModel()
    }

    private func writeModel() throws {
        let trainer = run.trainer
        let settings = trainer.settings
        let adversarial: [String: Any] = [
            "generator": trainer.generator.descriptors.map(ParityCommand.layerObject),
            "discriminator": trainer.discriminator.descriptors.map(ParityCommand.layerObject),
            "latent": settings.latentSize, "batch": settings.batchSize, "d_steps": settings.discriminatorSteps, "steps": steps,
            "generator_training": Self.optimizerObject(settings.generatorOptimizer),
            "discriminator_training": Self.optimizerObject(settings.discriminatorOptimizer),
        ]
        let model: [String: Any] = ["adversarial": adversarial, "loss": "bce_with_logits"]
        try JSONSerialization.data(withJSONObject: model, options: [.sortedKeys, .prettyPrinted])
            .write(to: URL(fileURLWithPath: directory + "/model.json"))
    }

    /// An optimizer as `check_parity.py`'s `make_optimizer` reads it.
    static func optimizerObject(_ optimizer: OptimizerSettings) -> [String: Any] {
        ["optimizer": optimizer.kind.rawValue, "lr": Double(optimizer.learningRate), "momentum": Double(optimizer.momentum),
         "weight_decay": Double(optimizer.weightDecay), "beta1": Double(optimizer.beta1), "beta2": Double(optimizer.beta2),
         "eps": Double(optimizer.epsilon), "alpha": Double(optimizer.alpha)]
    }
}
