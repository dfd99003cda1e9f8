import Testing
@testable import BackpropWidgets

@Suite struct ThemeTests {
    @Test func eachDepthHasAStandardThemeAndThemesAreFoundByName() {
        #expect(Theme.standard(for: .indexed256).name == "dark")
        #expect(Theme.standard(for: .basic8).name == "basic")
        #expect(Theme.standard(for: .monochrome).name == "mono")
        #expect(Theme.named("projector")?.depth == .basic8)
        #expect(Theme.named("sepia") == nil)
    }

    @Test func monochromeUsesNoColourAtAll() {
        for role in ThemeRole.allCases {
            #expect(Theme.monochrome[role].foreground == .terminalDefault)
            #expect(Theme.monochrome[role].background == .terminalDefault)
        }
        #expect(Theme.monochrome.focus.attributes.contains(.reverse))
    }

    @Test func trainAndTestSeriesDifferInEveryColourTheme() {
        for theme in Theme.all where theme.distinguishesByColor {
            #expect(theme.trainSeries != theme.testSeries, "\(theme.name)")
            #expect(theme.positive != theme.negative, "\(theme.name)")
        }
    }

    @Test func onlyThe256ColourThemeHasAHalfBlockRamp() {
        #expect(Theme.dark256.divergingRamp.count == 13)
        #expect(Theme.basic8.divergingRamp.isEmpty && Theme.highContrast.divergingRamp.isEmpty)
    }
}
