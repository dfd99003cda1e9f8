import BackpropLessons

/// A small stand-in for the app's catalog: two-input networks on three datasets, one of
/// them a regression.
struct TestCatalog: LabCatalog {
    let presetNames = ["xor", "playground"]
    let settingKeys = ["lr", "hidden", "dataset", "epochs", "activation", "limit"]
    let knobNames = ["lr", "hidden", "dataset", "epochs", "activation"]
    let viewNames = ["boundary", "loss", "network", "confusion"]
    let metricNames = ["val_accuracy", "train_accuracy", "val_loss", "train_loss"]
    var claimMetricNames: [String] { metricNames + ["goal_met", "zero_weights", "forget_gate"] }
    let runEndMetricNames = ["zero_weights"]
    let startOrEndMetricNames = ["forget_gate"]

    func configure(preset: String, settings: [LabSetting]) -> Result<LabFacts, LabSettingFailure> {
        var hidden = [8]
        var dataset = preset == "xor" ? "xor" : "circle"
        var epochs = 100
        for (index, setting) in settings.enumerated() {
            let bad = LabSettingFailure(settingIndex: index, message: "invalid value '\(setting.value)' for key '\(setting.key)'")
            switch setting.key {
            case "lr":
                guard let rate = Double(setting.value), rate > 0, rate <= 10 else { return .failure(bad) }
            case "hidden":
                let sizes = setting.value.split(separator: ",").map { Int($0) }
                guard sizes.allSatisfy({ $0 != nil && $0! >= 1 && $0! <= 1024 }) else { return .failure(bad) }
                hidden = sizes.map { $0! }
            case "dataset":
                guard ["circle", "xor", "reg-plane"].contains(setting.value) else { return .failure(bad) }
                dataset = setting.value
            case "epochs":
                guard let count = Int(setting.value), count >= 1 else { return .failure(bad) }
                epochs = count
            default:
                break
            }
        }
        let regression = dataset == "reg-plane"
        let widths = [2] + hidden + [regression ? 1 : 2]
        let parameters = zip(widths, widths.dropFirst()).reduce(0) { $0 + $1.0 * $1.1 + $1.1 }
        return .success(LabFacts(
            hiddenNeurons: hidden.reduce(0, +), parameters: parameters, epochs: epochs,
            metrics: regression ? ["val_loss", "train_loss"] : metricNames,
            views: regression ? ["boundary", "loss", "network"] : viewNames,
            taskDescription: regression ? "regression dataset \(dataset)" : "classification dataset \(dataset)",
            claimMetrics: (regression ? ["val_loss", "train_loss"] : metricNames) + ["goal_met", "zero_weights", "forget_gate"]))
    }
}

/// A parser with the test catalog; paths may point into `/tmp/lessons-test` only.
func testParser(limits: LessonLimits = .standard) -> LessonParser {
    LessonParser(catalog: TestCatalog(), pathPolicy: PathPolicy(roots: ["/tmp/lessons-test"]), limits: limits)
}

/// The lesson every rule test starts from: two pages, one lab with a goal.
let goodLesson = """
---
id: first-steps
title: First steps
summary: One neuron, then two.
order: 1
minutes: 10
---
## A neuron

A neuron adds its **weighted** inputs.

```lab
preset: xor
settings:
  lr: 0.03
  hidden: 2
knobs: [lr, hidden]
views: [boundary, loss]
goal:
  metric: val_accuracy
  op: ">="
  threshold: 0.9
  max_hidden_neurons: 4
hints:
  - Try more neurons.
  - Raise the learning rate.
```

## What changed

More text.
"""

/// `goodLesson` with one line replaced (1-based), for a rule test.
func goodLesson(replacingLine number: Int, with line: String) -> String {
    var lines = goodLesson.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    lines[number - 1] = line
    return lines.joined(separator: "\n")
}

/// Parses `contents` as `lessons/01-first-steps.md`.
func problems(in contents: String, limits: LessonLimits = .standard) -> [String] {
    testParser(limits: limits).parse(contents, file: "lessons/01-first-steps.md").problems.map(\.description)
}
