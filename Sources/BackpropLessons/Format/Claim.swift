/// What a page says its lab will show, written as a check that `backprop lint --claims`
/// trains headlessly: a metric of the page's lab (or of a variant of it, with some
/// settings changed) at some moment of the run, compared with a number or with the same
/// metric of another variant, for each of several seeds. Claims are never shown to the learner.
public struct Claim: Equatable, Sendable {
    /// The sentence of the page that the claim backs, in a few words; printed by the check.
    public let says: String
    public let metric: String
    public let moment: ClaimMoment
    /// Settings changed from the lab's for the measured run, applied after the lab's own.
    public let variant: [LabSetting]
    public let comparison: ClaimComparison
    public let target: ClaimTarget
    /// How far past the target the measured value must be, in the comparison's direction
    /// (`op: ">"` with `by: 0.1` means at least 0.1 above the target).
    public let margin: Double
    public let seeds: [UInt64]
    /// How the seeds' values are combined.
    public let aggregate: ClaimAggregate
    /// Why fewer than three seeds are enough (a run that does not depend on the seed).
    public let fewSeedsReason: String?
    /// The lab the claim is about: the page's own, else the latest one before it.
    public let lab: Lab
    /// Line of the claim's first key in the lesson file.
    public let line: Int

    public init(says: String, metric: String, moment: ClaimMoment, variant: [LabSetting], comparison: ClaimComparison,
                target: ClaimTarget, margin: Double, seeds: [UInt64], aggregate: ClaimAggregate, fewSeedsReason: String?,
                lab: Lab, line: Int) {
        self.says = says
        self.metric = metric
        self.moment = moment
        self.variant = variant
        self.comparison = comparison
        self.target = target
        self.margin = margin
        self.seeds = seeds
        self.aggregate = aggregate
        self.fewSeedsReason = fewSeedsReason
        self.lab = lab
        self.line = line
    }

    /// Seeds a claim is checked over unless it says otherwise.
    public static let defaultSeeds: [UInt64] = [1, 2, 3]
}

/// When in the run a claim reads its metric.
public enum ClaimMoment: Equatable, Sendable, CustomStringConvertible {
    /// Before any training step: the freshly initialized network.
    case start
    /// After the run's last epoch.
    case end
    /// The best value over the run's epochs (highest accuracy, lowest loss).
    case best
    /// After this epoch.
    case epoch(Int)

    public var description: String {
        switch self {
        case .start: "at the start"
        case .end: "at the end"
        case .best: "at its best"
        case .epoch(let epoch): "at epoch \(epoch)"
        }
    }
}

/// How a claim compares its measured value with the target.
public enum ClaimComparison: String, CaseIterable, Equatable, Sendable {
    case less = "<"
    case atMost = "<="
    case greater = ">"
    case atLeast = ">="
    case equal = "=="

    /// Whether `value` stands in this relation to `target`, at least `margin` past it.
    public func holds(_ value: Double, _ target: Double, margin: Double = 0) -> Bool {
        guard !value.isNaN, !target.isNaN else { return false }
        switch self {
        case .less: return value < target - margin
        case .atMost: return value <= target - margin
        case .greater: return value > target + margin
        case .atLeast: return value >= target + margin
        case .equal: return abs(value - target) <= margin
        }
    }
}

/// What a claim's measured value is compared with.
public enum ClaimTarget: Equatable, Sendable {
    case value(Double)
    /// The same metric, at the same moment and seed, of the lab with these settings changed.
    case variant([LabSetting])
}

/// How the values of several seeds decide a claim.
public enum ClaimAggregate: String, Equatable, Sendable {
    /// The comparison must hold for every seed.
    case each
    /// The comparison must hold for the mean over the seeds.
    case mean
}
