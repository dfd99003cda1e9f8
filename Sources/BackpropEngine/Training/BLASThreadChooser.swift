/// Chooses, while a trainer runs, how many threads OpenBLAS gives a whole batch's products:
/// all of them, or one. It times the trainer's own steps, and from time to time tries the
/// other count for a few steps.
///
/// Why: on this project's 2-core virtual machine, the MLP's two OpenBLAS threads run for
/// seconds at a time at under half their usual speed (98k against 225k samples/s, 25
/// repetitions in one process changing halfway), while one thread holds 180k throughout.
/// Nothing in the guest shows it (no other process, no stolen time, the same cores), so it
/// cannot be predicted, only measured. The choice never changes a result: OpenBLAS splits a
/// product's rows and columns between its threads, never its sums (fashion-mlp, tiny-gpt
/// and spiral train to the same losses, bit for bit, on one thread and on two).
struct BLASThreadChooser {
    /// Steps on the chosen count between two trials of the other. On all the threads, the
    /// trial of one is the rare case (a trial costs a fifth of its steps' speed when all
    /// the threads are the faster); on one thread, the machine may have recovered since.
    static let settledSteps = (onAllThreads: 1024, onOneThread: 256)
    /// Steps at the start of a trial that are not timed: a thread woken again, or a core
    /// whose cache holds nothing of the model, is slow for a step or two.
    static let warmUpSteps = 8
    /// Steps timed on each side of a comparison (their medians are compared).
    static let timedSteps = 16
    /// The other count is chosen only when its median step is this much shorter: a tie, or
    /// noise, leaves the choice where it is.
    static let margin = 0.9

    /// The counts chosen between: all the threads OpenBLAS has, and one.
    let counts: [Int]
    private(set) var chosen = 0
    private var trying = false
    private var hasTried = false
    private var stepsInPhase = 0
    private var settledTimes: [Double] = []
    private var trialTimes: [Double] = []

    /// Nil when OpenBLAS has one thread only: there is nothing to choose.
    init?(threads: Int) {
        guard threads > 1 else { return nil }
        counts = [threads, 1]
    }

    /// The count chosen so far (a trial may be running the other).
    var chosenThreads: Int { counts[chosen] }

    /// OpenBLAS's thread count for the next step.
    var threadsForNextStep: Int { counts[trying ? 1 - chosen : chosen] }

    /// How long the step just run on `threadsForNextStep` took.
    mutating func record(stepSeconds: Double) {
        stepsInPhase += 1
        if trying {
            if stepsInPhase > Self.warmUpSteps { trialTimes.append(stepSeconds) }
            if trialTimes.count == Self.timedSteps { conclude() }
            return
        }
        settledTimes.append(stepSeconds)
        if settledTimes.count > Self.timedSteps { settledTimes.removeFirst() }
        // The first trial comes as soon as there is something to compare it with: a run
        // may be shorter than a settled phase, and it should not spend it at half speed.
        let settled = !hasTried ? Self.warmUpSteps + Self.timedSteps
            : chosen == 0 ? Self.settledSteps.onAllThreads : Self.settledSteps.onOneThread
        if stepsInPhase >= settled && settledTimes.count == Self.timedSteps {
            hasTried = true
            trying = true
            stepsInPhase = 0
            trialTimes = []
        }
    }

    /// Ends a trial: keeps the faster count, the chosen one on a tie.
    private mutating func conclude() {
        if Self.median(trialTimes) < Self.margin * Self.median(settledTimes) { chosen = 1 - chosen }
        trying = false
        stepsInPhase = 0
        settledTimes = []
    }

    private static func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }
}
