extension Trainer {
    /// Whether the recurrent layers record ‖∂L/∂h_t‖ for every step as they run backward, in
    /// every part of a split batch (the recurrent lesson's gradients-through-time view).
    public var recordsStepGradientNorms: Bool {
        get { recurrentLayers(of: network).first?.recordsStepGradientNorms ?? false }
        set {
            for network in [network] + (shards?.networks.dropFirst() ?? []) {
                for layer in recurrentLayers(of: network) { layer.recordsStepGradientNorms = newValue }
            }
        }
    }

    /// ‖∂L/∂h_t‖ for each step t of the first recurrent layer over the last training batch,
    /// empty before a recorded step. With a split batch each part recorded the norm of its
    /// own mean loss's gradient, which is the whole batch's divided by the part's share; the
    /// parts' samples are disjoint, so the whole batch's norm is √Σ(shareₚ·normₚ)².
    public var stepGradientNorms: [Float] {
        guard let first = recurrentLayers(of: network).first else { return [] }
        guard let shards, shards.lastShares.count > 1 else { return first.stepGradientNorms }
        let parts = zip(shards.networks, shards.lastShares).compactMap { network, share in
            recurrentLayers(of: network).first.map { ($0.stepGradientNorms, share) }
        }
        return first.stepGradientNorms.indices.map { step in
            parts.reduce(Float(0)) { sum, part in
                let norm = part.0.indices.contains(step) ? part.1 * part.0[step] : 0
                return sum + norm * norm
            }.squareRoot()
        }
    }

    private func recurrentLayers(of network: Network) -> [Recurrent] {
        network.leafLayers.compactMap { $0 as? Recurrent }
    }
}
