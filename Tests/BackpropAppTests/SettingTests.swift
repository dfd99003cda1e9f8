import BackpropEngine
import Foundation
import Testing
@testable import BackpropApp

@Suite("--set keys and bad input")
struct SettingTests {
    let playground = Preset.playground.configuration

    @Test func everyKeyAcceptsAValidValue() throws {
        let examples: [SettingKey: String] = [
            .lr: "0.1", .batch: "30", .epochs: "3", .optimizer: "adamw", .momentum: "0.8", .weightDecay: "0.01",
            .l1: "0.001", .l2: "0.01", .dropout: "0.1", .activation: "relu", .hidden: "8,8,4", .initializer: "he",
            .schedule: "step:100:0.5", .clip: "1", .loss: "mse", .dataset: "spiral", .noise: "25",
            .trainRatio: "70", .features: "x1,x2,sinx1", .limit: "100", .classes: "3",
            .channels: "8,16", .kernel: "5", .pooling: "avg", .batchNorm: "on",
            .cell: "gru", .layers: "2", .sequenceLength: "32", .temperature: "0.8", .delay: "20", .truncatedBPTT: "on",
            .forgetBias: "1",
            .heads: "2", .modelWidth: "48", .context: "16", .positional: "sinusoidal", .mask: "off", .task: "sort",
            .augment: "off", .model: "transformer", .earlyStop: "5", .residual: "on", .depth: "3",
            .labels: "10", .way: "scratch", .finetuneLR: "0.5",
            .bottleneck: "8", .holdout: "bag",
        ]
        let transferKeys: Set<SettingKey> = [.labels, .way, .finetuneLR]
        let autoencoderKeys: Set<SettingKey> = [.bottleneck, .holdout]
        let transformerKeys: Set<SettingKey> = [.heads, .modelWidth, .context, .positional, .mask, .task, .model]
        #expect(Set(examples.keys) == Set(SettingKey.allCases), "every key has an example")
        var configuration = playground
        var transfer = Preset.fashionTransfer.configuration
        for key in transferKeys {
            #expect(throws: SettingError.self) { try configuration.apply("\(key.rawValue)=\(examples[key]!)") }
            try transfer.apply("\(key.rawValue)=\(examples[key]!)")
        }
        try transfer.validate()
        #expect(transfer.transfer == TransferSettings(labelsPerClass: 10, way: .scratch, bodyLearningRateScale: 0.5))
        #expect(transfer.task == .classification(classes: 5))
        for key in SettingKey.allCases where key != .delay && key != .truncatedBPTT && key != .forgetBias && !transformerKeys.contains(key)
            && !transferKeys.contains(key) && !autoencoderKeys.contains(key) {
            try configuration.apply("\(key.rawValue)=\(examples[key]!)")
        }
        for key in transformerKeys.union(autoencoderKeys) {
            #expect(throws: SettingError.self) { try configuration.apply("\(key.rawValue)=\(examples[key]!)") }
        }
        var autoencoder = Preset.fashionAutoencoder.configuration
        for key in autoencoderKeys { try autoencoder.apply("\(key.rawValue)=\(examples[key]!)") }
        #expect(autoencoder.autoencoder == AutoencoderSettings(bottleneck: 8, heldOutClass: 8))
        var reversal = Preset.reverseAttention.configuration
        for key in SettingKey.allCases where transformerKeys.contains(key) { try reversal.apply("\(key.rawValue)=\(examples[key]!)") }
        try reversal.validate()
        #expect(reversal.transformer == TransformerSettings(layers: 2, heads: 2, modelWidth: 48, positional: .sinusoidal, causal: false))
        #expect(reversal.sequence.task == .sort && reversal.inputShape == [16])
        // model=lstm: the comparison view's recurrent counterpart, on the same data.
        var counterpart = reversal
        try counterpart.apply("model=lstm")
        #expect(counterpart.transformer == nil && counterpart.sequence.cell == .lstm && counterpart.hidden == [128])
        #expect(counterpart.dataset == reversal.dataset && counterpart.inputShape == reversal.inputShape)
        #expect(throws: SettingError.self) { try counterpart.apply("model=lstm") }
        #expect(throws: SettingError.self) { try reversal.apply("model=gru") }
        #expect(throws: SettingError.self) { try configuration.apply("delay=20") }
        var adding = Preset.addingLSTM.configuration
        try adding.apply("delay=\(examples[.delay]!)")
        #expect(adding.inputShape == [20, 2])
        var copy = Preset.copyLSTM.configuration
        try copy.apply("delay=\(examples[.delay]!)")
        #expect(copy.inputShape == [26], "three symbols, twenty blanks, the cue and two more recall steps")
        #expect(throws: SettingError.self) { try configuration.apply("tbptt=on") }
        var words = Preset.wordsLSTM.configuration
        try words.apply("tbptt=\(examples[.truncatedBPTT]!)")
        #expect(words.trainingSettings.carriesRecurrentState)
        var copyRNN = Preset.copyRNN.configuration
        try copyRNN.apply("forget_bias=\(examples[.forgetBias]!)")
        #expect(SettingKey.forgetBias.irrelevance(for: copyRNN) != nil, "an RNN has no forget gate")
        try copyRNN.apply("cell=lstm")
        #expect(SettingKey.forgetBias.irrelevance(for: copyRNN) == nil && copyRNN.sequence.forgetBias == 1)
        try copyRNN.apply("forget_bias=pytorch")
        #expect(copyRNN.sequence.forgetBias == nil)
        #expect(configuration.hidden != [4, 2], "hidden=8,8,4 then layers=2")
        #expect(configuration.schedule == .stepDecay(every: 100, gamma: 0.5))
        #expect(configuration.optimizerSettings.weightDecay == 0.01)
        #expect(configuration.convolution == ConvolutionSettings(channels: [8, 16], kernel: 5, pooling: .average, batchNorm: true))
        #expect(configuration.task == .classification(classes: 3))
        #expect(configuration.sequence.cell == .gru && configuration.sequence.length == 32 && configuration.sequence.temperature == 0.8)
        #expect(configuration.hidden == [4, 4, 4], "layers=2 repeats the last hidden size, and depth=3 makes three of it")
        #expect(configuration.residual)
    }

    @Test func moreClassesOnlyForSpiralAndGauss() throws {
        var configuration = playground
        try configuration.apply("classes=4")
        #expect(throws: SettingError.self) { try configuration.validate() }
        try configuration.apply("dataset=gauss")
        try configuration.validate()
        #expect(throws: SettingError.self) { try configuration.apply("classes=6") }
    }

    @Test(arguments: [
        ("lr=abc", "'lr'"), ("lr=-1", "'lr'"), ("batch=0", "'batch'"), ("optimizer=adamax", "sgd, momentum"),
        ("activation=swish", "relu"), ("hidden=4,0", "'hidden'"), ("hidden=2000", "'hidden'"), ("noise=60", "0 to 50"),
        ("train_ratio=95", "10 to 90"), ("features=x3", "x1"), ("dataset=mnist", "fashion-mnist"), ("schedule=linear", "cosine"),
        ("clip=-2", "'clip'"), ("colour=red", "accepted keys"), ("lr", "key=value"),
        ("kernel=3", "set channels first"), ("channels=8,0", "'channels'"), ("channels=1,2,3,4,5", "'channels'"),
    ])
    func badValuesNameTheKeyAndTheChoices(assignment: String, expected: String) {
        var configuration = playground
        do {
            try configuration.apply(assignment)
            Issue.record("\(assignment) was accepted")
        } catch {
            #expect(error.description.contains(expected), "\(error.description)")
        }
    }

    @Test func incompatibleLossAndDatasetAreRefused() throws {
        var configuration = playground
        try configuration.apply("dataset=reg-plane")
        try configuration.apply("loss=cross_entropy")
        #expect(throws: SettingError.self) { try configuration.validate() }
    }

    @Test func convolutionNeedsImages() throws {
        var configuration = playground
        try configuration.apply("channels=4")
        #expect(throws: SettingError.self) { try configuration.validate() }
        var fashion = Preset.fashionCNN.configuration
        try fashion.apply("kernel=3")
        try fashion.validate()
        #expect(fashion.convolution?.padding == nil, "a new kernel pads by kernel/2 again")
    }

    @Test func unknownPresetIsNotFound() {
        #expect(Preset.named("resnet") == nil)
    }

    /// In a process of its own: `BACKPROP_DATA` set here would also move the word list away
    /// from every test running beside this one (a lesson on words would then fail to lint).
    @Test func missingFashionFolderNamesIt() throws {
        let command = CommandLineTests()
        guard command.available else { skip("\(CommandLineTests.binary) missing"); return }
        let folder = "/nonexistent-backprop-\(getpid())"
        let result = try command.backprop(["train", "fashion-mlp", "--epochs", "1"], environment: ["BACKPROP_DATA": folder])
        #expect(result.status != 0 && result.errors.contains(folder + "/fashion-mnist"), "\(result.status): \(result.errors)")
    }
}
