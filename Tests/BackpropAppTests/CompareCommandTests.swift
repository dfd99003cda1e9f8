@testable import BackpropApp
@testable import BackpropEngine
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

/// `backprop compare PRESET --vary KEY=V1,V2,...`: each run is the run `train` makes with the
/// same settings and seed, every variant is checked before any trains, the outputs go where
/// `OutputFile` allows, and the plot is well-formed SVG. Every file is made in a temporary
/// folder: nothing here touches /dev.
@Suite("Compare command")
struct CompareCommandTests {
    let folder: String
    let cli = CommandLineTests()

    init() throws {
        folder = NSTemporaryDirectory() + "backprop-compare-\(getpid())-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { folder + "/" + name }

    func cleanUp() { try? FileManager.default.removeItem(atPath: folder) }

    func lastLineJSON(_ output: String) throws -> [String: Any] {
        let last = try #require(output.split(separator: "\n").last)
        return try #require(try JSONSerialization.jsonObject(with: Data(last.utf8)) as? [String: Any])
    }

    // MARK: Variants

    @Test func valuesAreSplitOnCommasOrOnSlashesWhenThereAreAny() throws {
        #expect(try VariedSetting(parsing: "lr=0.3, 0.03").values == ["0.3", "0.03"])
        let widths = try VariedSetting(parsing: "hidden=4,2/8,8")
        #expect(widths.key == .hidden && widths.values == ["4,2", "8,8"])
    }

    @Test(arguments: [("lr", "expects KEY=V1,V2"), ("lr=", "gives no values"), ("lr=0.1,,0.2", "empty value"),
                      ("lr=0.1,0.1", "'0.1' twice"), ("colour=red", "unknown --vary key 'colour'")])
    func aBadVaryIsRefusedByName(text: String, message: String) {
        #expect(throws: SettingError.self) { try VariedSetting(parsing: text) }
        do { _ = try VariedSetting(parsing: text) } catch { #expect(error.description.contains(message), "\(error)") }
    }

    @Test func theGridTrainsEveryCombinationFirstKeyOutermost() throws {
        let grid = Variant.grid([try VariedSetting(parsing: "lr=0.1,0.01"), try VariedSetting(parsing: "batch=5,10,20")])
        #expect(grid.map(\.label) == ["lr = 0.1, batch = 5", "lr = 0.1, batch = 10", "lr = 0.1, batch = 20",
                                      "lr = 0.01, batch = 5", "lr = 0.01, batch = 10", "lr = 0.01, batch = 20"])
        #expect(grid[1].assignments == ["lr=0.1", "batch=10"])
    }

    @Test(arguments: ["../../etc/passwd", "a/b", "..", "x\u{0}y", "….", "step:100:0.5"])
    func aValueCannotNameAFileOutsideTheFolder(value: String) {
        let name = ComparisonPlan.metricsFileName(Variant(choices: [.init(key: .schedule, value: value)]), seed: 1)
        #expect(!name.contains("/") && !name.contains("..") && !name.contains("\u{0}"), "\(name)")
        #expect(name.hasPrefix("schedule=") && name.hasSuffix(".seed1.csv"))
    }

    @Test func aPlanChecksEveryVariantBeforeAnyTrains() throws {
        let plan = try ComparisonPlan(preset: "spiral", settings: ["epochs=3"], varied: [VariedSetting(parsing: "lr=0.3,0.03")],
                                      epochs: nil, seedCount: 2)
        #expect(plan.entries.map(\.configuration.learningRate) == [0.3, 0.03])
        #expect(plan.entries.allSatisfy { $0.configuration.epochs == 3 })
        #expect(plan.seeds == [1, 2])
        #expect(throws: SettingError("invalid value '20' for key 'lr': expected a number from 1e-7 to 10")) {
            try ComparisonPlan(preset: "spiral", settings: [], varied: [VariedSetting(parsing: "lr=0.3,20")], epochs: nil, seedCount: 1)
        }
    }

    // MARK: Statistics

    @Test func theSpreadIsTheSampleStandardDeviation() throws {
        let statistic = try #require(SeedStatistic([1, 2, 3, 4, .nan]))
        #expect(statistic.mean == 2.5 && statistic.count == 4)
        #expect(abs(try #require(statistic.standardDeviation) - (5.0 / 3).squareRoot()) < 1e-12)
        #expect(SeedStatistic([0.5])?.standardDeviation == nil)
        #expect(SeedStatistic([]) == nil)
    }

    @Test func theSameSeedTrainsTheSameCurves() throws {
        let plan = try ComparisonPlan(preset: "spiral", settings: ["epochs=3"], varied: [VariedSetting(parsing: "lr=0.3,0.03")],
                                      epochs: nil, seedCount: 2)
        var first = VariantComparison(plan: plan), second = VariantComparison(plan: plan)
        let a = try first.execute(), b = try second.execute()
        #expect(a.map { $0.runs.map(\.validation) } == b.map { $0.runs.map(\.validation) })
        #expect(a[0].runs[0].validation.count == 3)
        #expect(a[0].runs[0].validation != a[0].runs[1].validation, "seeds 1 and 2 differ")
        #expect(a[0].runs[0].validation != a[1].runs[0].validation, "the learning rates differ")
    }

    @Test func theBestEpochIsTheLowestValidationLoss() throws {
        let summary = RunSummary(preset: "x", dataset: "x", epochs: 3, steps: 3, seed: 1, parameters: 1, samplesPerSecond: 1, seconds: 1,
                                 diverged: false, openblasCore: "", batchParts: 1, estimatedPeakBytes: 0, peakResidentBytes: nil)
        let run = SeedRun(summary: summary, validation: [Evaluation(loss: 0.5, accuracy: 0.6), Evaluation(loss: .nan, accuracy: 0),
                                                         Evaluation(loss: 0.2, accuracy: 0.7), Evaluation(loss: 0.2, accuracy: 0.9)])
        #expect(run.best?.epoch == 3 && run.best?.validation.accuracy == 0.7)
    }

    // MARK: The plot

    static let twoVariants = [
        LossCurvesSVG.Series(label: "lr = 0.3", mean: [0.7, 0.5, 0.4], seeds: [[0.8, 0.5, 0.45], [0.6, 0.5, 0.35]]),
        LossCurvesSVG.Series(label: "lr = 0.03 <&> \"x\"", mean: [0.7, nil, 0.6], seeds: [[0.7, nil, 0.6]]),
    ]

    @Test func thePlotIsWellFormedXMLWithACurveAndALegendEntryPerVariant() throws {
        let svg = LossCurvesSVG.render(title: "spiral: validation loss by lr <1>", series: Self.twoVariants)
        #if canImport(FoundationXML)
        let document = try XMLDocument(xmlString: svg, options: [])
        #expect(document.rootElement()?.name == "svg")
        let texts = try document.nodes(forXPath: "//*[local-name()='text']").compactMap(\.stringValue)
        #expect(texts.contains("lr = 0.3") && texts.contains("lr = 0.03 <&> \"x\""))
        #expect(texts.contains("spiral: validation loss by lr <1>"))
        #expect(texts.contains("epoch") && texts.contains("validation loss"))
        #else
        skip("FoundationXML is not available to parse the SVG")
        #endif
        #expect(svg.components(separatedBy: #"<path class="mean""#).count - 1 == 2)
        // The second variant has one seed: no thin lines of its own.
        #expect(svg.components(separatedBy: #"<path class="seed""#).count - 1 == 2)
        #expect(svg.contains("lr = 0.03 &lt;&amp;&gt; &quot;x&quot;"))
        #expect(!svg.contains("(log scale)"))
    }

    @Test func aCurveBreaksWhereAnEpochHasNoLossAndALonePointIsADot() {
        let plot = LossCurvesSVG.Plot(layout: .init(series: Self.twoVariants), epochs: 3, loss: LossCurvesSVG.LossScale([0.4, 0.8])!)
        #expect(plot.path([0.5, nil, 0.6]).filter { $0 == "M" }.count == 2)
        #expect(plot.path([0.5, nil, 0.6]).contains("l0 0"))
        #expect(!plot.path([0.5, 0.6, 0.7]).contains("l0 0") && !plot.path([0.5, 0.6, 0.7]).contains("nan"))
    }

    @Test func lossesOverMoreThanOneAndAHalfDecadesAreDrawnOnALogScale() throws {
        let wide = LossCurvesSVG.render(title: "t", series: [.init(label: "a", mean: [2, 0.2, 0.04], seeds: [])])
        #expect(wide.contains("validation loss (log scale)"))
        let scale = try #require(LossCurvesSVG.LossScale([2, 0.2, 0.04]))
        #expect(scale.ticks == [0.01, 0.1, 1, 10])
        // 1.4 decades stay linear, with round ticks around the data.
        let narrow = try #require(LossCurvesSVG.LossScale([1, 0.04]))
        #expect(!narrow.isLogarithmic && narrow.lower <= 0.04 && narrow.upper >= 1)
    }

    @Test func aPlotWithNoFiniteLossSaysSo() {
        let svg = LossCurvesSVG.render(title: "t", series: [.init(label: "lr = 10", mean: [], seeds: [[]])])
        #expect(svg.contains("no epoch finished with a finite validation loss"))
        #expect(svg.contains(">lr = 10</text>"))
    }

    // MARK: The command line

    @Test func eachRunIsTheRunTrainMakesWithTheSameSeed() throws {
        guard cli.available else { skip("\(CommandLineTests.binary) missing"); return }
        defer { cleanUp() }
        let metrics = path("metrics")
        let result = try cli.backprop(["compare", "spiral", "--set", "epochs=3", "--vary", "lr=0.3,0.03", "--seeds", "2",
                                       "--metrics", metrics, "--plot", path("curves.svg"), "--json"])
        #expect(result.status == 0, "\(result.errors)")
        let summary = try lastLineJSON(result.output)
        let variants = try #require(summary["variants"] as? [[String: Any]])
        #expect(variants.count == 2)
        for (variant, rate) in zip(variants, ["0.3", "0.03"]) {
            let runs = try #require(variant["runs"] as? [[String: Any]])
            var trained: [Float] = []
            for (run, seed) in zip(runs, [1, 2]) {
                let alone = try cli.backprop(["train", "spiral", "--set", "epochs=3", "--set", "lr=\(rate)", "--seed", "\(seed)", "--json"])
                let expected = try #require(try lastLineJSON(alone.output)["val_loss"] as? Double)
                let compared = try #require((run["summary"] as? [String: Any])?["val_loss"] as? Double)
                #expect(Float(compared) == Float(expected), "lr=\(rate) seed \(seed)")
                trained.append(Float(expected))
                // One CSV per variant and seed, in a folder made for them: a header and a row per epoch.
                let csv = try String(contentsOfFile: metrics + "/lr=\(rate).seed\(seed).csv", encoding: .utf8)
                #expect(csv.split(separator: "\n").count == 4)
                #expect(csv.hasPrefix(MetricsWriter.header + "\n"))
            }
            let mean = (Double(trained[0]) + Double(trained[1])) / 2
            let row = try #require(result.output.split(separator: "\n").first { $0.hasPrefix("lr = \(rate) ") })
            #expect(row.contains(String(format: "%.4f ± ", mean)), "\(row)")
            #expect(abs(try #require((variant["mean"] as? [String: Any])?["val_loss"] as? Double) - mean) < 1e-12)
        }
        #expect(result.errors.split(separator: "\n").filter { $0.contains(", seed ") }.count == 4, "one progress line per run")
        let svg = try String(contentsOfFile: path("curves.svg"), encoding: .utf8)
        #expect(svg.contains(">lr = 0.3</text>") && svg.contains(">lr = 0.03</text>"))
        #expect(svg.components(separatedBy: #"<path class="mean""#).count - 1 == 2)
    }

    @Test(arguments: [
        (["--vary", "colour=red"], "unknown --vary key 'colour'"),
        (["--vary", "lr=0.3,abc"], "invalid value 'abc' for key 'lr'"),
        (["--vary", "lr="], "--vary lr= gives no values"),
        (["--vary", "lr=0.1,0.10"], "train the same configuration"),
        (["--vary", "lr=0.1", "--seeds", "0"], "invalid value '0' for --seeds"),
        (["--vary", "lr=0.1", "--seeds", "-1"], "invalid value '-1' for --seeds"),
        (["--vary", "lr=0.1", "--seeds", "101"], "invalid value '101' for --seeds"),
        (["--vary", "early_stop=3,-1"], "invalid value '-1' for key 'early_stop'"),
        (["--vary", "lr=0.1", "--set", "lr=0.2"], "key 'lr' is given to both --set and --vary"),
        (["--vary", "epochs=2,never"], "a headless run needs a last epoch"),
        (["--vary", "temperature=1,2"], "key 'temperature' has no effect"),
        ([], "--vary"),
    ])
    func badInputExitsTwoBeforeAnyRun(arguments: [String], message: String) throws {
        guard cli.available else { skip("\(CommandLineTests.binary) missing"); return }
        let result = try cli.backprop(["compare", "spiral"] + arguments)
        #expect(result.status == 2, "\(arguments): \(result.errors)")
        #expect(result.errors.contains(message), "\(result.errors)")
        #expect(!result.errors.contains(", seed 1:"), "a run started: \(result.errors)")
    }

    @Test func aMetricsPathThatIsAFileIsRefused() throws {
        guard cli.available else { skip("\(CommandLineTests.binary) missing"); return }
        defer { cleanUp() }
        try Data("kept".utf8).write(to: URL(fileURLWithPath: path("file")))
        let result = try cli.backprop(["compare", "spiral", "--set", "epochs=1", "--vary", "lr=0.1", "--metrics", path("file")])
        #expect(result.status == 2 && result.errors.contains("--metrics: cannot write"), "\(result.errors)")
        #expect(FileManager.default.contents(atPath: path("file")) == Data("kept".utf8))
    }

    @Test func aDivergedVariantIsNamedAndTheOthersStillTrain() throws {
        guard cli.available else { skip("\(CommandLineTests.binary) missing"); return }
        let result = try cli.backprop(["compare", "playground", "--set", "dataset=reg-gauss", "--set", "epochs=5",
                                       "--vary", "lr=10,0.03", "--json"])
        #expect(result.status == 0, "\(result.errors)")
        let lines = result.output.split(separator: "\n")
        #expect(lines.contains { $0.hasPrefix("lr = 10 ") && $0.hasSuffix("diverged") }, "\(result.output)")
        let trained = try #require(lines.first { $0.hasPrefix("lr = 0.03 ") })
        #expect(trained.contains(".") && !trained.contains("diverged"))
        let variants = try #require(try lastLineJSON(result.output)["variants"] as? [[String: Any]])
        #expect(variants.map { $0["diverged_runs"] as? Int } == [1, 0])
    }

    @Test func earlyStoppingCanBeTheVariedSetting() throws {
        guard cli.available else { skip("\(CommandLineTests.binary) missing"); return }
        let result = try cli.backprop(["compare", "spiral", "--set", "epochs=30", "--vary", "early_stop=1,off", "--json"])
        #expect(result.status == 0, "\(result.errors)")
        let variants = try #require(try lastLineJSON(result.output)["variants"] as? [[String: Any]])
        let summaries = variants.compactMap { ($0["runs"] as? [[String: Any]])?.first?["summary"] as? [String: Any] }
        #expect(summaries.map { $0["stopped_early"] as? Bool } == [true, false])
        #expect(summaries.map { $0["epochs"] as? Int }.last == 30)
    }

    @Test func thePlotGoesThroughASymlinkAndIntoAFIFOWithoutReplacingEither() throws {
        guard cli.available else { skip("\(CommandLineTests.binary) missing"); return }
        defer { cleanUp() }
        try Data("old".utf8).write(to: URL(fileURLWithPath: path("real.svg")))
        try #require(symlink("real.svg", path("link.svg")) == 0)
        let linked = try cli.backprop(["compare", "spiral", "--set", "epochs=2", "--vary", "lr=0.1,0.01", "--plot", path("link.svg")])
        #expect(linked.status == 0, "\(linked.errors)")
        var status = stat()
        #expect(lstat(path("link.svg"), &status) == 0 && status.st_mode & S_IFMT == S_IFLNK)
        #expect(try String(contentsOfFile: path("real.svg"), encoding: .utf8).hasPrefix("<svg "))

        try #require(mkfifo(path("pipe"), 0o600) == 0)
        // A reader in the background, as a shell pipeline would have one.
        let quoted = [CommandLineTests.binary, "compare", "spiral", "--set", "epochs=2", "--vary", "lr=0.1", "--plot", path("pipe")]
            .map { "'\($0)'" }.joined(separator: " ")
        let exit = try CommandLineTests.runShell("timeout 20 cat '\(path("pipe"))' > '\(path("received"))' & \(quoted) > '\(path("out"))' 2>&1; s=$?; wait; exit $s")
        #expect(exit == 0, "\((try? String(contentsOfFile: path("out"), encoding: .utf8)) ?? "")")
        #expect(lstat(path("pipe"), &status) == 0 && status.st_mode & S_IFMT == S_IFIFO)
        #expect(try String(contentsOfFile: path("received"), encoding: .utf8).hasSuffix("</svg>\n"))
    }
}
