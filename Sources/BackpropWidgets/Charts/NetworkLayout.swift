/// Where each neuron box of a network diagram goes: columns spread evenly across
/// the area, each column centred vertically, boxes shrunk when space is short.
struct NetworkLayout {
    let boxWidth: Int
    let boxHeight: Int
    let rowGap: Int
    private let columnX: [Int]
    private let columnTop: [Int]

    init(layers: [Int], leftLabelWidth: Int, rightLabelWidth: Int, area: Rect) {
        let usable = Rect(x: area.x + leftLabelWidth, y: area.y, width: area.width - leftLabelWidth - rightLabelWidth, height: area.height)
        let tallest = layers.max() ?? 1
        // Prefer 2-row boxes with a blank row between; give up the gap, then the height.
        if tallest * 3 - 1 <= usable.height {
            (boxHeight, rowGap) = (2, 1)
        } else if tallest * 2 <= usable.height {
            (boxHeight, rowGap) = (2, 0)
        } else {
            (boxHeight, rowGap) = (1, tallest * 2 - 1 <= usable.height ? 1 : 0)
        }
        let columns = layers.count
        let preferredWidth = 4
        let minimumGap = 3
        let width = columns > 1 ? max(1, min(preferredWidth, (usable.width - minimumGap * (columns - 1)) / columns)) : min(preferredWidth, usable.width)
        let spare = usable.width - width * columns
        boxWidth = width
        columnX = (0..<columns).map { index in
            columns > 1 ? usable.x + index * width + spare * index / (columns - 1) : usable.x + spare / 2
        }
        let (height, gap) = (boxHeight, rowGap)
        columnTop = layers.map { count in
            let needed = count * height + max(0, count - 1) * gap
            return usable.y + max(0, (usable.height - needed) / 2)
        }
    }

    func box(layer: Int, neuron: Int) -> Rect {
        Rect(x: columnX[layer], y: columnTop[layer] + neuron * (boxHeight + rowGap), width: boxWidth, height: boxHeight)
    }
}
