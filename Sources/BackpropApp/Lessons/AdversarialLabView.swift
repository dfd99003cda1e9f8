/// The views a GAN lab can show (`views:` in a lab block): D's field under the real and
/// generated points, and both losses.
enum AdversarialLabView: String, CaseIterable, Sendable {
    case field = "gan-field"
    case losses = "gan-losses"
}
