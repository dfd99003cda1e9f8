@testable import BackpropLessons
import Testing

/// Claims are read like the rest of a lab's YAML: each mistake is a problem at its file line,
/// and a good claims block is kept off the page the learner reads.
@Suite struct ClaimRuleTests {
    let file = "lessons/01-first-steps.md"

    /// `goodLesson` with a claims block on its second page (the block's fence is line 32).
    func lesson(withClaims claims: String) -> String {
        goodLesson + "\n\n```claims\n" + claims + "\n```\n"
    }

    @Test func aGoodClaimIsReadAndHiddenFromThePage() throws {
        let report = testParser().parse(lesson(withClaims: """
            - says: two neurons beat one
              metric: val_accuracy
              at: best
              with: {hidden: 2}
              than: {hidden: 1}
              op: ">"
              by: 0.05
            """), file: file)
        #expect(report.problems.isEmpty, "\(report.problems)")
        let page = try #require(report.lesson?.pages.last)
        let claim = try #require(page.claims.first)
        #expect(claim.metric == "val_accuracy" && claim.moment == .best && claim.comparison == .greater && claim.margin == 0.05)
        #expect(claim.variant.map(\.assignment) == ["hidden=2"])
        guard case .variant(let other) = claim.target else { Issue.record("the target is not a variant"); return }
        #expect(other.map(\.assignment) == ["hidden=1"] && other.first?.line == 38)
        #expect(claim.seeds == Claim.defaultSeeds && claim.lab.preset == "xor", "the page before's lab")
        #expect(!page.body.blocks.contains { if case .code = $0.kind { true } else { false } }, "the claims block must not be drawn")
    }

    @Test(arguments: [
        ("  metric: val_acuracy", "unknown claim metric 'val_acuracy'"),
        ("  with: {colour: red}", "unknown setting 'colour'"),
        ("  with: {lr: -1}", "invalid value '-1' for key 'lr'"),
        ("  with: {hidden: 600}", "the claim's network has 600 hidden neurons"),
        ("  at: halfway", "'at' must be start, end, best or an epoch"),
        ("  at: 500", "the claim reads epoch 500, but its run stops after 100"),
        ("  op: \"!=\"", "claim 'op' must be one of"),
        ("  seeds: [7]", "at least 3 seeds"),
        ("  colour: red", "unknown key 'colour' in claim"),
        ("  value: many", "claim 'value' must be a number"),
        ("  than: {lr: 0.1}", "either 'value' (a number) or 'than'"),
    ])
    func eachMistakeIsNamedAtItsLine(line: String, message: String) {
        // The claims block's fence is file line 33; every problem is on the claim's lines, 34 to 38.
        var claim = ["- says: the goal is met", "  metric: goal_met", "  op: \"==\"", "  value: 1"]
        let key = line.split(separator: ":").first.map(String.init) ?? ""
        if let index = claim.firstIndex(where: { $0.hasPrefix(key + ":") || $0.hasPrefix("- " + key.trimmingCharacters(in: .whitespaces) + ":") }) {
            claim[index] = line
        } else {
            claim.insert(line, at: 2)
        }
        let found = problems(in: lesson(withClaims: claim.joined(separator: "\n")))
        #expect(found.count == 1 && found[0].hasPrefix("\(file):3") && found[0].contains(message), "\(found)")
    }

    @Test func aStartOrEndMetricIsNotReadAtAnEpoch() {
        let claim = "- says: gates open\n  metric: forget_gate\n  at: best\n  op: \">\"\n  value: 0.5"
        let found = problems(in: lesson(withClaims: claim))
        #expect(found.count == 1 && found[0].contains("use 'at: start' or 'at: end'"), "\(found)")
        #expect(problems(in: lesson(withClaims: claim.replacingOccurrences(of: "at: best", with: "at: start"))).isEmpty)
    }

    @Test func aGoalMetricNeedsALabWithAGoal() {
        let noGoal = goodLesson.replacingOccurrences(of: "goal:\n  metric: val_accuracy\n  op: \">=\"\n  threshold: 0.9\n  max_hidden_neurons: 4\n", with: "")
        let found = problems(in: noGoal + "\n\n```claims\n- says: met\n  metric: goal_met\n  op: \"==\"\n  value: 1\n```\n")
        #expect(found.count == 1 && found[0].contains("needs a lab with a goal"), "\(found)")
    }

    @Test func claimsBeforeAnyLabAreRefused() {
        let noLab = "---\nid: first-steps\ntitle: T\nsummary: S\norder: 1\n---\n## A page\n\n"
            + "```claims\n- says: x\n  metric: val_loss\n  op: \"<\"\n  value: 1\n```\n"
        #expect(problems(in: noLab) == ["\(file):9: a claims block needs a lab on its page or on a page before it"])
    }

    @Test func fewerSeedsNeedAReason() {
        let found = problems(in: lesson(withClaims: """
            - says: the start does not depend on training
              metric: val_accuracy
              at: start
              seeds: [1]
              seeds_because: the fixed seed is the one the learner sees, and the claim is about that screen
              op: "<"
              value: 1
            """))
        #expect(found.isEmpty, "\(found)")
    }
}
