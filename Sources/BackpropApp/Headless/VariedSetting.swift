/// One `--vary KEY=V1,V2,...` of `backprop compare`: a setting key and the values to try, in
/// the order given. Values are separated by commas, or by `/` when the list holds one, so that
/// keys whose own values are comma lists can be varied too (`--vary hidden=4,2/8,8`).
struct VariedSetting: Equatable {
    let key: SettingKey
    let values: [String]

    /// Parses `text`, or says what is wrong: no `=`, an unknown key, no values, an empty value,
    /// or a value given twice (refused rather than trained twice).
    init(parsing text: String) throws(SettingError) {
        guard let equals = text.firstIndex(of: "=") else {
            throw SettingError("--vary expects KEY=V1,V2,..., got '\(text)'")
        }
        let name = String(text[..<equals]).trimmingWhitespace
        guard let key = SettingKey(rawValue: name) else {
            throw SettingError("unknown --vary key '\(name)'; accepted keys: \(SettingKey.acceptedKeys)")
        }
        let list = text[text.index(after: equals)...]
        let separator: Character = list.contains("/") ? "/" : ","
        let values = list.split(separator: separator, omittingEmptySubsequences: false).map { String($0).trimmingWhitespace }
        guard !values.allSatisfy(\.isEmpty) else {
            throw SettingError("--vary \(name)= gives no values; expected \(name)=V1,V2,... with each value \(key.accepted)")
        }
        if values.contains(where: \.isEmpty) {
            throw SettingError("--vary \(name)=\(list) has an empty value; separate the values with single commas")
        }
        if let repeated = values.enumerated().first(where: { values[..<$0.offset].contains($0.element) })?.element {
            throw SettingError("--vary \(name) gives the value '\(repeated)' twice; each variant is trained once")
        }
        self.key = key
        self.values = values
    }
}

/// One configuration a comparison trains: the value each varied key takes in it.
struct Variant: Equatable {
    struct Choice: Equatable {
        let key: SettingKey
        let value: String
    }

    let choices: [Choice]

    /// Every combination of the varied settings' values, the first key's values outermost.
    static func grid(_ varied: [VariedSetting]) -> [Variant] {
        varied.reduce([Variant(choices: [])]) { variants, setting in
            variants.flatMap { variant in setting.values.map { Variant(choices: variant.choices + [Choice(key: setting.key, value: $0)]) } }
        }
    }

    /// The `--set` assignments that make this variant from the comparison's other settings.
    var assignments: [String] { choices.map { "\($0.key.rawValue)=\($0.value)" } }

    /// For people: `lr = 0.3`, or `lr = 0.3, batch = 10` in a grid.
    var label: String { choices.map { "\($0.key.rawValue) = \($0.value)" }.joined(separator: ", ") }

    /// The start of this variant's metrics file names (`lr=0.3`): only letters, digits and
    /// `=,.+-_` survive and no two dots stand together, so a value can never name another folder.
    var fileStem: String {
        let allowed = Set("=,.+-_")
        var stem = String(assignments.joined(separator: ",").map { $0.isASCII && ($0.isLetter || $0.isNumber || allowed.contains($0)) ? $0 : "_" })
        while stem.contains("..") { stem = stem.replacingOccurrences(of: "..", with: "_") }
        // `.seedN.csv` follows: a last dot would make two.
        if stem.hasSuffix(".") { stem = stem.dropLast() + "_" }
        return stem
    }
}
