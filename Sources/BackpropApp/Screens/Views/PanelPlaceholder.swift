import BackpropWidgets

/// A view's panel before its data exists (or when the model has none to show): the title,
/// and one dim line saying what will appear or what to change.
func placeholderPanel(_ title: String, _ text: String, in area: Rect, buffer: inout CellBuffer, theme: Theme) {
    let inside = Panel(title: title).render(in: area, buffer: &buffer, theme: theme)
    buffer.writeFitted(text, x: inside.x, y: inside.y, style: theme.dimText, clip: inside)
}
