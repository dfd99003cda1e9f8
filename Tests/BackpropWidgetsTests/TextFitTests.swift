import Testing
@testable import BackpropWidgets

/// Text shortened to a width: after a whole word with `…`, numbers never cut.
@Suite struct TextFitTests {
    @Test(arguments: [
        ("Validation confusion", 30, "Validation confusion"),
        ("Validation confusion", 20, "Validation confusion"),
        ("Validation confusion", 19, "Validation…"),
        ("Training health per layer · v 2/3", 28, "Training health per layer…"),
        ("epoch 12 · step 1500 · lr 0.03", 23, "epoch 12 · step 1500…"),
        ("epoch 12 · step 1500 · lr 0.03", 19, "epoch 12 · step…"),
        ("step 1500", 8, "step…"),
        ("1500", 3, "…"),
        ("2→8 tanh", 3, "2→8"),
        ("Convolution", 6, "Convo…"),
        ("anything", 1, "…"),
        ("anything", 0, ""),
    ])
    func fits(text: String, width: Int, expected: String) {
        let fitted = TextFit.fit(text, width: width)
        #expect(fitted == expected)
        #expect(fitted.count <= width)
    }

    @Test(arguments: [
        ("warmup-cosine:100", 17, "warmup-cosine:100"),
        ("warmup-cosine:100", 12, "warmup-c…100"),
        ("warmup-cosine:100", 15, "warm…cosine:100"),
        ("step:400:0.5", 9, "step:…0.5"),
        ("step:1500:0.5", 8, "step…0.5"),
        ("12345678", 5, "…"),
        ("warmup:1e-3", 6, "w…1e-3"),
        ("decay -0.5 x", 8, "decay …x"),
        ("1e-05 warm", 6, "…warm"),
    ])
    func middleEllipsisKeepsBothEndsAndWholeNumbers(text: String, width: Int, expected: String) {
        let fitted = TextFit.middleEllipsis(text, width: width)
        #expect(fitted == expected)
        #expect(fitted.count <= width)
    }

    @Test func paddingAlignsTheFittedText() {
        #expect(TextFit.padded("loss", width: 6, alignment: .right) == "  loss")
        #expect(TextFit.padded("12345", width: 4, alignment: .right) == "   …")
        #expect(TextFit.padded("log u:d", width: 9, alignment: .center) == " log u:d ")
    }

    @Test func theFirstCandidateThatFitsIsChosen() {
        let candidates = ["Loss train 0.31 val 0.35 · val acc 88%", "Loss train 0.31 val 0.35", "Loss 0.31 / 0.35"]
        #expect(TextFit.first(of: candidates, width: 30) == "Loss train 0.31 val 0.35")
        #expect(TextFit.first(of: candidates, width: 16) == "Loss 0.31 / 0.35")
        #expect(TextFit.first(of: candidates, width: 12) == "Loss 0.31…")
    }

    @Test func aBufferWriteEndsInAWholeWordAtTheClipEdge() {
        var buffer = CellBuffer(width: 24, height: 2)
        buffer.writeFitted("goal: val_accuracy >= 0.95 with 4 neurons", x: 1, y: 0, style: .plain)
        buffer.writeFitted("loss 1500", x: 14, y: 1, style: .plain, clip: Rect(x: 0, y: 0, width: 22, height: 2))
        #expect(buffer.lines == [
            " goal: val_accuracy…",
            "              loss…",
        ])
    }
}

/// The buffer's record of texts cut at an edge, which the legibility sweep reads.
@Suite struct TextCutTests {
    @Test func aCutInsideAWordOrNumberIsNotedAndAFittedWriteLeavesNone() {
        var buffer = CellBuffer(width: 10, height: 4)
        buffer.write("Validation", x: 5, y: 0, style: .plain)
        buffer.write("step 1500", x: 2, y: 1, style: .plain)
        buffer.write("loss 0.5", x: 3, y: 2, style: .plain)
        buffer.write("a b", x: 8, y: 3, style: .plain)
        #expect(buffer.cuts.map(\.shown) == ["Valid", "step 150", "loss 0.", "a "])
        #expect(buffer.cuts.map(\.isInsideAWord) == [true, true, true, false])
        var fitted = CellBuffer(width: 10, height: 1)
        fitted.writeFitted("step 1500", x: 2, y: 0, style: .plain)
        #expect(fitted.lines == ["  step…"] && fitted.cuts.isEmpty)
        #expect(TextCut(text: "────", kept: 2).isInsideAWord == false, "a rule may end anywhere")
    }
}
