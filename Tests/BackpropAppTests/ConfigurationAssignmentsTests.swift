@testable import BackpropApp
import Testing

/// A configuration written back as `--set` assignments rebuilds itself from its preset: what
/// a model saved from a lab or the Playground records so that `eval` and `train --load` can
/// rebuild the run from the file alone.
@Suite struct ConfigurationAssignmentsTests {
    /// Assignments that each apply to some presets, as a learner's knobs would change them
    /// (the data first, as the Playground's dataset knob comes first).
    static let changes = [
        "dataset=spiral", "channels=4,8", "lr=0.0003", "batch=17", "epochs=never", "optimizer=rmsprop", "momentum=0.7", "weight_decay=0.02", "l1=0.001",
        "l2=0.03", "dropout=0.25", "activation=gelu", "hidden=12,6", "init=he", "schedule=step:50:0.5", "clip=0.5",
        "loss=mse", "noise=30", "train_ratio=60", "features=x1,x2,x1x2", "limit=300", "classes=3", "kernel=3",
        "pooling=avg", "batchnorm=on", "cell=gru", "layers=3", "seq_len=24", "temperature=0.7", "delay=12",
        "tbptt=on", "forget_bias=1", "heads=4", "d_model=32", "context=12", "positional=sinusoidal", "mask=off",
        "task=sort", "augment=on", "schedule=warmup-cosine:20", "residual=on", "depth=5",
        "bottleneck=16", "holdout=ankle-boot",
    ]

    @Test func everyPresetRebuildsItselfAfterAnyChange() throws {
        var checked = 0
        for preset in Preset.all {
            let base = preset.configuration
            #expect(base.assignments(from: base) == [], "\(preset.name) as it is needs no assignment")
            var changed = base
            for change in Self.changes {
                var trial = changed
                guard (try? trial.apply(change)) != nil, (try? trial.validate()) != nil else { continue }
                changed = trial
            }
            let assignments = try #require(changed.assignments(from: base), "\(preset.name)")
            var rebuilt = base
            for assignment in assignments { try rebuilt.apply(assignment) }
            #expect(rebuilt == changed, "\(preset.name): \(assignments)")
            checked += assignments.count
        }
        #expect(checked > 60)
    }

    @Test func aTransformersRecurrentCounterpartSaysSo() throws {
        let base = Preset.reverseAttention.configuration
        var counterpart = base
        try counterpart.apply("model=lstm")
        try counterpart.apply("lr=0.01")
        #expect(counterpart.assignments(from: base) == ["model=lstm", "lr=0.01"])
    }
}
