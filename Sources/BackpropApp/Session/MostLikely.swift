import Foundation

/// The index of the largest of a row of logits and its softmax probability: a prediction
/// read without building the whole softmax.
func mostLikely(_ logits: ArraySlice<Float>) -> (class: Int, probability: Float) {
    var best = logits.startIndex
    for index in logits.indices where logits[index] > logits[best] { best = index }
    let largest = logits[best]
    let total = logits.reduce(Float(0)) { $0 + expf($1 - largest) }
    return (best - logits.startIndex, total > 0 && total.isFinite ? 1 / total : 0)
}
