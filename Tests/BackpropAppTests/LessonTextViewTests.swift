@testable import BackpropApp
import BackpropLessons
import BackpropWidgets
import Testing

/// Lesson text drawn into a buffer: wrapped lines from the scroll offset, styles by role.
@Suite struct LessonTextViewTests {
    static let document = MarkdownDocument(markdown: """
        A **neuron** adds `w·x` and a bias.

        > One line only.

        - first
        - second
        """)

    @Test func drawsTheLinesFromTheFirstShown() {
        var buffer = CellBuffer(width: 24, height: 5)
        let lines = Self.document.lines(width: 22)
        LessonTextView(lines: lines, firstLine: 0).render(in: Rect(x: 1, y: 0, width: 22, height: 5), buffer: &buffer, theme: .monochrome)
        #expect(buffer.lines == [
            " A neuron adds w·x and",
            " a bias.",
            "",
            " │ One line only.",
            "",
        ])
        buffer = CellBuffer(width: 24, height: 2)
        LessonTextView(lines: lines, firstLine: 5).render(in: Rect(x: 1, y: 0, width: 22, height: 2), buffer: &buffer, theme: .monochrome)
        #expect(buffer.lines == [
            " • first",
            " • second",
        ])
    }

    @Test func spanStylesMapToThemeRoles() {
        let theme = Theme.dark256
        var buffer = CellBuffer(width: 24, height: 1)
        LessonTextView(lines: Self.document.lines(width: 24), firstLine: 0).render(in: Rect(x: 0, y: 0, width: 24, height: 1), buffer: &buffer, theme: theme)
        #expect(buffer[0, 0].style == theme.text)
        #expect(buffer[2, 0].style == theme.text.adding(.bold), "strong")
        #expect(buffer[15, 0].style == theme.accent, "code")
        #expect(LessonTextView.style([.heading], in: .heading(level: 3), theme: theme) == theme.accent.adding(.bold))
        #expect(LessonTextView.style([.muted], in: .callout, theme: theme) == theme.dimText)
        #expect(LessonTextView.style([.emphasis], in: .body, theme: theme) == theme.text.adding(.underline))
    }
}
