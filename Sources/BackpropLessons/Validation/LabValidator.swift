/// Checks a lab against what the app can do: the preset, each setting and its value, paths,
/// the network's size, knobs, views, and a goal the lab can actually reach.
struct LabValidator {
    let catalog: any LabCatalog
    let pathPolicy: PathPolicy
    let limits: LessonLimits
    /// The lesson file's folder, for relative paths.
    let folder: String

    func check(_ lab: Lab, problems: inout ProblemList) {
        let problemsBefore = problems.problems.count
        if !catalog.presetNames.contains(lab.preset) {
            problems.add(line: lab.line([lab.sourceLines.preset], 0), "unknown preset '\(lab.preset)'; available presets: \(catalog.presetNames.joined(separator: ", "))")
        }
        checkSettings(lab.settings, problems: &problems)
        let facts = problems.problems.count == problemsBefore ? configure(lab, problems: &problems) : nil
        checkKnobs(lab, facts: facts, problems: &problems)
        checkViews(lab, facts: facts, problems: &problems)
        if let goal = lab.goal { checkGoal(goal, lab: lab, facts: facts, problems: &problems) }
        checkHints(lab, problems: &problems)
        checkDemo(lab, configurable: facts != nil, problems: &problems)
    }

    /// A demo's steps: a caption of one short line, keys that are the lab's own knobs, and
    /// every step's settings valid on top of the lab's and the earlier steps'.
    private func checkDemo(_ lab: Lab, configurable: Bool, problems: inout ProblemList) {
        if lab.demo.count > limits.demoSteps {
            problems.add(line: lab.demo[limits.demoSteps].line, "\(lab.demo.count) demo steps; a lab has at most \(limits.demoSteps)")
        }
        var applied = lab.settings
        for step in lab.demo {
            if step.caption.count > limits.demoCaptionCharacters || step.caption.allSatisfy(\.isWhitespace) || step.caption.contains("\n") {
                problems.add(line: step.line, step.caption.allSatisfy(\.isWhitespace) ? "a demo step's 'say' must not be empty"
                    : "a demo step's 'say' is one line of at most \(limits.demoCaptionCharacters) characters")
            }
            var stepIsSound = true
            for setting in step.settings {
                if !lab.knobs.contains(setting.key) {
                    problems.add(line: setting.line, "demo sets '\(setting.key)', which is not one of this lab's knobs (\(lab.knobs.joined(separator: ", ")))")
                    stepIsSound = false
                } else if let problem = catalog.problem(applying: setting, toPreset: lab.preset) {
                    // A bad value on its own line; the step's line is for values bad only together.
                    problems.add(line: setting.line, "demo step: \(problem)")
                    stepIsSound = false
                }
            }
            applied = applied.filter { old in !step.settings.contains { $0.key == old.key } } + step.settings
            guard stepIsSound, configurable, !step.settings.isEmpty else { continue }
            if case .failure(let failure) = catalog.configure(preset: lab.preset, settings: applied) {
                problems.add(line: step.line, "demo step: \(failure.message)")
            }
        }
    }

    private func checkSettings(_ settings: [LabSetting], problems: inout ProblemList) {
        var seen: Set<String> = []
        for setting in settings {
            if let problem = PathPolicy.looksLikePath(setting.value) ? pathPolicy.problem(with: setting.value, relativeTo: folder) : nil {
                problems.add(line: setting.line, problem)
            } else if !catalog.settingKeys.contains(setting.key) {
                problems.add(line: setting.line, "unknown setting '\(setting.key)'; accepted keys: \(catalog.settingKeys.joined(separator: ", "))")
            } else if !seen.insert(setting.key).inserted {
                problems.add(line: setting.line, "setting '\(setting.key)' is given twice (a 'dataset:' line counts as one)")
            }
        }
    }

    private func configure(_ lab: Lab, problems: inout ProblemList) -> LabFacts? {
        switch catalog.configure(preset: lab.preset, settings: lab.settings) {
        case .failure(let failure):
            // Each setting alone too, so every bad value is reported at once, not one per
            // lint run; a setting that only fails with the others is the combined failure.
            let line = failure.settingIndex.flatMap { lab.settings.indices.contains($0) ? lab.settings[$0].line : nil } ?? lab.line
            var found = [LintProblem(line: line, message: failure.message)]
            for setting in lab.settings {
                guard let own = catalog.problem(applying: setting, toPreset: lab.preset) else { continue }
                found.append(LintProblem(line: setting.line, message: own))
            }
            var reported: Set<LintProblem> = []
            for problem in found.sorted(by: { $0.line < $1.line }) where reported.insert(problem).inserted {
                problems.add(line: problem.line, problem.message)
            }
            return nil
        case .success(let facts):
            let line = lab.settings.first { $0.key == "hidden" }?.line ?? lab.line
            if facts.hiddenNeurons > limits.hiddenNeurons {
                problems.add(line: line, "the network has \(facts.hiddenNeurons) hidden neurons; a lab trains live with at most \(limits.hiddenNeurons)")
            }
            if facts.parameters > limits.parameters {
                problems.add(line: line, "the network has \(facts.parameters) parameters; a lab trains live with at most \(limits.parameters)")
            }
            return facts
        }
    }

    private func checkKnobs(_ lab: Lab, facts: LabFacts?, problems: inout ProblemList) {
        var seen: Set<String> = []
        for (index, knob) in lab.knobs.enumerated() {
            let line = lab.line(lab.sourceLines.knobs, index)
            if !catalog.knobNames.contains(knob) {
                let why = catalog.settingKeys.contains(knob) ? "setting '\(knob)' cannot be changed live" : "unknown knob '\(knob)'"
                problems.add(line: line, "\(why); knobs: \(catalog.knobNames.joined(separator: ", "))")
            } else if !seen.insert(knob).inserted {
                problems.add(line: line, "knob '\(knob)' is listed twice")
            } else if let available = facts?.knobs, !available.contains(knob), let facts {
                problems.add(line: line, "knob '\(knob)' changes nothing for a lab on \(facts.taskDescription); its knobs: \(available.joined(separator: ", "))")
            }
        }
    }

    private func checkViews(_ lab: Lab, facts: LabFacts?, problems: inout ProblemList) {
        if lab.views.isEmpty {
            problems.add(line: lab.line + 1, "a lab shows at least one view; views: \(catalog.viewNames.joined(separator: ", "))")
        }
        for (index, view) in lab.views.enumerated() {
            let line = lab.line(lab.sourceLines.views, index)
            if !catalog.viewNames.contains(view) {
                problems.add(line: line, "unknown view '\(view)'; views: \(catalog.viewNames.joined(separator: ", "))")
            } else if lab.views[..<index].contains(view) {
                problems.add(line: line, "view '\(view)' is listed twice")
            } else if let facts, !facts.views.contains(view) {
                problems.add(line: line, "view '\(view)' is not available for a lab on \(facts.taskDescription)")
            }
        }
    }

    private func checkGoal(_ goal: LabGoal, lab: Lab, facts: LabFacts?, problems: inout ProblemList) {
        if !catalog.metricNames.contains(goal.metric) {
            problems.add(line: goal.line, "unknown goal metric '\(goal.metric)'; metrics: \(catalog.metricNames.joined(separator: ", "))")
        } else if let facts, !facts.metrics.contains(goal.metric) {
            problems.add(line: goal.line, "goal metric '\(goal.metric)' cannot be produced by a lab on \(facts.taskDescription)")
        }
        if goal.metric.hasSuffix("accuracy"), !(0...1).contains(goal.threshold) {
            problems.add(line: goal.line, "an accuracy threshold is between 0 and 1, got \(goal.threshold.formatted)")
        } else if goal.metric.hasSuffix("loss"), goal.threshold < 0 {
            problems.add(line: goal.line, "a loss threshold is at least 0, got \(goal.threshold.formatted)")
        }
        if let least = goal.limits.minEpochs, let most = goal.limits.maxEpochs, least > most {
            problems.add(line: goal.line, "the goal counts from epoch \(least) but must be met within \(most) epochs")
        }
        guard let facts else { return }
        if let least = goal.limits.minEpochs, least > facts.epochs, !lab.knobs.contains("epochs") {
            problems.add(line: goal.line, "the goal counts from epoch \(least), but the lab stops after \(facts.epochs) and 'epochs' is not a knob")
        }
        let changesNetwork = lab.knobs.contains("hidden")
        if let most = goal.limits.maxHiddenNeurons, most < facts.hiddenNeurons, !changesNetwork {
            problems.add(line: goal.line, "the goal allows at most \(most) hidden neurons, but the lab has \(facts.hiddenNeurons) and 'hidden' is not a knob")
        }
        if let most = goal.limits.maxParameters, most < facts.parameters, !changesNetwork {
            problems.add(line: goal.line, "the goal allows at most \(most) parameters, but the lab has \(facts.parameters) and 'hidden' is not a knob")
        }
    }

    private func checkHints(_ lab: Lab, problems: inout ProblemList) {
        if lab.hints.count > limits.hintsPerLab {
            problems.add(line: lab.line(lab.sourceLines.hints, limits.hintsPerLab), "\(lab.hints.count) hints; a lab has at most \(limits.hintsPerLab)")
        }
        for (index, hint) in lab.hints.enumerated() where hint.count > limits.hintCharacters || hint.allSatisfy(\.isWhitespace) {
            problems.add(line: lab.line(lab.sourceLines.hints, index), hint.count > limits.hintCharacters
                ? "a hint is \(hint.count) characters; at most \(limits.hintCharacters) are allowed"
                : "a hint must not be empty")
        }
    }
}

/// A problem found before it is added to the list, for removing repeats.
private struct LintProblem: Hashable {
    let line: Int
    let message: String
}
