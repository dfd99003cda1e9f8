import BackpropWidgets

/// The one number a presented lab shows in block digits: the goal's metric when the lab
/// has a goal, else validation accuracy, else the loss; with what it is and how the goal
/// stands, in words beside it.
struct PresentedMetric: Equatable {
    /// The number as drawn (`95.2%`, `0.0146`).
    let value: String
    /// What it is: `val accuracy`.
    let label: String
    /// The goal and whether it is met, or empty.
    let goal: String
    let goalMet: Bool

    static func of(_ snapshot: SessionSnapshot, lab: LabState?) -> PresentedMetric? {
        // Before the first evaluation the validation figures are the untrained model's: say so.
        let before = snapshot.epoch == 0 ? " (before training)" : ""
        if let lab, let goal = lab.lab.goal, let value = GoalCheck.value(of: goal.metric, in: snapshot) {
            let met = lab.goalMet || GoalCheck.isMet(goal, by: snapshot)
            return PresentedMetric(value: GoalCheck.format(value, metric: goal.metric), label: GoalCheck.label(of: goal.metric) + before,
                                   goal: (met ? "✓ goal met: " : "goal: ") + GoalCheck.statement(goal, compact: true), goalMet: met)
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
