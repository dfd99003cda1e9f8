import BackpropData
import BackpropWidgets

/// The autoencoder lesson's four views: test images beside their reconstructions, the codes
/// on a plane coloured (and lettered) by class, an image decoded from a point the learner
/// moves, and each class's reconstruction error with the held-out class marked.
enum AutoencoderViews {
    /// One letter per Fashion-MNIST class, so classes stay apart without colour.
    static let classLetters: [Character] = ["T", "R", "P", "D", "C", "S", "H", "N", "B", "A"]
    static let shortNames = ["top", "trouser", "pullover", "dress", "coat", "sandal", "shirt", "sneaker", "bag", "boot"]

    static func reconstructions(_ snapshot: SessionSnapshot, suffix: String, in area: Rect, buffer: inout CellBuffer, theme: Theme) {
        let autoencoder = snapshot.autoencoder
        // With noise, how much closer to the clean image the output is than the noisy input.
        let gain = autoencoder.noise > 0 && autoencoder.denoisingGain.isFinite
            ? String(format: " · noisy/out error %.2f×", autoencoder.denoisingGain) : ""
        let title = Panel.fittedTitle(["Test images and their reconstructions" + gain, "Reconstructions" + gain, "Reconstructions"],
                                      suffix: suffix, in: area)
        let inside = Panel(title: title).render(in: area, buffer: &buffer, theme: theme)
        guard !autoencoder.gallery.isEmpty else {
            return _ = buffer.writeFitted("passing test images through the network…", x: inside.x, y: inside.y, style: theme.dimText, clip: inside)
        }
        let noisy = autoencoder.noise > 0
        let rows: [(label: String, image: (ReconstructedImage) -> ValueGrid)] =
            [("in", \.original)] + (noisy ? [("noisy", \.input)] : []) + [("out", \.reconstruction)]
        let labelWidth = noisy ? 6 : 4
        // The widest images that fit every row and a caption line with three images side by
        // side (a pair alone says little about what survives the code), at least 8 columns each.
        let captionLines = 1
        var imageWidth = 28, count = autoencoder.gallery.count
        while imageWidth > 8 && (rows.count * (imageWidth + 1) / 2 + captionLines > inside.height
                                 || min(3, count) * (imageWidth + 1) > inside.width - labelWidth + 1) {
            imageWidth -= 1
        }
        count = max(1, min(count, (inside.width - labelWidth + 1) / (imageWidth + 1)))
        let imageHeight = (imageWidth + 1) / 2
        for (rowIndex, row) in rows.enumerated() {
            let y = inside.y + rowIndex * imageHeight
            guard y + imageHeight <= inside.y + inside.height else { break }
            buffer.writeFitted(row.label, x: inside.x, y: y + imageHeight / 2, style: theme.dimText, clip: inside)
            for (index, image) in autoencoder.gallery.prefix(count).enumerated() {
                let rect = Rect(x: inside.x + labelWidth + index * (imageWidth + 1), y: y, width: imageWidth, height: imageHeight)
                GreyImage(grid: row.image(image), range: 0...1).render(in: rect.intersection(inside), buffer: &buffer, theme: theme)
            }
        }
        let captionY = inside.y + rows.count * imageHeight
        guard captionY < inside.y + inside.height else { return }
        for (index, image) in autoencoder.gallery.prefix(count).enumerated() {
            let x = inside.x + labelWidth + index * (imageWidth + 1)
            buffer.write(String(shortNames[image.label].prefix(imageWidth)), x: x, y: captionY, style: theme.dimText, clip: inside)
        }
    }

    static func latent(_ snapshot: SessionSnapshot, suffix: String, in area: Rect, buffer: inout CellBuffer, theme: Theme) {
        let autoencoder = snapshot.autoencoder
        let plane = autoencoder.bottleneck == 2 ? "Latent plane" : "Code numbers 1 and 2 of \(autoencoder.bottleneck)"
        let inside = Panel(title: Panel.fittedTitle([plane + " · test images by class", plane], suffix: suffix, in: area))
            .render(in: area, buffer: &buffer, theme: theme)
        guard !autoencoder.points.isEmpty else {
            return _ = buffer.writeFitted("encoding test images…", x: inside.x, y: inside.y, style: theme.dimText, clip: inside)
        }
        let separation = autoencoder.latentSeparation.isFinite ? "\(Int((autoencoder.latentSeparation * 100).rounded()))%" : "–"
        buffer.writeFitted(TextFit.first(of: ["trousers, bags, footwear among their own kind: \(separation)",
                                              "R, B, S+N+A apart: \(separation)", separation], width: inside.width),
                           x: inside.x, y: inside.y, style: theme.dimText, clip: inside)
        let legend = legendLines(width: inside.width, heldOut: autoencoder.heldOutClass)
        let plot = Rect(x: inside.x, y: inside.y + 1, width: inside.width, height: inside.height - 1 - legend.count)
        scatter(autoencoder, in: plot, buffer: &buffer, theme: theme)
        drawLegend(legend, y: plot.y + plot.height, inside: inside, buffer: &buffer, theme: theme)
    }

    static func decoder(_ snapshot: SessionSnapshot, suffix: String, in area: Rect, buffer: inout CellBuffer, theme: Theme) {
        let autoencoder = snapshot.autoencoder
        let inside = Panel(title: Panel.fittedTitle(["Decoding a point of the plane", "Decoder"], suffix: suffix, in: area))
            .render(in: area, buffer: &buffer, theme: theme)
        guard let decoded = autoencoder.decoded else {
            return _ = buffer.writeFitted("decoding the centre of the plane…", x: inside.x, y: inside.y, style: theme.dimText, clip: inside)
        }
        let imageWidth = min(28, max(8, inside.width * 2 / 5))
        let image = GreyImage(grid: decoded.image, range: 0...1)
        let size = image.fittedSize(in: Rect(x: 0, y: 0, width: imageWidth, height: inside.height - 2))
        let planeArea = Rect(x: inside.x, y: inside.y, width: inside.width - size.width - 1, height: inside.height)
        scatter(autoencoder, in: planeArea, buffer: &buffer, theme: theme, dim: true)
        let cursor = cursorCell(decoded, in: planeArea)
        buffer.put("+", x: cursor.x, y: cursor.y, style: Style(attributes: [.reverse, .bold]), clip: planeArea)
        let imageX = inside.x + inside.width - size.width
        image.render(in: Rect(x: imageX, y: inside.y, width: size.width, height: size.height), buffer: &buffer, theme: theme)
        let info = Rect(x: imageX, y: inside.y + size.height, width: size.width, height: inside.height - size.height)
        // One coordinate a line: a pane as narrow as the image must not cut a number short.
        buffer.writeFitted(String(format: "x %.2f", decoded.x), x: info.x, y: info.y, style: theme.text, clip: info)
        buffer.writeFitted(String(format: "y %.2f", decoded.y), x: info.x, y: info.y + 1, style: theme.text, clip: info)
        if autoencoder.bottleneck > 2 {
            buffer.writeFitted("rest: mean", x: info.x, y: info.y + 2, style: theme.dimText, clip: info)
        }
    }

    static func anomaly(_ snapshot: SessionSnapshot, suffix: String, in area: Rect, buffer: inout CellBuffer, theme: Theme) {
        let autoencoder = snapshot.autoencoder
        let inside = Panel(title: Panel.fittedTitle(["Reconstruction error per class (anomaly score)", "Error per class"], suffix: suffix, in: area))
            .render(in: area, buffer: &buffer, theme: theme)
        let errors = autoencoder.classErrors
        guard !errors.isEmpty else {
            return _ = buffer.writeFitted("measuring each class's error…", x: inside.x, y: inside.y, style: theme.dimText, clip: inside)
        }
        var top = inside.y
        if let heldOut = autoencoder.heldOutClass, errors.indices.contains(heldOut) {
            let others = errors.indices.filter { $0 != heldOut }.map { errors[$0] }
            let ratio = errors[heldOut] / (others.reduce(0, +) / Double(max(others.count, 1)))
            buffer.writeFitted(TextFit.first(of: [String(format: "held out: %@, %.1f× the mean of the others", shortNames[heldOut], ratio),
                                                  String(format: "%@ %.1f× the others", shortNames[heldOut], ratio)], width: inside.width),
                               x: inside.x, y: top, style: theme.text, clip: inside)
        } else {
            buffer.writeFitted("every class trained on (no holdout)", x: inside.x, y: top, style: theme.dimText, clip: inside)
        }
        top += 1
        let largest = errors.filter(\.isFinite).max() ?? 0
        let order = errors.indices.sorted { errors[$0] > errors[$1] }
        let nameWidth = 9, valueWidth = 7
        let barWidth = max(1, inside.width - nameWidth - valueWidth - 2)
        for (row, label) in order.enumerated() {
            let y = top + row
            guard y < inside.y + inside.height else { break }
            let heldOut = label == autoencoder.heldOutClass
            let style = heldOut ? theme.warning : theme.text
            buffer.write((heldOut ? "▶" : " ") + shortNames[label], x: inside.x, y: y, style: style, clip: inside)
            let filled = largest > 0 ? Int((errors[label] / largest * Double(barWidth)).rounded()) : 0
            buffer.write(String(repeating: "█", count: max(0, filled)), x: inside.x + nameWidth, y: y, style: heldOut ? theme.warning : theme.accent, clip: inside)
            buffer.write(String(format: "%.4f", errors[label]), x: inside.x + inside.width - valueWidth + 1, y: y, style: style, clip: inside)
        }
    }

    /// The points as their class letters, one per cell: the class with the most points in it.
    private static func scatter(_ autoencoder: AutoencoderSnapshot, in area: Rect, buffer: inout CellBuffer, theme: Theme, dim: Bool = false) {
        guard area.width > 0, area.height > 0 else { return }
        var counts: [Int: [Int]] = [:]
        for point in autoencoder.points {
            guard let cell = cell(x: point.x, y: point.y, plane: autoencoder.plane, in: area) else { continue }
            counts[cell.y * area.width + cell.x, default: [Int](repeating: 0, count: classLetters.count)][point.label] += 1
        }
        for (key, perClass) in counts {
            let label = perClass.indices.max { perClass[$0] < perClass[$1] }!
            var style = theme.classColors.isEmpty ? theme.text : Style(foreground: theme.classColors[label % theme.classColors.count])
            if label == autoencoder.heldOutClass { style.attributes.insert(.bold) }
            if dim { style = theme.distinguishesByColor ? style : theme.dimText }
            buffer.put(classLetters[label], x: area.x + key % area.width, y: area.y + key / area.width, style: style)
        }
    }

    private static func cell(x: Float, y: Float, plane: LatentPlane, in area: Rect) -> (x: Int, y: Int)? {
        let u = (x - plane.x.lowerBound) / (plane.x.upperBound - plane.x.lowerBound)
        let v = (plane.y.upperBound - y) / (plane.y.upperBound - plane.y.lowerBound)
        guard u.isFinite, v.isFinite, (0...1).contains(u), (0...1).contains(v) else { return nil }
        return (min(area.width - 1, Int(u * Float(area.width))), min(area.height - 1, Int(v * Float(area.height))))
    }

    private static func cursorCell(_ decoded: DecodedPoint, in area: Rect) -> (x: Int, y: Int) {
        let last = Double(DecoderGrid.size - 1)
        return (area.x + Int((Double(decoded.column) / last * Double(max(area.width - 1, 0))).rounded()),
                area.y + Int((Double(decoded.row) / last * Double(max(area.height - 1, 0))).rounded()))
    }

    /// "T top  R trouser …" wrapped to the width; the held-out class says so.
    static func legendLines(width: Int, heldOut: Int?) -> [[(label: Int, text: String)]] {
        var lines: [[(label: Int, text: String)]] = [[]]
        var used = 0
        for label in classLetters.indices {
            let text = "\(classLetters[label]) \(shortNames[label])" + (label == heldOut ? " (held out)" : "")
            if used > 0 && used + 1 + text.count > width {
                lines.append([])
                used = 0
            }
            lines[lines.count - 1].append((label, text))
            used += (used > 0 ? 1 : 0) + text.count
        }
        return lines
    }

    private static func drawLegend(_ lines: [[(label: Int, text: String)]], y: Int, inside: Rect, buffer: inout CellBuffer, theme: Theme) {
        for (row, line) in lines.enumerated() {
            var x = inside.x
            for entry in line {
                let color = theme.classColors.isEmpty ? theme.text : Style(foreground: theme.classColors[entry.label % theme.classColors.count])
                buffer.put(classLetters[entry.label], x: x, y: y + row, style: color, clip: inside)
                buffer.write(entry.text.dropFirst(), x: x + 1, y: y + row, style: theme.dimText, clip: inside)
                x += entry.text.count + 1
            }
        }
    }
}
