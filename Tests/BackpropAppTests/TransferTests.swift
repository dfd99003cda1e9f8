import BackpropData
import BackpropEngine
import Foundation
import Testing
@testable import BackpropApp

@Suite("Transfer learning: the pretrained body's cache, the three ways, the report")
struct TransferPresetTests {
    static func temporaryFolder() throws -> String {
        let folder = NSTemporaryDirectory() + "transfer-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return folder
    }

    static let stateDict = ["0.weight": NamedTensor(shape: [2, 2], values: [1, 2, 3, 4]), "0.bias": NamedTensor(shape: [2], values: [0.5, -0.5])]

    /// Accepts exactly `stateDict`'s names and shapes, with finite values.
    static func fits(_ saved: [String: NamedTensor]) throws {
        guard Set(saved.keys) == Set(stateDict.keys), saved.allSatisfy({ $0.value.shape == stateDict[$0.key]?.shape }),
              saved.values.allSatisfy({ $0.values.allSatisfy(\.isFinite) }) else { throw ModelError("does not fit") }
    }

    @Test func cacheRoundTripsAndIsKeyedByWhatMadeIt() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let cache = PretrainedBodyCache(folder: folder, key: "plan A")
        guard case .missing = cache.read(fits: Self.fits) else { Issue.record("an empty folder has no cache"); return }
        #expect(cache.write(Self.stateDict, metadata: [:]) == nil)
        guard case .valid(let read) = cache.read(fits: Self.fits) else { Issue.record("the written cache is not read back"); return }
        #expect(read == Self.stateDict)
        // Another plan's file at this plan's path (a hash collision, or a file copied in) is refused.
        let other = PretrainedBodyCache(folder: folder, key: "plan B")
        #expect(other.path != cache.path)
        try FileManager.default.copyItem(atPath: cache.path, toPath: other.path)
        guard case .rejected(let reason) = other.read(fits: Self.fits) else { Issue.record("a foreign file was trusted"); return }
        #expect(reason.contains("another pretraining"))
    }

    @Test func corruptOrMisshapenCacheIsRejectedThenReplaced() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let cache = PretrainedBodyCache(folder: folder, key: "plan")
        for contents in [Data("not safetensors".utf8), Data(repeating: 0xFF, count: 64),
                         Safetensors.encode(["0.weight": NamedTensor(shape: [3], values: [1, 2, 3])], metadata: [PretrainedBodyCache.keyEntry: "plan"]),
                         Safetensors.encode(["0.weight": NamedTensor(shape: [2, 2], values: [1, .nan, 3, 4]), "0.bias": NamedTensor(shape: [2], values: [0, 0])],
                                            metadata: [PretrainedBodyCache.keyEntry: "plan"])] {
            try contents.write(to: URL(fileURLWithPath: cache.path))
            guard case .rejected = cache.read(fits: Self.fits) else { Issue.record("a bad cache file was trusted"); continue }
        }
        #expect(cache.write(Self.stateDict, metadata: [:]) == nil)
        guard case .valid = cache.read(fits: Self.fits) else { Issue.record("the replaced cache is not read"); return }
    }

    /// A FIFO, a link or a folder at the cache path is neither read (no hang on the FIFO) nor replaced.
    @Test func somethingElseAtTheCachePathIsLeftAlone() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let cache = PretrainedBodyCache(folder: folder, key: "plan")
        let outside = folder + "/outside.safetensors"
        try Safetensors.encode(Self.stateDict, metadata: [PretrainedBodyCache.keyEntry: "plan"]).write(to: URL(fileURLWithPath: outside))
        let makers: [(String, () -> Int32)] = [("FIFO", { mkfifo(cache.path, 0o600) }), ("link", { symlink(outside, cache.path) }),
                                               ("folder", { mkdir(cache.path, 0o700) })]
        for (kind, make) in makers {
            try #require(make() == 0, "making a \(kind)")
            guard case .notAFile = cache.read(fits: Self.fits) else { Issue.record("a \(kind) was read as the cache"); continue }
            #expect(cache.write(Self.stateDict, metadata: [:]) != nil, "a \(kind) was replaced")
            var status = stat()
            #expect(lstat(cache.path, &status) == 0 && status.st_mode & S_IFMT != S_IFREG, "the \(kind) is still there")
            _ = unlink(cache.path)
            _ = rmdir(cache.path)
        }
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.contains(OutputTemporary.marker) }
        #expect(leftovers.isEmpty, "no temporary file is left behind")
    }

    /// Feature extraction freezes the whole body under a new head; fine-tuning slows the body;
    /// from scratch changes nothing.
    @Test func eachWayStartsTheNetworkItsOwnWay() throws {
        var configuration = Preset.fashionTransfer.configuration
        let task = configuration.task
        #expect(task == .classification(classes: 5))
        func network() throws -> Network {
            try Network(layers: configuration.makeLayers(for: task, seed: 1), inputShape: configuration.inputShape, loss: SoftmaxCrossEntropy())
        }
        let pretrained = try network()
        var random = RandomGenerator(seed: 4)
        pretrained.initialize(.pytorch, random: &random)
        configuration.transfer?.bodyLearningRateScale = 0.25
        for way in TransferWay.single {
            let target = try network()
            let settings = TransferSettings(way: way, bodyLearningRateScale: 0.25)
            try TransferStart(settings: settings, body: way == .scratch ? nil : pretrained.stateDict).apply(to: target, loadingBody: true)
            let head = target.layers.count - 1
            #expect(target.layers[head] is Dense)
            let body = target.layers[..<head].flatMap(\.parameters)
            let sameAsPretrained = zip(body, pretrained.parameters).allSatisfy { $0.value.values == $1.value.values }
            #expect(sameAsPretrained == (way != .scratch), "\(way): the body")
            #expect(body.allSatisfy(\.isFrozen) == (way == .extract), "\(way): frozen")
            #expect(target.trainableParameters.count == (way == .extract ? 2 : target.parameters.count), "\(way)")
            #expect(body.allSatisfy { $0.learningRateScale == (way == .finetune ? 0.25 : 1) }, "\(way): learning rate")
            #expect(target.layers[head].parameters.allSatisfy { !$0.isFrozen && $0.learningRateScale == 1 })
        }
        var all = Preset.fashionTransfer.configuration
        all.transfer?.way = .all
        #expect(throws: SettingError.self) { try TransferStart(all, all.transfer!, pretraining: .silent) }
    }

    @Test func selectingKeepsSomeOfEachClassRelabelled() {
        let labels: [UInt8] = (0..<100).map { UInt8($0 % 10) }
        let images = ByteImageDataset(pixels: labels.map { $0 * 10 }, labels: labels, rows: 1, columns: 1, classCount: 10)
        var random = RandomGenerator(seed: 1)
        let chosen = images.selecting(classes: 5..<10, perClass: 3, random: &random)
        #expect(chosen.count == 15 && chosen.classCount == 5)
        for label in 0..<5 { #expect(chosen.labels.filter { $0 == UInt8(label) }.count == 3) }
        // Each image keeps its own pixels: the pixel was ten times the original class.
        #expect(zip(chosen.pixels, chosen.labels).allSatisfy { $0 == ($1 + 5) * 10 })
        let every = images.selecting(classes: 0..<5, random: &random)
        #expect(every.count == 50)
        // The file's order: the classes stay interleaved, as the file has them.
        #expect(Array(every.labels.prefix(6)) == [0, 1, 2, 3, 4, 0])
        #expect(chosen.labels != chosen.labels.sorted())
    }

    @Test func reportNamesEveryWayAndTheGain() throws {
        func result(_ way: TransferWay, _ accuracy: Float) -> TransferComparison.WayResult {
            let summary = RunSummary(preset: "fashion-transfer", dataset: "fashion-mnist", epochs: 2, steps: 32, seed: 1, parameters: 5173,
                                     trainLoss: 0.3, trainAccuracy: 0.9, valLoss: 0.4, valAccuracy: accuracy, samplesPerSecond: 1000,
                                     seconds: 1, diverged: false, divergence: nil, openblasCore: "Haswell", batchParts: 1,
                                     estimatedPeakBytes: 1, peakResidentBytes: nil)
            return .init(way: way, summary: summary, trainableParameters: way == .extract ? 3925 : 5173, accuracyByEpoch: [accuracy - 0.1, accuracy])
        }
        let text = TransferComparison.json([result(.extract, 0.85), result(.finetune, 0.875), result(.scratch, 0.75)], labelsPerClass: 10)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(object["preset"] as? String == "fashion-transfer" && object["way"] as? String == "all")
        #expect(object["labels_per_class"] as? Int == 10)
        #expect(abs((object["val_accuracy"] as? Double ?? 0) - 0.875) < 1e-6, "the top level is fine-tuning's")
        #expect(abs((object["transfer_gain"] as? Double ?? 0) - 0.125) < 1e-6)
        let ways = try #require(object["ways"] as? [String: [String: Any]])
        #expect(Set(ways.keys) == ["extract", "finetune", "scratch"])
        #expect(ways["extract"]?["trainable_parameters"] as? Int == 3925)
        #expect((ways["scratch"]?["val_accuracy_by_epoch"] as? [Double])?.count == 2)
    }
}
