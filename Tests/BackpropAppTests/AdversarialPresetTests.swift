import BackpropEngine
import Foundation
import Testing
@testable import BackpropApp

@Suite("gan-2d preset: settings, headless run and its summary")
struct AdversarialPresetTests {
    @Test func settingsChangeTheirFieldsAndBadOnesAreNamed() throws {
        var configuration = GANPreset.gan2D.configuration
        for assignment in ["lr_g=0.0005", "lr_d=0.002", "latent=4", "d_steps=3", "optimizer=rmsprop", "hidden=32,16"] {
            try configuration.apply(assignment)
        }
        #expect(configuration.generatorLearningRate == 0.0005 && configuration.discriminatorLearningRate == 0.002)
        #expect(configuration.latentSize == 4 && configuration.discriminatorSteps == 3)
        #expect(configuration.optimizer == .rmsprop && configuration.hidden == [32, 16])
        #expect(configuration.adversarialSettings.generatorOptimizer.learningRate == 0.0005)
        #expect(throws: SettingError("invalid value '0' for key 'd_steps': expected \(GANSettingKey.discriminatorSteps.accepted)")) {
            try configuration.apply("d_steps=0")
        }
        #expect(throws: SettingError("unknown key 'lr' for preset 'gan-2d'; accepted keys: \(GANSettingKey.acceptedKeys)")) {
            try configuration.apply("lr=0.1")
        }
    }

    @Test func adamGetsTheGANBeta1() {
        #expect(GANPreset.gan2D.configuration.adversarialSettings.discriminatorOptimizer.beta1 == 0.5)
    }

    @Test func shortRunReportsBothLossesCoverageAndNullsForWhatAGANLacks() throws {
        var configuration = GANPreset.gan2D.configuration
        configuration.epochs = 2
        configuration.stepsPerEpoch = 20
        configuration.hidden = [16]
        var training = HeadlessAdversarialTraining(run: try PreparedAdversarialRun(configuration, seed: 3))
        training.showsProgress = false
        let summary = training.execute()
        #expect(summary.epochs == 2 && summary.steps == 40 && !summary.diverged)
        #expect(summary.modes == 8 && (0...8).contains(summary.modesCovered))
        let object = try JSONSerialization.jsonObject(with: Data(summary.json.utf8)) as! [String: Any]
        for key in ["train_loss", "train_accuracy", "val_loss", "val_accuracy"] { #expect(object[key] is NSNull, "\(key)") }
        #expect(object["generator_loss"] is NSNumber && object["discriminator_loss"] is NSNumber)
        #expect(object["modes_covered"] as? Int == summary.modesCovered)
        #expect(object["parameters"] as? Int == summary.generatorParameters + summary.discriminatorParameters)
    }

    @Test func sameSeedSameRun() throws {
        var configuration = GANPreset.gan2D.configuration
        configuration.epochs = 1
        configuration.stepsPerEpoch = 30
        configuration.hidden = [16]
        func run() throws -> (Float, Float, Int) {
            var training = HeadlessAdversarialTraining(run: try PreparedAdversarialRun(configuration, seed: 9))
            training.showsProgress = false
            let summary = training.execute()
            return (summary.generatorLoss, summary.discriminatorLoss, summary.modesCovered)
        }
        #expect(try run() == run())
    }

    @Test func everyDatasetTrainsAndReportsItsCoverage() throws {
        for dataset in GANDataset.allCases {
            var configuration = GANPreset.gan2D.configuration
            configuration.dataset = dataset
            configuration.epochs = 1
            configuration.stepsPerEpoch = 10
            configuration.hidden = [8]
            var training = HeadlessAdversarialTraining(run: try PreparedAdversarialRun(configuration, seed: 2))
            training.showsProgress = false
            let summary = training.execute()
            #expect(summary.dataset == dataset.rawValue && summary.modes == 8 && !summary.diverged)
        }
    }

    @Test func metricsFileSaveAndTheRefusedLoad() throws {
        let cli = CommandLineTests()
        guard cli.available else { return }
        let folder = NSTemporaryDirectory() + "backprop-gan-\(getpid())-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let result = try cli.backprop(["train", "gan-2d", "--set", "hidden=8", "--set", "epoch_steps=5", "--epochs", "3",
                                       "--set", "dataset=spiral", "--json", "--metrics", folder + "/m.csv", "--save", folder + "/g.safetensors"])
        #expect(result.status == 0, "\(result.errors)")
        let lines = try String(contentsOfFile: folder + "/m.csv", encoding: .utf8).split(separator: "\n")
        #expect(lines.first.map(String.init) == AdversarialMetricsWriter.header)
        #expect(lines.count == 4)
        let summary = try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as! [String: Any]
        #expect(summary["dataset"] as? String == "spiral")
        let last = lines.last!.split(separator: ",", omittingEmptySubsequences: false)
        #expect(last[0] == "15" && last[1] == "3" && Int(last[4]) == summary["modes_covered"] as? Int)
        let saved = try Safetensors.read(from: folder + "/g.safetensors")
        #expect(Set(saved.keys) == ["generator.0.weight", "generator.0.bias", "generator.2.weight", "generator.2.bias",
                                    "discriminator.0.weight", "discriminator.0.bias", "discriminator.2.weight", "discriminator.2.bias"])
        #expect(saved["generator.0.weight"]?.shape == [8, 8] && saved["discriminator.2.weight"]?.shape == [1, 8])
        let load = try cli.backprop(["train", "gan-2d", "--load", folder + "/g.safetensors"])
        #expect(load.status == 2 && load.errors.contains("--load is not available for the GAN preset 'gan-2d'"))
        // A GAN's file is not a model eval or export can read, and they say why.
        for command in [["eval", folder + "/g.safetensors"], ["export", folder + "/g.safetensors", "--pytorch", folder + "/g.py"]] {
            let refused = try cli.backprop(command)
            #expect(refused.status != 0 && refused.errors.contains("two networks of the GAN preset 'gan-2d'"), "\(command[0]): \(refused.errors)")
        }
    }
}
