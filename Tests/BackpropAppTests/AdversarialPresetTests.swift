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
}
