/// Checks a claim against what the app can measure: the metric exists for the lab, the
/// moment suits the metric, and every variant's settings apply to the lab and keep its
/// network small enough to train live.
struct ClaimValidator {
    let catalog: any LabCatalog
    let limits: LessonLimits

    func check(_ claim: Claim, problems: inout ProblemList) {
        let measured = configure(claim.lab, variant: claim.variant, problems: &problems)
        if case .variant(let other) = claim.target { _ = configure(claim.lab, variant: other, problems: &problems) }
        let line = claim.line
        guard catalog.claimMetricNames.contains(claim.metric) else {
            problems.add(line: line, "unknown claim metric '\(claim.metric)'; metrics: \(catalog.claimMetricNames.joined(separator: ", "))")
            return
        }
        if let measured, !measured.claimMetrics.contains(claim.metric) {
            problems.add(line: line, "claim metric '\(claim.metric)' cannot be measured on a lab on \(measured.taskDescription)")
        }
        if ["goal_met", "epochs_to_goal"].contains(claim.metric), claim.lab.goal == nil {
            problems.add(line: line, "claim metric '\(claim.metric)' needs a lab with a goal")
        }
        if catalog.runEndMetricNames.contains(claim.metric), claim.moment != .end {
            problems.add(line: line, "claim metric '\(claim.metric)' is measured at the end of a run only; drop 'at' or use 'at: end'")
        }
        if catalog.startOrEndMetricNames.contains(claim.metric), claim.moment != .end, claim.moment != .start {
            problems.add(line: line, "claim metric '\(claim.metric)' is measured before training or at the end of a run; use 'at: start' or 'at: end'")
        }
        if case .epoch(let epoch) = claim.moment, let measured, epoch > measured.epochs {
            problems.add(line: line, "the claim reads epoch \(epoch), but its run stops after \(measured.epochs); set 'epochs' in 'with'")
        }
    }

    /// The facts of the lab with `variant` applied, or nil with problems at the variant's lines.
    private func configure(_ lab: Lab, variant: [LabSetting], problems: inout ProblemList) -> LabFacts? {
        for setting in variant where !catalog.settingKeys.contains(setting.key) {
            problems.add(line: setting.line, "unknown setting '\(setting.key)'; accepted keys: \(catalog.settingKeys.joined(separator: ", "))")
            return nil
        }
        switch catalog.configure(preset: lab.preset, settings: lab.settings + variant) {
        case .failure(let failure):
            let index = failure.settingIndex.map { $0 - lab.settings.count }
            let line = index.flatMap { variant.indices.contains($0) ? variant[$0].line : nil } ?? variant.first?.line ?? lab.line
            problems.add(line: line, failure.message)
            return nil
        case .success(let facts):
            if facts.hiddenNeurons > limits.hiddenNeurons || facts.parameters > limits.parameters {
                problems.add(line: variant.first?.line ?? lab.line,
                             "the claim's network has \(facts.hiddenNeurons) hidden neurons and \(facts.parameters) parameters; at most \(limits.hiddenNeurons) and \(limits.parameters)")
                return nil
            }
            return facts
        }
    }
}
