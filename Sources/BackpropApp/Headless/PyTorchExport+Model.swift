import BackpropEngine

/// The model part of the script: `class Model(nn.Sequential)` with one stock module per
/// Backprop layer, and the few small subclasses a layer needs where the stock module's
/// forward returns something else (a recurrent layer's state, a mask to pass).
extension PyTorchExport {
    static func modelSection(_ plan: PyTorchExportPlan) -> String {
        var helpers: [String] = []
        var modules: [String] = []
        for (index, layer) in plan.layers.enumerated() {
            // The plan holds only layers that have a module (`PyTorchExportPlan.init` checks).
            guard let (module, needed) = pythonModule(for: layer, carriesState: plan.carriesRecurrentState) else { continue }
            for helper in needed where !helpers.contains(helper) { helpers.append(helper) }
            modules.append("            \(module),  # \(index)")
        }
        let model = #"""
        class Model(nn.Sequential):
            """Backprop's layers in order. nn.Sequential names each parameter after its layer's index
            ("0.weight", "0.bias", ...), as the weights file does."""

            def __init__(self):
                super().__init__(
        \#(modules.joined(separator: "\n"))
                )
        """#
        return (helpers + [model]).joined(separator: "\n\n\n")
    }

    /// The module expression for one layer, and the classes it needs defined first (if any);
    /// nil for a layer type this export does not know, or a block around one.
    static func pythonModule(for layer: LayerDescriptor, carriesState: Bool = false) -> (module: String, helpers: [String])? {
        if layer.type == "residual" {
            guard let body = layer.body?.map({ pythonModule(for: $0, carriesState: carriesState) }), !body.contains(where: { $0 == nil }) else {
                return nil
            }
            let modules = body.compactMap { $0 }
            return ("Residual(" + modules.map(\.module).joined(separator: ", ") + ")", modules.flatMap(\.helpers) + [residualClass])
        }
        guard let (module, helper) = leafModule(for: layer, carriesState: carriesState) else { return nil }
        return (module, helper.map { [$0] } ?? [])
    }

    /// A layer that wraps no others: its module expression and the one class it may need.
    private static func leafModule(for layer: LayerDescriptor, carriesState: Bool) -> (module: String, helper: String?)? {
        func integer(_ key: String) -> Int { Int(layer.settings[key] ?? 0) }
        func number(_ key: String, _ fallback: Double) -> String { pythonNumber(Float(layer.settings[key] ?? fallback)) }
        switch layer.type {
        case "linear":
            return ("nn.Linear(\(integer("in")), \(integer("out"))\(layer.settings["bias"] == 0 ? ", bias=False" : ""))", nil)
        case "relu": return ("nn.ReLU()", nil)
        case "leaky_relu": return ("nn.LeakyReLU(\(number("negative_slope", 0.01)))", nil)
        case "elu": return ("nn.ELU(\(number("alpha", 1)))", nil)
        case "gelu": return ("nn.GELU()", nil)
        case "sigmoid": return ("nn.Sigmoid()", nil)
        case "tanh": return ("nn.Tanh()", nil)
        case "identity": return ("nn.Identity()", nil)
        case "softmax": return ("nn.Softmax(dim=-1)", nil)
        case "flatten": return ("nn.Flatten()", nil)
        case "dropout": return ("nn.Dropout(\(number("p", 0)))", nil)
        case "conv2d": return (convolution(layer), nil)
        case "maxpool2d", "avgpool2d":
            let kernel = integer("kernel"), stride = layer.settings["stride"].map(Int.init) ?? kernel
            let name = layer.type == "maxpool2d" ? "MaxPool2d" : "AvgPool2d"
            return ("nn.\(name)(\(kernel)\(stride == kernel ? "" : ", stride=\(stride)"))", nil)
        case "batchnorm1d": return ("nn.BatchNorm1d(\(integer("channels")))", nil)
        case "batchnorm2d": return ("nn.BatchNorm2d(\(integer("channels")))", nil)
        case "layernorm": return ("nn.LayerNorm(\(integer("features")))", nil)
        case "embedding": return ("nn.Embedding(\(integer("vocabulary")), \(integer("dimension")))", nil)
        case "rnn", "lstm", "gru":
            let base = layer.type == "rnn" ? "RNN" : layer.type.uppercased()
            return ("\(base)Steps(\(integer("in")), \(integer("hidden")), batch_first=True)", recurrentClass(base, carriesState: carriesState))
        case "last_step": return ("LastSteps(1)", lastStepsClass)
        case "last_steps": return ("LastSteps(\(integer("count")))", lastStepsClass)
        case "positional_learned": return ("LearnedPositions(\(integer("steps")), \(integer("d")))", learnedPositionsClass)
        case "positional_sinusoidal": return ("SinusoidalPositions(\(integer("steps")), \(integer("d")))", sinusoidalPositionsClass)
        case "positional_none": return ("nn.Identity()", nil)
        case "transformer_block":
            let d = integer("d"), heads = integer("heads")
            if layer.settings["causal"] == 1 { return ("CausalEncoderLayer(\(d), \(heads))", causalEncoderLayerClass) }
            return ("nn.TransformerEncoderLayer(\(d), \(heads), dim_feedforward=\(4 * d), dropout=0.0, activation=\"gelu\", batch_first=True, norm_first=True)", nil)
        case "attention":
            return ("SelfAttention(\(integer("d")), \(integer("heads")), causal=\(layer.settings["causal"] == 1 ? "True" : "False"))", selfAttentionClass)
        default:
            return nil
        }
    }

    private static func convolution(_ layer: LayerDescriptor) -> String {
        let height = Int(layer.settings["kernel_h"] ?? 1), width = Int(layer.settings["kernel_w"] ?? 1)
        var arguments = ["\(Int(layer.settings["in"] ?? 1))", "\(Int(layer.settings["out"] ?? 1))",
                         "kernel_size=" + (height == width ? "\(height)" : "(\(height), \(width))")]
        if let stride = layer.settings["stride"], stride != 1 { arguments.append("stride=\(Int(stride))") }
        if let padding = layer.settings["padding"], padding != 0 { arguments.append("padding=\(Int(padding))") }
        if layer.settings["bias"] == 0 { arguments.append("bias=False") }
        return "nn.Conv2d(" + arguments.joined(separator: ", ") + ")"
    }

    private static func recurrentClass(_ base: String, carriesState: Bool) -> String {
        guard carriesState else {
            return #"""
            class \#(base)Steps(nn.\#(base)):
                """nn.\#(base) passing on the output of every step; the stock module returns (outputs, state)."""

                def forward(self, x):
                    return super().forward(x)[0]
            """#
        }
        return #"""
        class \#(base)Steps(nn.\#(base)):
            """nn.\#(base) passing on the output of every step; the stock module returns (outputs, state).
            While `carries_state` is on (truncated BPTT, tbptt=on in Backprop), each batch starts
            from the previous batch's final state, detached so gradients stop at the batch edge."""

            carries_state = False
            state = None

            def forward(self, x):
                outputs, state = super().forward(x, self.state if self.carries_state else None)
                if self.carries_state:
                    self.state = tuple(s.detach() for s in state) if isinstance(state, tuple) else state.detach()
                return outputs
        """#
    }

    private static let residualClass = #"""
    class Residual(nn.Module):
        """x + body(x): a skip connection around the layers of `body`, an nn.Sequential, so the
        parameters are named "3.body.0.weight" as in Backprop's file."""

        def __init__(self, *layers):
            super().__init__()
            self.body = nn.Sequential(*layers)

        def forward(self, x):
            return x + self.body(x)
    """#

    private static let lastStepsClass = #"""
    class LastSteps(nn.Module):
        """The outputs of the last `count` steps of a sequence [batch, steps, features]. With one
        step the step axis goes too ([batch, features]), as in Backprop's last-step layer."""

        def __init__(self, count):
            super().__init__()
            self.count = count

        def forward(self, x):
            return x[:, -1, :] if self.count == 1 else x[:, -self.count:, :]
    """#

    private static let learnedPositionsClass = #"""
    class LearnedPositions(nn.Module):
        """x + a learned vector per position (`weight` [steps, d])."""

        def __init__(self, steps, d):
            super().__init__()
            self.weight = nn.Parameter(torch.zeros(steps, d))

        def forward(self, x):
            return x + self.weight
    """#

    private static let sinusoidalPositionsClass = #"""
    class SinusoidalPositions(nn.Module):
        """x + the fixed table of "Attention Is All You Need": PE[p, 2i] = sin(p / 10000^(2i/d)),
        PE[p, 2i+1] = cos(the same). Computed in float64 as Backprop does; not saved."""

        def __init__(self, steps, d):
            super().__init__()
            table = torch.zeros(steps, d, dtype=torch.float64)
            for position in range(steps):
                for i in range(0, d, 2):
                    angle = position / 10000 ** (i / d)
                    table[position, i] = math.sin(angle)
                    if i + 1 < d:
                        table[position, i + 1] = math.cos(angle)
            self.register_buffer("table", table.float(), persistent=False)

        def forward(self, x):
            return x + self.table
    """#

    private static let causalEncoderLayerClass = #"""
    class CausalEncoderLayer(nn.TransformerEncoderLayer):
        """A pre-norm transformer block (GELU, feed-forward 4·d, no dropout) whose attention sees
        each step and the steps before it only: the stock layer with a causal mask."""

        def __init__(self, d, heads):
            super().__init__(d, heads, dim_feedforward=4 * d, dropout=0.0, activation="gelu",
                             batch_first=True, norm_first=True)

        def forward(self, x):
            steps = x.shape[1]
            mask = torch.triu(torch.ones(steps, steps, dtype=torch.bool), diagonal=1)
            return super().forward(x, src_mask=mask)
    """#

    private static let selfAttentionClass = #"""
    class SelfAttention(nn.MultiheadAttention):
        """nn.MultiheadAttention(batch_first=True) on (x, x, x), returning the attended values only."""

        def __init__(self, d, heads, causal):
            super().__init__(d, heads, batch_first=True)
            self.causal = causal

        def forward(self, x):
            steps = x.shape[1]
            mask = torch.triu(torch.ones(steps, steps, dtype=torch.bool), diagonal=1) if self.causal else None
            return super().forward(x, x, x, attn_mask=mask, need_weights=False)[0]
    """#
}
