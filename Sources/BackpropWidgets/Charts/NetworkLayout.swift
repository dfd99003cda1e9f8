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
        let tallest = max(1, layers.max() ?? 1)
        // The tallest boxes (up to 3 rows) that fit with a blank row between
        // neighbours, unless dropping the gaps fits taller ones: a neuron's heatmap
        // needs its pixels more than the blank rows; failing all, 1-row boxes.
        let withGaps = (1...3).reversed().first { tallest * $0 + tallest - 1 <= usable.height }
        let withoutGaps = (1...3).reversed().first { tallest * $0 <= usable.height }
        switch (withGaps, withoutGaps) {
        case (let gapped?, let tight?) where tight > gapped: (boxHeight, rowGap) = (tight, 0)
        case (let gapped?, _): (boxHeight, rowGap) = (gapped, 1)
        case (nil, let tight?): (boxHeight, rowGap) = (tight, 0)
        case (nil, nil): (boxHeight, rowGap) = (1, 0)
        }
        let columns = layers.count
        // Half-block pixels are about square, so a box twice as wide as tall shows a square plane.
        let minimumGap = 6
        let roomPerColumn = columns > 1 ? (usable.width - minimumGap * (columns - 1)) / columns : usable.width
        let width = max(1, min(2 * boxHeight, roomPerColumn))
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
