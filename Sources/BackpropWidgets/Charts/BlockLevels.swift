/// Eighth-block characters for drawing bars finer than one cell.
enum BlockLevels {
    /// Lower blocks by height in eighths: index 0 is empty, 8 is a full cell.
    static let vertical: [Character] = [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
    /// Left blocks by width in eighths: index 0 is empty, 8 is a full cell.
    static let horizontal: [Character] = [" ", "▏", "▎", "▍", "▌", "▋", "▊", "▉", "█"]
}
