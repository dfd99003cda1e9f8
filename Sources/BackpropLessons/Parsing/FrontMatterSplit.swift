/// A lesson file cut into its front matter (between the first two `---` lines) and its
/// Markdown body, with the file line each part starts on.
struct FrontMatterSplit {
    let frontMatter: String
    let frontMatterFirstLine: Int
    let body: String
    /// Lines before the body: body line n is file line n + bodyLineOffset.
    let bodyLineOffset: Int

    /// nil when the file does not open with a `---` line closed by another `---` line.
    init?(_ contents: String) {
        let lines = contents.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.first?.trimmingTrailingWhitespace == "---",
              let closing = lines.indices.dropFirst().first(where: { ["---", "..."].contains(lines[$0].trimmingTrailingWhitespace) })
        else { return nil }
        frontMatter = lines[1..<closing].joined(separator: "\n")
        frontMatterFirstLine = 2
        body = lines[(closing + 1)...].joined(separator: "\n")
        bodyLineOffset = closing + 1
    }
}

private extension Substring {
    var trimmingTrailingWhitespace: Substring {
        var text = self
        while text.last?.isWhitespace == true { text = text.dropLast() }
        return text
    }
}
