import BackpropEngine

extension ClaimRunRecord {
    /// The convolution explorer's hand-made kernels on the first validation images, through
    /// the engine's `Conv2D` with padding 1, as the view draws them:
    /// - `identity_change`: the largest difference between the identity kernel's map and
    ///   the image ("the output is the input");
    /// - `edge_flat_response`: the largest response of the two Sobel kernels where the 3x3
    ///   patch under them is flat, all nine pixels alike ("the sum is zero");
    /// - `edge_change_response`: their mean response where the patch changes from dark to
    ///   light, its pixels spanning more than half the grey range ("it is large").
    static let kernelMetrics = ["identity_change", "edge_flat_response", "edge_change_response"]

    static func kernelFacts(_ trainer: Trainer) -> [String: Double] {
        guard let (images, height, width) = firstValidationImages(trainer) else { return [:] }
        var identityChange = 0.0, flatResponse = 0.0, changeResponse = 0.0, changes = 0
        for image in images {
            func map(_ kernel: ExplorerKernel) -> [Float]? {
                try? ConvolutionExplorer.convolve(image, height: height, width: width, kernel: kernel.values,
                                                  size: ExplorerKernel.size, stride: 1, padding: 1).values
            }
            guard let identity = map(.identity), let across = map(.horizontalEdge), let down = map(.verticalEdge) else { continue }
            identityChange = max(identityChange, zip(identity, image).map { Double(abs($0 - $1)) }.max() ?? 0)
            // Patches wholly inside the image: padding's zeros are not the image's pixels.
            for row in 1..<(height - 1) {
                for column in 1..<(width - 1) {
                    let patch = (-1...1).flatMap { dy in (-1...1).map { dx in image[(row + dy) * width + column + dx] } }
                    let spread = (patch.max() ?? 0) - (patch.min() ?? 0)
                    let response = max(abs(across[row * width + column]), abs(down[row * width + column]))
                    if spread == 0 { flatResponse = max(flatResponse, Double(response)) }
                    if spread > 0.5 {
                        changeResponse += Double(response)
                        changes += 1
                    }
                }
            }
        }
        return ["identity_change": identityChange, "edge_flat_response": flatResponse,
                "edge_change_response": changes == 0 ? .nan : changeResponse / Double(changes)]
    }
}
