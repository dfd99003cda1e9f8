import Foundation

/// Splits a lesson's Markdown into pages at its `## ` headings and reads each page's lab
/// block. Block lines are the body's; `bodyLineOffset` turns them into file lines.
struct PageReader {
    let limits: LessonLimits
    let validator: LabValidator
    let claimValidator: ClaimValidator
    let bodyLineOffset: Int

    private struct Draft {
        var title: String
        var line: Int
        var blocks: [MarkdownBlock] = []
        var lab: Lab?
        /// The page's `claims` blocks, read once every lab is known.
        var claimBlocks: [(text: String, line: Int)] = []
    }

    func pages(in blocks: [MarkdownBlock], problems: inout ProblemList) -> [LessonPage] {
        var drafts: [Draft] = []
        var reportedStrayText = false
        var labCount = 0
        for block in blocks {
            let line = block.line + bodyLineOffset
            switch block.kind {
            case .heading(let level, let inlines) where level <= 2:
                if level == 1 {
                    problems.add(line: line, "'# ' headings are not used: the title comes from the front matter, and '## ' starts a page")
                    continue
                }
                let title = MarkdownInline.plainText(inlines).trimmingCharacters(in: .whitespaces)
                if title.isEmpty { problems.add(line: line, "a page heading needs a title") }
                if title.count > limits.titleCharacters {
                    problems.add(line: line, "page title is \(title.count) characters; at most \(limits.titleCharacters) are allowed")
                }
                drafts.append(Draft(title: title, line: line))
                if drafts.count == limits.pages + 1 {
                    problems.add(line: line, "more than \(limits.pages) pages; split the lesson")
                }
            case .code(let info, let text) where Self.isLab(info):
                labCount += 1
                guard labCount <= limits.labs else {
                    if labCount == limits.labs + 1 { problems.add(line: line, "more than \(limits.labs) labs in one lesson") }
                    continue
                }
                guard !drafts.isEmpty else {
                    problems.add(line: line, "a lab block must come after a page's '## ' heading")
                    continue
                }
                if drafts[drafts.count - 1].lab != nil {
                    problems.add(line: line, "a page holds one lab; start a new '## ' page for this one")
                    continue
                }
                drafts[drafts.count - 1].lab = readLab(text, fenceLine: line, problems: &problems)
            case .code(let info, let text) where Self.isClaims(info):
                guard !drafts.isEmpty else {
                    problems.add(line: line, "a claims block must come after a page's '## ' heading")
                    continue
                }
                drafts[drafts.count - 1].claimBlocks.append((text, line))
            default:
                reportNestedLabs(in: block, problems: &problems)
                if drafts.isEmpty {
                    if !reportedStrayText {
                        problems.add(line: line, "text before the first '## ' heading; every page starts with one")
                        reportedStrayText = true
                    }
                    continue
                }
                drafts[drafts.count - 1].blocks.append(block)
            }
        }
        if drafts.isEmpty { problems.add(line: bodyLineOffset + 1, "the lesson has no pages; start each page with a '## ' heading") }
        let claims = readClaims(of: drafts, problems: &problems)
        return drafts.prefix(limits.pages).enumerated().map { index, draft in
            LessonPage(title: draft.title, body: MarkdownDocument(blocks: draft.blocks), lab: draft.lab, line: draft.line,
                       claims: claims[index])
        }
    }

    static func isLab(_ info: String) -> Bool {
        info.split(separator: " ").first == "lab"
    }

    static func isClaims(_ info: String) -> Bool {
        info.split(separator: " ").first == "claims"
    }

    /// Each page's claims, about the lab beside the page: its own, else the latest before it.
    private func readClaims(of drafts: [Draft], problems: inout ProblemList) -> [[Claim]] {
        var latestLab: Lab?
        var total = 0
        return drafts.map { draft in
            latestLab = draft.lab ?? latestLab
            return draft.claimBlocks.flatMap { text, fenceLine -> [Claim] in
                if text.split(separator: "\n").contains(where: { $0.hasPrefix("## ") }) {
                    problems.add(line: fenceLine, "this claims block is not closed: put a line of ``` after its last claim, before the next '## ' page")
                    return []
                }
                do throws(YAMLBlock.Problem) {
                    let block = try YAMLBlock(text: text, firstLine: fenceLine + 1, limits: limits)
                    var claims = ClaimReader.read(block, lab: latestLab, fenceLine: fenceLine, limits: limits, problems: &problems)
                    if total + claims.count > limits.claims {
                        problems.add(line: fenceLine, "more than \(limits.claims) claims in one lesson")
                        claims = Array(claims.prefix(max(0, limits.claims - total)))
                    }
                    total += claims.count
                    for claim in claims { claimValidator.check(claim, problems: &problems) }
                    return claims
                } catch {
                    problems.add(line: error.line, error.message)
                    return []
                }
            }
        }
    }

    private func readLab(_ text: String, fenceLine: Int, problems: inout ProblemList) -> Lab? {
        // Without its closing fence a lab swallows the rest of the file, pages included.
        if text.split(separator: "\n").contains(where: { $0.hasPrefix("## ") }) {
            problems.add(line: fenceLine, "this lab block is not closed: put a line of ``` after its last key, before the next '## ' page")
            return nil
        }
        do {
            let block = try YAMLBlock(text: text, firstLine: fenceLine + 1, limits: limits)
            guard let lab = LabReader.read(block, fenceLine: fenceLine, problems: &problems) else { return nil }
            validator.check(lab, problems: &problems)
            return lab
        } catch {
            problems.add(line: error.line, error.message)
            return nil
        }
    }

    private func reportNestedLabs(in block: MarkdownBlock, problems: inout ProblemList) {
        switch block.kind {
        case .code(let info, _) where Self.isLab(info) || Self.isClaims(info):
            problems.add(line: block.line + bodyLineOffset, "a \(Self.isLab(info) ? "lab" : "claims") block must not be inside a list or a quote")
        case .list(_, _, let items):
            for child in items.joined() { reportNestedLabs(in: child, problems: &problems) }
        case .quote(let children):
            for child in children { reportNestedLabs(in: child, problems: &problems) }
        default:
            break
        }
    }
}
