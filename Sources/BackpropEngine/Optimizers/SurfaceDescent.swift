/// A loss over two parameters with a closed-form gradient: the ground the optimizers race
/// over in the optimizers lesson, small enough to follow every step.
public enum LossSurface: Equatable, Sendable {
    /// f = (a·x² + b·y²) / 2: an elliptic bowl, a long valley when a ≪ b.
    case quadratic(a: Float, b: Float)
    /// f = (1 − x)² + k·(y − x²)²: Rosenbrock's curved valley, its minimum at (1, 1).
    case rosenbrock(k: Float)

    public func value(x: Float, y: Float) -> Float {
        switch self {
        case .quadratic(let a, let b): return (a * x * x + b * y * y) / 2
        case .rosenbrock(let k): return (1 - x) * (1 - x) + k * (y - x * x) * (y - x * x)
        }
    }

    /// (∂f/∂x, ∂f/∂y).
    public func gradient(x: Float, y: Float) -> (x: Float, y: Float) {
        switch self {
        case .quadratic(let a, let b): return (a * x, b * y)
        case .rosenbrock(let k): return (-2 * (1 - x) - 4 * k * x * (y - x * x), 2 * k * (y - x * x))
        }
    }
}

/// One optimizer walking down a `LossSurface` from a start point: the engine's own
/// `Optimizer` updates a two-value parameter whose gradient is the surface's gradient,
/// so every step follows exactly the rule a network's weights get.
public final class SurfaceDescent {
    public let surface: LossSurface
    public let kind: OptimizerKind
    public let learningRate: Float
    /// Every point visited, the start first.
    public private(set) var path: [(x: Float, y: Float)]
    private let optimizer: Optimizer
    private let position = Parameter(name: "position", shape: [2], isWeight: false)

    public init(surface: LossSurface, kind: OptimizerKind, learningRate: Float, start: (x: Float, y: Float)) {
        self.surface = surface
        self.kind = kind
        self.learningRate = learningRate
        optimizer = Optimizer(settings: OptimizerSettings(kind: kind, learningRate: learningRate))
        position.value.data[0] = start.x
        position.value.data[1] = start.y
        path = [start]
    }

    /// The current point.
    public var current: (x: Float, y: Float) { (position.value.data[0], position.value.data[1]) }

    /// Whether the walk left the float range (a learning rate too large for the surface).
    public var hasDiverged: Bool { !(current.x.isFinite && current.y.isFinite) }

    /// One optimizer step from the current point; nothing once the walk has diverged.
    public func step() {
        guard !hasDiverged else { return }
        let gradient = surface.gradient(x: current.x, y: current.y)
        position.gradient.data[0] = gradient.x
        position.gradient.data[1] = gradient.y
        optimizer.step([position], learningRate: learningRate)
        path.append(current)
    }
}
