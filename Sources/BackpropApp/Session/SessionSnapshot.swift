import BackpropData
import BackpropEngine
import BackpropLessons
import BackpropWidgets

/// What the UI draws, copied out of the trainer thread: small, immutable, self-contained.
public struct SessionSnapshot: Sendable {
    public enum RunState: Sendable, Equatable {
        case paused, running, finished
        /// Loading the data and building the model (a moment for a large dataset).
        case preparing
        case diverged(String)
        case failed(String)
    }

    public var state: RunState = .paused
    public var configuration: RunConfiguration
    public var epoch = 0
    /// The metrics after each of the latest epochs (at most `recentEpochLimit`), oldest first,
    /// so a goal that must hold for several epochs in a row is checked on every epoch,
    /// including those that ended between two frames.
    var recentEpochs: [EpochMetrics] = []
    static let recentEpochLimit = 256
    public var step = 0
    /// The step at which the validation loss and the accuracies were last measured: 0 before
    /// training, an epoch's last step, or a step the learner took with `s`.
    public var measuredStep = 0
    public var trainLoss: Float?
    public var testLoss: Float?
    public var trainAccuracy: Float?
    public var testAccuracy: Float?
    public var learningRate: Float = 0
    public var samplesPerSecond: Double = 0
    /// How many cores each batch is split across (1: whole batches; 0 before a model is built).
    public var batchParts = 0
    /// (step, loss) after each evaluation, train and test.
    public var trainLossHistory: [(step: Int, value: Double)] = []
    public var testLossHistory: [(step: Int, value: Double)] = []
    /// Every training step's batch loss (means of neighbouring steps once the history is long).
    public var stepLossHistory = SeriesHistory(capacity: TrainingRecorder.stepLossCapacity)
    /// The network's output over a grid of the input plane (rows from the top), for the
    /// decision boundary: class-1 probability mapped to −1…1, or the regression value; with
    /// more than two classes, the probability of the most likely class.
    public var boundary: [Float] = []
    /// With more than two classes, the most likely class at each grid cell (else empty).
    public var boundaryClasses: [Int] = []
    public var boundaryColumns = 0
    public var boundaryRows = 0
    /// Class names (empty for regression).
    public var classNames: [String] = []
    /// Test-set counts `[actual][predicted]`, when the confusion view is shown.
    public var confusion: [[Int]] = []
    /// Each neuron's output over a coarse grid of the plane, column by column of the
    /// network diagram (inputs first), when the network view is shown.
    public var neuronOutputs: [[ValueGrid]] = []
    public var trainPoints: [PlaygroundPoint] = []
    public var testPoints: [PlaygroundPoint] = []
    /// Dense weights per layer, `[out][in]`, for the network diagram.
    public var weights: [[[Float]]] = []
    /// Dense biases per layer (empty for a layer without one), beside `weights`.
    public var biases: [[Float]] = []
    public var layerSizes: [Int] = []
    public var probes: [LayerProbe] = []
    /// log10(std(update) / std(weight)) per Dense layer over steps, one history per layer in
    /// network order, recorded while the health view is offered (else empty).
    public var updateRatioHistory: [SeriesHistory] = []
    /// The activations and optimizers lessons' side experiments (dead units, races, range test).
    public var experiments = OptimizerExperiments()
    public var parameterCount = 0
    /// One training sample through the 2-2-1 network, operation by operation, when the graph view is shown.
    var computationGraph: ComputationGraph?
    /// The convolution lesson's views (explorer, feature maps, mistakes, parameter tables).
    public var convolutionViews = ConvolutionViewsSnapshot()
    /// A short message for the status line (a rebuilt model, a refused setting).
    public var message = ""
    /// With `early_stop`: the epoch with the lowest validation loss so far and the step it
    /// ended at, which the loss chart marks.
    public var bestEpoch: BestEpoch?
    /// The last PyTorch script `e` wrote for this run's model: numbered, so a screen shows
    /// each new one once.
    public var pytorchScript: ExportedScript?
    /// The steps of the checkpoints kept for rewinding, oldest first, and their memory.
    public var checkpointSteps: [Int] = []
    public var checkpointBytes = 0
    /// The checkpoint the model is rewound to while the learner looks back (nil: the run as
    /// it stands). The loss curves stay the whole run's until training branches from it.
    public var rewoundStep: Int?
    /// How fast the run trains while playing (`Pace.stepsPerSecond`).
    public var pace = Pace.watch
    /// Fraction of validation sequences with every token right (sequence tasks), else nil.
    public var testSequenceAccuracy: Float?
    /// The transformer's attention, positions and sampled words, when those views are shown.
    public var attention: AttentionSnapshot?
    /// A second model trained on the same data for the comparison view, once asked for.
    public var comparison: ModelComparison?
    /// The views computed for this snapshot.
    public var views: SessionViews = []
    /// Word models: the bigram baseline's validation loss (nats per character).
    public var baselineValidationLoss: Double?
    /// The recurrent lesson's views.
    public var recurrent = RecurrentSnapshot()
    /// The autoencoder lesson's views.
    public var autoencoder = AutoencoderSnapshot()

    public init(configuration: RunConfiguration) {
        self.configuration = configuration
    }
}

/// A PyTorch script written for the lab's current model, to show beside where it went.
public struct ExportedScript: Sendable, Equatable {
    public var number: Int
    public var path: String
    public var text: String
}

/// The epoch early stopping keeps: its number and the training step it ended at.
public struct BestEpoch: Sendable, Equatable {
    public var epoch: Int
    public var step: Int
}
