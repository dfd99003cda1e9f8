/// Which keys change anything for a given configuration, so the command line can refuse a
/// setting that would be accepted and then silently ignored (`limit` on a Playground set).
extension SettingKey {
    /// Nil when the key matters for `configuration`, else what it applies to.
    public func irrelevance(for configuration: RunConfiguration) -> String? {
        let dataset = configuration.dataset
        switch self {
        case .noise:
            return dataset.isPlayground || configuration.autoencoder != nil ? nil : "Playground datasets and autoencoders"
        case .trainRatio, .features, .classes:
            return dataset.isPlayground ? nil : "Playground datasets"
        case .limit where configuration.transfer != nil, .augment where configuration.transfer != nil:
            return "fashion-mnist runs other than fashion-transfer (whose labels key sets its training images)"
        case .bottleneck, .holdout:
            return configuration.autoencoder != nil ? nil : "autoencoders (fashion-autoencoder)"
        case .limit:
            return [.fashionMNIST, .words, .adding, .reversal, .copy].contains(dataset) ? nil : "fashion-mnist, words, adding, reversal and copy"
        case .cell:
            return configuration.isRecurrent ? nil : "recurrent models (words-*, adding-*, copy-*)"
        case .forgetBias:
            return configuration.hasLSTMCells ? nil : "LSTM models (cell=lstm)"
        case .sequenceLength:
            // The copy task's length follows from its symbols and delay.
            return dataset.isSequence && dataset != .copy ? nil : "sequence datasets (words, adding, reversal)"
        case .truncatedBPTT:
            return dataset == .words && configuration.transformer == nil ? nil : "recurrent word models (words-*)"
        case .temperature:
            return dataset == .words ? nil : "the word list (dataset=words)"
        case .augment:
            return dataset == .fashionMNIST && configuration.autoencoder == nil ? nil : "image classifiers (dataset=fashion-mnist)"
        case .delay:
            return dataset == .adding || dataset == .copy ? nil : "the adding problem and the copy task (dataset=adding, copy)"
        case .task:
            return dataset == .reversal ? nil : "the reversal dataset (dataset=reversal)"
        case .heads, .modelWidth, .context, .positional, .mask:
            return configuration.transformer != nil ? nil : "transformer presets (reverse-attention, tiny-gpt)"
        case .kernel, .pooling:
            return configuration.convolution != nil ? nil : "convolutional networks (set channels first)"
        case .dropout, .batchNorm:
            return dataset.isSequence || configuration.autoencoder != nil ? "classifiers with dense and convolutional layers" : nil
        case .activation:
            return dataset.isSequence ? "dense and convolutional models, not sequence models" : nil
        case .residual, .depth:
            return dataset.isSequence || configuration.convolution != nil || configuration.autoencoder != nil ? "MLPs (digits, fashion-mnist without channels, the Playground's sets)" : nil
        case .labels, .way, .finetuneLR:
            return configuration.transfer != nil ? nil : "the transfer-learning preset (fashion-transfer)"
        case .hidden:
            return configuration.transformer == nil ? nil : "MLPs and recurrent models (a transformer is sized by d_model and layers)"
        default:
            return nil
        }
    }
}
