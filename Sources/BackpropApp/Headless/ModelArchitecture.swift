import BackpropData
import BackpropEngine
import Foundation

/// What a saved file says about its model beyond the preset and settings that rebuild it:
/// the layers in order with their sizes, the input shape, the data and how it was prepared,
/// and for a text model the vocabulary. A reader without Backprop can rebuild the model from
/// these alone; Backprop checks them on load, so that a file for another model, or a word
/// list that changed since, is refused with what differs rather than loaded wrongly.
struct ModelArchitecture: Equatable {
    var inputShape: [Int]
    var layers: [LayerDescriptor]
    /// The dataset and its preparation, in words.
    var data: String
    /// The characters a text model's ids stand for, in id order; nil for other data.
    var vocabulary: [String]?

    /// At most this many layers and vocabulary entries are read from a file.
    static let maximumLayers = 512
    static let maximumVocabulary = 65_536
    /// Residual blocks inside residual blocks, at most this deep.
    static let maximumNesting = 4

    init(inputShape: [Int], layers: [LayerDescriptor], data: String, vocabulary: [String]?) {
        self.inputShape = inputShape
        self.layers = layers
        self.data = data
        self.vocabulary = vocabulary
    }

    /// The architecture of `trainer`'s network trained on `configuration`'s data.
    init(trainer: Trainer, configuration: RunConfiguration) {
        self.init(inputShape: trainer.network.inputShape, layers: trainer.network.descriptors,
                  data: Self.dataText(configuration),
                  vocabulary: configuration.dataset == .words ? trainer.data.classNames : nil)
    }

    var metadata: [String: String] {
        var entries = ["architecture": Self.json(["input_shape": inputShape, "layers": layers.map(Self.layerObject)]), "data": data]
        if let vocabulary { entries["vocabulary"] = Self.json(vocabulary) }
        return entries
    }

    /// Reads the entries `metadata` writes; nil when the file has none (an older file).
    init?(metadata: [String: String], fail: (String) -> ModelFileError) throws(ModelFileError) {
        guard let text = metadata["architecture"] else { return nil }
        guard let object = Self.parse(text) as? [String: Any], let shape = object["input_shape"] as? [Int],
              let layers = object["layers"] as? [[String: Any]], layers.count <= Self.maximumLayers else {
            throw fail("metadata 'architecture' must be a JSON object with input_shape (whole numbers) and at most \(Self.maximumLayers) layers")
        }
        var budget = Self.maximumLayers
        let descriptors = try Self.descriptors(layers, path: "layer ", nesting: 0, budget: &budget, fail: fail)
        var vocabulary: [String]?
        if let text = metadata["vocabulary"] {
            guard let list = Self.parse(text) as? [String], list.count <= Self.maximumVocabulary else {
                throw fail("metadata 'vocabulary' must be a JSON list of at most \(Self.maximumVocabulary) strings")
            }
            vocabulary = list
        }
        self.init(inputShape: shape, layers: descriptors, data: metadata["data"] ?? "", vocabulary: vocabulary)
    }

    /// The layers of a list read from a file, each with the body it wraps (a residual block's),
    /// counting every layer at any depth against `budget`.
    private static func descriptors(_ objects: [[String: Any]], path: String, nesting: Int, budget: inout Int,
                                    fail: (String) -> ModelFileError) throws(ModelFileError) -> [LayerDescriptor] {
        var parsed: [LayerDescriptor] = []
        for (index, layer) in objects.enumerated() {
            budget -= 1
            guard budget >= 0 else { throw fail("metadata 'architecture' has more than \(maximumLayers) layers") }
            guard let type = layer["type"] as? String, let settings = (layer["settings"] ?? [String: Double]()) as? [String: Double] else {
                throw fail("metadata 'architecture' \(path)\(index) needs a type and numeric settings")
            }
            var body: [LayerDescriptor]?
            if let inner = layer["body"] {
                guard let list = inner as? [[String: Any]], nesting < maximumNesting else {
                    throw fail("metadata 'architecture' \(path)\(index) has a body that is not a list of layers, or nested more than \(maximumNesting) deep")
                }
                body = try Self.descriptors(list, path: "\(path)\(index) body layer ", nesting: nesting + 1, budget: &budget, fail: fail)
            }
            parsed.append(LayerDescriptor(type: type, settings: settings, body: body))
        }
        return parsed
    }

    /// What differs between the file's architecture and `built`'s, in words; nil when they agree.
    /// The data text is for readers and is not compared: paths differ between machines.
    func difference(from built: ModelArchitecture) -> String? {
        if inputShape != built.inputShape { return "the file's input shape is \(inputShape), the settings here give \(built.inputShape)" }
        if layers.count != built.layers.count {
            return "the file's model has \(layers.count) layers, the settings here make \(built.layers.count)"
        }
        for (index, (saved, made)) in zip(layers, built.layers).enumerated() where !Self.same(saved, made) {
            return "layer \(index) in the file is \(Self.layerText(saved)), the settings here make \(Self.layerText(made))"
        }
        if let vocabulary, let current = built.vocabulary, vocabulary != current {
            let first = vocabulary.indices.first { $0 < current.count && vocabulary[$0] != current[$0] }
                .map { "id \($0) is '\(vocabulary[$0])' in the file, '\(current[$0])' here" }
            return "the word list gives another vocabulary: \(vocabulary.count) characters in the file, \(current.count) here"
                + (first.map { "; " + $0 } ?? "")
        }
        return nil
    }

    /// The same layer, its settings equal up to a JSON round trip of a float (0.2 as a Float
    /// written as a Double reads back 1 ulp away).
    private static func same(_ a: LayerDescriptor, _ b: LayerDescriptor) -> Bool {
        let sameSettings = a.type == b.type && Set(a.settings.keys) == Set(b.settings.keys) && a.settings.allSatisfy { key, value in
            let other = b.settings[key]!
            return abs(value - other) <= 1e-6 * max(abs(value), abs(other), 1)
        }
        guard sameSettings, a.body?.count == b.body?.count else { return false }
        return zip(a.body ?? [], b.body ?? []).allSatisfy { same($0, $1) }
    }

    private static func layerText(_ layer: LayerDescriptor) -> String {
        func number(_ value: Double) -> String { value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : "\(value)" }
        let settings = layer.settings.keys.sorted().map { "\($0) \(number(layer.settings[$0]!))" }
        let text = settings.isEmpty ? layer.type : "\(layer.type) (\(settings.joined(separator: ", ")))"
        guard let body = layer.body else { return text }
        return text + " around [" + body.map(layerText).joined(separator: ", ") + "]"
    }

    /// The dataset and its preparation as the engine does it.
    static func dataText(_ configuration: RunConfiguration) -> String {
        let limit = configuration.trainLimit.map { ", the first \($0) of each part" } ?? ""
        switch configuration.dataset {
        case .playground(let dataset):
            return "the Playground's \(dataset.rawValue) set, generated and split (\(configuration.trainPercent)% training) by Backprop's seeded generator"
                + " with \(configuration.noisePercent)% noise; inputs: " + configuration.features.map(\.rawValue).joined(separator: ", ")
        case .fashionMNIST:
            return "Fashion-MNIST's IDX files: the training images for training, the test images for validation\(limit);"
                + " 28x28 pixels divided by 255" + (configuration.augment ? "; training images shifted and mirrored (augment)" : "")
        case .digits:
            return "the UCI 8x8 digits shipped in datasets/digits, pixel counts 0–16 divided by 16, split by Backprop's seeded shuffle"
        case .words:
            return "the word list (/usr/share/dict/words), one word per line, split by Backprop's seeded shuffle (10% validation)\(limit);"
                + " windows of \(configuration.sequence.length) character ids, id 0 ending each word; the vocabulary lists the ids"
        case .adding:
            return "the adding problem, generated by Backprop's seeded generator: \(configuration.sequence.length) steps of (value, marker)"
        case .copy:
            return "the copy task, generated by Backprop's seeded generator: \(configuration.sequence.copy.symbols) symbols to recall"
                + " of \(configuration.sequence.copy.alphabet) after \(configuration.sequence.copy.delay) blank steps"
        case .reversal:
            return "digit sequences of \(configuration.sequence.length), generated by Backprop's seeded generator, to "
                + (configuration.sequence.task == .sort ? "sort" : "reverse")
        }
    }

    private static func layerObject(_ layer: LayerDescriptor) -> [String: Any] {
        var object: [String: Any] = ["type": layer.type, "settings": layer.settings]
        if let body = layer.body { object["body"] = body.map(layerObject) }
        return object
    }

    private static func json(_ object: Any) -> String {
        (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])).flatMap { String(data: $0, encoding: .utf8) } ?? "{}"
    }

    private static func parse(_ text: String) -> Any? {
        text.data(using: .utf8).flatMap { try? JSONSerialization.jsonObject(with: $0) }
    }
}
