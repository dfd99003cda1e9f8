import BackpropWidgets

/// The one number a presented lab shows in block digits: the goal's metric when the lab
/// has a goal, else validation accuracy, else the loss; with what it is and how the goal
/// stands, in words beside it. While the first epoch runs, the validation figures are still
/// the untrained model's, so the live training loss is shown instead, and says so.
struct PresentedMetric: Equatable {
    /// The number as drawn (`95.2%`, `0.0146`).
    let value: String
    /// What it is: `val accuracy`.
    let label: String
    /// The goal and how it stands, or empty.
    let goal: String
    /// The run meets the goal now (the number is drawn as met).
    let goalMet: Bool

    static func of(_ snapshot: SessionSnapshot, lab: LabState?) -> PresentedMetric? {
        let goal = lab?.lab.goal
        let metNow = goal.map { GoalCheck.isMet($0, by: snapshot) || GoalCheck.epochMetInWindow($0, in: snapshot) != nil } ?? false
        // Met in an earlier run but not by this one: the tick must not sit beside a number that misses.
        let goalText = goal.map { (metNow ? "✓ goal met: " : lab?.goalMet == true ? "met before, not now: " : "goal: ") + GoalCheck.statement($0, compact: true) } ?? ""
        if snapshot.epoch == 0 {
            if snapshot.state == .running || snapshot.step > 0, let loss = snapshot.trainLoss {
                return PresentedMetric(value: GoalCheck.format(Double(loss), metric: "train_loss"),
                                       label: "train loss (validation after the first epoch)", goal: goalText, goalMet: false)
            }
        }
        let before = snapshot.epoch == 0 ? " (before training)" : ""
        if let goal, let value = GoalCheck.value(of: goal.metric, in: snapshot) {
            return PresentedMetric(value: GoalCheck.format(value, metric: goal.metric), label: GoalCheck.label(of: goal.metric) + before,
                                   goal: goalText, goalMet: metNow)
        }
        if let accuracy = snapshot.testAccuracy {
            return PresentedMetric(value: GoalCheck.format(Double(accuracy), metric: "val_accuracy"), label: "val accuracy" + before, goal: "", goalMet: false)
        }
        if let loss = snapshot.testLoss {
            return PresentedMetric(value: GoalCheck.format(Double(loss), metric: "val_loss"), label: "val loss" + before, goal: "", goalMet: false)
        }
        if let loss = snapshot.trainLoss {
            return PresentedMetric(value: GoalCheck.format(Double(loss), metric: "train_loss"), label: "train loss", goal: "", goalMet: false)
        }
        return nil
    }
}
