@testable import BackpropApp
import BackpropEngine
import Foundation
import Testing

/// The memory estimate checked before a run: exact for a network's buffers, within 25% of
/// the measured peak for every preset, and a refusal with the estimate and the limit for a
/// lab too large for the machine, from lint, the screens and `train`.
@Suite("Memory estimate")
struct MemoryEstimateTests {
    let command = CommandLineTests()

    /// The footprint extrapolates from one and two samples; a real `prepare` for a whole
    /// batch must allocate exactly what it predicts, for every kind of layer.
    @Test(arguments: Preset.all.map(\.name))
    func networkBuffersMatchTheirFootprint(preset: String) throws {
        var configuration = try #require(Preset.named(preset)).configuration
        if configuration.dataset.isSequence { configuration.sequence.length = 12 }
        let task = configuration.dataSize.task
        let footprint = try NetworkFootprint(layers: { try configuration.makeLayers(for: task, seed: 0) },
                                             inputShape: configuration.inputShape)
        let network = try Network(layers: configuration.makeLayers(for: task, seed: 0), inputShape: configuration.inputShape,
                                  loss: configuration.loss.make(for: task))
        for rows in [3, 37] {
            let (_, allocated) = try AllocationMeter.floats { try network.prepare(maxBatch: rows) }
            #expect(allocated == footprint.bufferFloats(rows: rows), "\(preset) at \(rows) rows")
        }
        #expect(footprint.parameterCount == network.parameterCount)
    }

    /// Each preset trained for an epoch in its own process: the peak resident set it
    /// reports is within 25% of the estimate it was checked against. The slowest presets
    /// train on part of their data (the estimate follows `limit`).
    @Test func everyPresetsEstimateIsWithinAQuarterOfItsMeasuredPeak() async throws {
        guard command.available else { skip("\(CommandLineTests.binary) missing"); return }
        let shortened = ["fashion-cnn-bn": "limit=15000", "tiny-gpt": "limit=40000", "words-lstm": "limit=60000"]
        let results = await withTaskGroup(of: (String, String?, CommandLineTests.Result?).self) { group in
            var started = 0
            var collected: [(String, String?, CommandLineTests.Result?)] = []
            for preset in Preset.all.map(\.name) {
                // Two at a time: the machine's cores, and RSS does not depend on the pace.
                if started >= 2, let done = await group.next() { collected.append(done) }
                group.addTask {
                    let settings = shortened[preset].map { ["--set", $0] } ?? []
                    return (preset, shortened[preset], try? command.backprop(["train", preset, "--epochs", "1", "--json"] + settings))
                }
                started += 1
            }
            for await done in group { collected.append(done) }
            return collected
        }
        #expect(results.count == Preset.all.count)
        for (preset, setting, result) in results {
            let result = try #require(result, "\(preset) did not run")
            let summary = try #require(result.output.split(separator: "\n").last.flatMap {
                try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
            }, "\(preset): \(result.errors)")
            let estimate = try #require(summary["estimated_peak_bytes"] as? Int)
            let peak = try #require(summary["peak_resident_bytes"] as? Int)
            let ratio = Double(estimate) / Double(peak)
            #expect((0.75...1.25).contains(ratio),
                    "\(preset) \(setting ?? ""): estimated \(estimate >> 20) MiB, measured peak \(peak >> 20) MiB")
        }
    }

    /// The two labs the hardening issue found passing lint and then asking for tens of GiB.
    static let oversizedLabs = [
        ("tiny-gpt", ["context: 512", "heads: 16", "layers: 4", "batch: 4096"]),
        ("words-lstm", ["seq_len: 512", "hidden: 200", "batch: 4096"]),
    ]

    /// A budget every oversized lab is far over on any machine, for the subprocesses; the
    /// refusal comes before anything is allocated.
    static let smallBudget = [MemoryBudget.variable: "1"]

    /// An oversized lab's configuration, and what its estimate names as the largest part.
    static func largestPart(preset: String, settings: [String]) throws -> String {
        var configuration = try #require(Preset.named(preset)).configuration
        for setting in settings { try configuration.apply(setting.replacingOccurrences(of: ": ", with: "=")) }
        let estimate = try configuration.estimateMemory(splitsBatches: false)
        #expect(estimate.activationBytes > estimate.totalBytes / 2, "\(preset): activations are what is too large")
        return try #require(estimate.largestPart)
    }

    @Test func lintRefusesOversizedLabsAtTheirLineWithTheEstimateAndTheLimit() throws {
        guard command.available else { skip("\(CommandLineTests.binary) missing"); return }
        let folder = NSTemporaryDirectory() + "backprop-memory-\(getpid())-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var text = "---\nid: oversized\ntitle: Oversized\nsummary: Labs too large.\norder: 1\nminutes: 5\n---\n"
        var labLines: [Int] = []
        for (index, (preset, settings)) in Self.oversizedLabs.enumerated() {
            text += "## Page \(index + 1)\n\nText.\n\n"
            labLines.append(text.split(separator: "\n", omittingEmptySubsequences: false).count)
            text += "```lab\npreset: \(preset)\nsettings:\n" + settings.map { "  \($0)\n" }.joined() + "views: [loss]\n```\n\n"
        }
        let path = folder + "/01-oversized.md"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let result = try command.backprop(["lint", folder], environment: Self.smallBudget)
        #expect(result.status == 1)
        for line in labLines {
            let message = result.output + result.errors
            #expect(message.contains("\(path):\(line): this run needs about "), "\(message)")
        }
        #expect((result.output + result.errors).contains("over the limit of "))
        #expect((result.output + result.errors).contains("over the limit of 1.0 GiB (BACKPROP_MEMORY_LIMIT_GIB=1)"))
    }

    @Test(arguments: oversizedLabs)
    func trainRefusesBeforeAllocatingAndTheLimitCanBeRaised(preset: String, settings: [String]) throws {
        guard command.available else { skip("\(CommandLineTests.binary) missing"); return }
        let sets = settings.flatMap { ["--set", $0.replacingOccurrences(of: ": ", with: "=")] }
        let refused = try command.backprop(["train", preset, "--epochs", "1"] + sets, environment: Self.smallBudget)
        #expect(refused.status == 1)
        #expect(refused.errors.contains("this run needs about") && refused.errors.contains("GiB"), "\(refused.errors)")
        let largest = try Self.largestPart(preset: preset, settings: settings)
        #expect(refused.errors.contains("the largest part is \(largest)"), "\(refused.errors)")
        // A limit far below the estimate still refuses; the flag's value is what is quoted.
        let tight = try command.backprop(["train", "xor", "--epochs", "1", "--memory-limit", "0.001"])
        #expect(tight.status == 1 && tight.errors.contains("(--memory-limit 0.001)"), "\(tight.errors)")
        let roomy = try command.backprop(["train", "xor", "--epochs", "1", "--memory-limit", "2"], environment: Self.smallBudget)
        #expect(roomy.status == 0, "\(roomy.errors)")
    }

    /// The lab screens build runs through `RunBuilder.prepare`; an oversized one is refused
    /// there before any data is read, which the session shows as its failure.
    @Test func theScreensRunBuilderRefusesWithTheBudgetItWasGiven() throws {
        var configuration = try #require(Preset.named("words-lstm")).configuration
        try configuration.apply("batch=4096")
        try configuration.apply("seq_len=512")
        #expect(throws: MemoryLimitExceeded.self) {
            try RunBuilder.prepare(configuration, seed: 1, views: ViewMemory(recordsViews: true),
                                   budget: MemoryBudget(bytes: 1 << 30, origin: "a test's 1 GiB"))
        }
        let small = try #require(Preset.named("xor")).configuration
        let budget = MemoryBudget(bytes: 1 << 20, origin: "a test's 1 MiB")
        do {
            _ = try RunBuilder.prepare(small, seed: 1, budget: budget)
            Issue.record("a 1 MiB budget should refuse any run")
        } catch let error as MemoryLimitExceeded {
            #expect(error.description.contains("(a test's 1 MiB)"))
        }
    }

    /// `BACKPROP_MEMORY_LIMIT_GIB` replaces the default; a value that is not a size refuses
    /// every run, naming it; a container's smaller limit wins over half the machine.
    @Test func theDefaultBudgetFollowsTheVariableAndTheContainer() {
        let twoGiB = MemoryBudget.standard(environment: [MemoryBudget.variable: "2"], containerLimit: 1 << 20)
        #expect(twoGiB == MemoryBudget(bytes: 2 << 30, origin: "BACKPROP_MEMORY_LIMIT_GIB=2"))
        let garbled = MemoryBudget.standard(environment: [MemoryBudget.variable: "lots"], containerLimit: nil)
        #expect(garbled.bytes == 0 && garbled.origin.contains("'lots' is not a positive number of GiB"))
        let contained = MemoryBudget.standard(environment: [:], containerLimit: 1 << 20)
        #expect(contained.bytes == 1 << 20 && contained.origin.contains("container"))
        let machine = MemoryBudget.standard(environment: [:], containerLimit: nil)
        #expect(machine.origin.hasPrefix("half of this machine's"))
        #expect(MemoryBudget.standard(environment: [:], containerLimit: .max) == machine)
    }

    @Test func theContainerLimitIsReadFromMemoryMax() throws {
        let path = NSTemporaryDirectory() + "backprop-memory-max-\(getpid())-\(UUID().uuidString)"
        defer { unlink(path) }
        try "max\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(MemoryBudget.containerLimitBytes(path: path) == nil, "no limit")
        try "1073741824\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(MemoryBudget.containerLimitBytes(path: path) == 1 << 30)
        #expect(MemoryBudget.containerLimitBytes(path: path + ".missing") == nil)
    }

    /// A race started from a lab counts the process, which already holds the lab's run and
    /// data, and the racers' own training: not the lab's run a second time.
    @Test func aRaceCountsItsRacersBesideTheResidentLab() throws {
        let configuration = try #require(Preset.named("digits-mlp")).configuration
        let lab = try configuration.estimateMemory(splitsBatches: false)
        let race = try configuration.estimateMemory(splitsBatches: false, views: ViewMemory(recordsViews: true, companionTrainers: 6),
                                                    runIsResident: true)
        #expect(race.dataBytes == 0 && race.parameterBytes == 0 && race.activationBytes == 0)
        #expect(race.viewBytes == 6 * (lab.parameterBytes + lab.activationBytes))
        #expect(!race.description.contains("data "), "\(race)")
    }
}
