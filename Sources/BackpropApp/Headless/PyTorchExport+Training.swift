import BackpropEngine

/// The loss, metrics and training part of the script: the engine's definitions written with
/// `torch.nn.functional`, `torch.optim` and `torch.optim.lr_scheduler`.
extension PyTorchExport {
    static func lossSection(_ plan: PyTorchExportPlan) -> String {
        [dataLoss(plan), penaltyFunction(plan), evaluateFunction(plan)].joined(separator: "\n\n\n")
    }

    private static func dataLoss(_ plan: PyTorchExportPlan) -> String {
        let (explanation, body) = lossDefinition(plan)
        return #"""
        def data_loss(outputs, targets):
            """\#(explanation)"""
            \#(body)
        """#
    }

    private static func lossDefinition(_ plan: PyTorchExportPlan) -> (String, String) {
        let classes = plan.classes ?? 0
        switch plan.loss {
        case .crossEntropy:
            return ("Softmax cross-entropy, the mean over every prediction" + (plan.predictionsPerSample > 1 ? " (each step of a sequence)." : "."),
                    "return F.cross_entropy(outputs.reshape(-1, outputs.shape[-1]), targets.reshape(-1))")
        case .kl:
            return ("KL divergence from the one-hot targets to softmax(outputs), summed over classes and averaged over samples.",
                    "return F.kl_div(F.log_softmax(outputs, dim=-1), F.one_hot(targets, \(classes)).float(), reduction=\"batchmean\")")
        case .bce:
            return ("Binary cross-entropy on the logit, class 1 the positive one.",
                    "return F.binary_cross_entropy_with_logits(outputs, targets.float().reshape(outputs.shape))")
        case .mse where plan.classes == nil:
            return ("Mean squared error over every output.", "return F.mse_loss(outputs, targets)")
        case .mse where plan.outputWidth == 1:
            return ("Mean squared error against the classes coded -1 and +1 (the Playground's convention, for a tanh output).",
                    "return F.mse_loss(outputs, (targets.float() * 2 - 1).reshape(outputs.shape))")
        case .mse:
            return ("Mean squared error against one-hot targets.",
                    "return F.mse_loss(outputs, F.one_hot(targets, \(classes)).float())")
        }
    }

    private static func penaltyFunction(_ plan: PyTorchExportPlan) -> String {
        guard plan.penalty.isActive else {
            return #"""
            def penalty(model):
                """Backprop's L1/L2 penalty on the weights, added to the loss: none for this model."""
                return 0.0
            """#
        }
        let names = plan.penalized.map(pythonString).joined(separator: ", ")
        return #"""
        L1, L2 = \#(pythonNumber(plan.penalty.l1)), \#(pythonNumber(plan.penalty.l2))
        # Backprop penalizes weights, not biases (nor normalization scales).
        PENALIZED = [\#(names)]


        def penalty(model):
            """L1·Σ|w| + (L2/2)·Σw² over the penalized weights, added to the data loss (the halved L2
            term makes its gradient L2·w). Backprop's validation loss includes it too."""
            parameters = dict(model.named_parameters())
            return sum(L1 * parameters[name].abs().sum() + 0.5 * L2 * parameters[name].pow(2).sum() for name in PENALIZED)
        """#
    }

    private static func evaluateFunction(_ plan: PyTorchExportPlan) -> String {
        guard plan.classes != nil else {
            return #"""
            def evaluate(model, data):
                """The validation loss in evaluation mode (no dropout, batch norm's running statistics),
                in batches of EVALUATION_BATCH as Backprop evaluates."""
                inputs, targets = data
                model.eval()
                loss_sum = 0.0
                with torch.no_grad():
                    for start in range(0, len(inputs), EVALUATION_BATCH):
                        batch = slice(start, start + EVALUATION_BATCH)
                        loss_sum += data_loss(model(inputs[batch]), targets[batch]).item() * len(inputs[batch])
                    return {"val_loss": loss_sum / len(inputs) + float(penalty(model))}
            """#
        }
        let prediction = plan.outputWidth == 1 ? "(outputs[..., 0] > 0).long()"
                                               : "outputs.argmax(dim=-1)"
        let sequences = plan.predictionsPerSample > 1
        return #"""
        def evaluate(model, data):
            """Validation loss and accuracy in evaluation mode (no dropout, batch norm's running
            statistics), in batches of EVALUATION_BATCH as Backprop evaluates.\#(sequences ? " Accuracy counts\n    every step; val_sequence_accuracy counts sequences right at every step." : "")"""
            inputs, targets = data
            model.eval()
            loss_sum, correct, sequences_right = 0.0, 0, 0
            with torch.no_grad():
                for start in range(0, len(inputs), EVALUATION_BATCH):
                    batch = slice(start, start + EVALUATION_BATCH)
                    outputs, expected = model(inputs[batch]), targets[batch]
                    loss_sum += data_loss(outputs, expected).item() * len(expected)
                    right = \#(prediction) == expected
                    correct += int(right.sum())\#(sequences ? "\n            sequences_right += int(right.all(dim=1).sum())" : "")
                metrics = {"val_loss": loss_sum / len(inputs) + float(penalty(model)),
                           "val_accuracy": correct / targets.numel()}\#(sequences ? "\n        metrics[\"val_sequence_accuracy\"] = sequences_right / len(inputs)" : "")
                return metrics
        """#
    }

    static func trainingSection(_ plan: PyTorchExportPlan) -> String {
        let streamOrder = plan.carriesRecurrentState ? [streamOrderFunction] : []
        return ([optimizerFunction(plan), schedulerFunction(plan)] + streamOrder + [trainFunction(plan)]).joined(separator: "\n\n\n")
    }

    private static func optimizerFunction(_ plan: PyTorchExportPlan) -> String {
        let settings = plan.optimizer
        let rate = pythonNumber(settings.learningRate), decay = pythonNumber(settings.weightDecay)
        let betas = "betas=(\(pythonNumber(settings.beta1)), \(pythonNumber(settings.beta2)))", epsilon = "eps=\(pythonNumber(settings.epsilon))"
        let call: String
        switch settings.kind {
        case .sgd, .momentum, .nesterov:
            call = "torch.optim.SGD(model.parameters(), lr=\(rate), momentum=\(pythonNumber(settings.momentum))"
                + (settings.kind == .nesterov ? ", nesterov=True" : "") + ", weight_decay=\(decay))"
        case .adagrad:
            call = "torch.optim.Adagrad(model.parameters(), lr=\(rate), \(epsilon), weight_decay=\(decay))"
        case .rmsprop:
            call = "torch.optim.RMSprop(model.parameters(), lr=\(rate), alpha=\(pythonNumber(settings.alpha)), \(epsilon), "
                + "momentum=\(pythonNumber(settings.momentum)), weight_decay=\(decay))"
        case .adam:
            call = "torch.optim.Adam(model.parameters(), lr=\(rate), \(betas), \(epsilon), weight_decay=\(decay))"
        case .adamw:
            call = "torch.optim.AdamW(model.parameters(), lr=\(rate), \(betas), \(epsilon), weight_decay=\(decay))"
        }
        return #"""
        def make_optimizer(model):
            """Backprop's optimizer '\#(settings.kind.rawValue)' with its hyperparameters."""
            return \#(call)
        """#
    }

    private static func schedulerFunction(_ plan: PyTorchExportPlan) -> String {
        let (explanation, body): (String, String)
        switch plan.schedule {
        case .constant:
            (explanation, body) = ("A constant learning rate: no scheduler.", "return None")
        case .stepDecay(let every, let gamma):
            (explanation, body) = ("The rate times \(pythonNumber(gamma)) every \(every) steps.",
                                   "return torch.optim.lr_scheduler.StepLR(optimizer, step_size=\(every), gamma=\(pythonNumber(gamma)))")
        case .cosine:
            (explanation, body) = ("Cosine decay from the base rate to 0 over the run.",
                                   "return torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=total_steps, eta_min=0)")
        case .oneCycle:
            // AdaGrad has no momentum to cycle; the others cycle it (Adam its beta1) as OneCycleLR does by default.
            let cycles = plan.optimizer.kind == .adagrad ? ", cycle_momentum=False" : ""
            (explanation, body) = ("One cycle: up to the base rate and down again, momentum (or Adam's beta1) the other way.",
                                   "return torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr=\(pythonNumber(plan.optimizer.learningRate)), total_steps=total_steps\(cycles))")
        case .warmup(let steps):
            (explanation, body) = ("A linear warm-up from rate/\(steps) to the rate over \(steps) steps, then constant.",
                                   "return torch.optim.lr_scheduler.LinearLR(optimizer, start_factor=1 / \(steps), end_factor=1.0, total_iters=\(steps - 1))")
        case .warmupCosine(let steps):
            (explanation, body) = ("A linear warm-up over \(steps) steps, then cosine decay to 0 over the rest of the run.", #"""
                warmup = torch.optim.lr_scheduler.LinearLR(optimizer, start_factor=1 / \#(steps), end_factor=1.0, total_iters=\#(steps - 1))
                    cosine = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=max(total_steps - \#(steps), 1), eta_min=0)
                    return torch.optim.lr_scheduler.SequentialLR(optimizer, [warmup, cosine], milestones=[\#(steps)])
                """#)
        }
        return #"""
        def make_scheduler(optimizer, total_steps):
            """\#(explanation)"""
            \#(body)
        """#
    }

    private static let streamOrderFunction = #"""
    def stream_order(count, lanes):
        """Truncated BPTT's order: the windows cut into `lanes` runs of consecutive windows, batch k
        taking the k-th window of every run (the few left over are dropped)."""
        lanes = max(1, min(lanes, count))
        run = count // lanes
        return torch.tensor([lane * run + k for k in range(run) for lane in range(lanes)])
    """#

    private static func trainFunction(_ plan: PyTorchExportPlan) -> String {
        let clip = plan.clipNorm.map { "\n            nn.utils.clip_grad_norm_(model.parameters(), \(pythonNumber($0)))" } ?? ""
        let augment: String
        switch plan.data {
        case .fashionMNIST(_, _, true): augment = "\n            x = augment(x)"
        case .fashionAutoencoder(_, _, _, let noise) where noise > 0: augment = "\n            x = add_noise(x)"
        default: augment = ""
        }
        let accuracy = plan.classes == nil ? "" : "  {100 * metrics['val_accuracy']:.1f}%"
        let batches = plan.carriesRecurrentState ? "BATCH_SIZE streams read in order (truncated BPTT)"
                                                 : "batches of BATCH_SIZE (shuffled by torch, not by Backprop's generator)"
        let order: String, carry: String, release: String
        if plan.carriesRecurrentState {
            order = "order = stream_order(len(inputs), BATCH_SIZE)  # rows continue the rows of the batch before"
            carry = "\n        for layer in recurrent_layers:\n            layer.carries_state, layer.state = True, None"
            // Evaluation starts every sequence from zeros, as Backprop's does.
            release = "\n        for layer in recurrent_layers:\n            layer.carries_state, layer.state = False, None"
        } else {
            order = "order = torch.randperm(len(inputs))"
            carry = ""
            release = ""
        }
        let recurrentLayers = plan.carriesRecurrentState ? "\n    recurrent_layers = [layer for layer in model if hasattr(layer, \"carries_state\")]" : ""
        return #"""
        BATCH_SIZE = \#(plan.batchSize)


        def train(model, data, validation, epochs):
            """Trains as `backprop train --load FILE --epochs EPOCHS` does: a fresh optimizer, a schedule
            over this run's steps, \#(batches), the loss plus the
            penalty\#(plan.clipNorm == nil ? "" : ", the gradient's global norm clipped"). Prints one line per epoch."""
            inputs, targets = data
            optimizer = make_optimizer(model)
            total_steps = math.ceil(\#(plan.carriesRecurrentState ? "len(stream_order(len(inputs), BATCH_SIZE))" : "len(inputs)") / BATCH_SIZE) * epochs
            scheduler = make_scheduler(optimizer, total_steps)\#(recurrentLayers)
            step = 0
            for epoch in range(1, epochs + 1):
                model.train()\#(carry)
                \#(order)
                loss_sum = 0.0
                for start in range(0, len(order), BATCH_SIZE):
                    batch = order[start:start + BATCH_SIZE]
                    x, y = inputs[batch], targets[batch]\#(augment)
                    rate = optimizer.param_groups[0]["lr"]
                    optimizer.zero_grad()
                    loss = data_loss(model(x), y) + penalty(model)
                    loss.backward()\#(clip)
                    optimizer.step()
                    if scheduler is not None:
                        scheduler.step()
                    loss_sum += loss.item() * len(batch)
                    step += 1\#(release)
                metrics = evaluate(model, validation)
                print(f"epoch {epoch:3d}/{epochs}  step {step:6d}  loss {loss_sum / len(order):.4f}  "
                      f"val_loss {metrics['val_loss']:.4f}\#(accuracy)  lr {rate:.3g}")
        """#
    }
}
