/// A neuron's place in a network diagram: its layer (column) and its index in the layer.
public struct NeuronPosition: Hashable, Sendable {
    public var layer: Int
    public var neuron: Int

    public init(layer: Int, neuron: Int) {
        self.layer = layer
        self.neuron = neuron
    }
}
