import Foundation
import Testing
@testable import BackpropData

@Suite struct InputFeatureTests {
    @Test func namesAndLabelsFollowThePlayground() {
        #expect(InputFeature.allCases.map(\.rawValue) == ["x1", "x2", "x1sq", "x2sq", "x1x2", "sinx1", "sinx2"])
        #expect(InputFeature.allCases.map(\.displayLabel) == ["X₁", "X₂", "X₁²", "X₂²", "X₁X₂", "sin(X₁)", "sin(X₂)"])
        #expect(InputFeature.defaults == [.x1, .x2])
    }

    @Test func valuesAtAPoint() {
        let values = PlaygroundData.featureValues(InputFeature.allCases, x1: 2, x2: -0.5)
        #expect(values == [2, -0.5, 4, 0.25, -1, Float(sin(2.0)), Float(sin(-0.5))])
    }

    @Test func parsesCommaSeparatedLists() throws {
        #expect(try InputFeature.parseList("x1, x2,sinx1") == [.x1, .x2, .sinx1])
        #expect(throws: PlaygroundSettingError.unknownFeature("x3")) { try InputFeature.parseList("x1,x3") }
        #expect(throws: PlaygroundSettingError.noFeatures) { try InputFeature.parseList(" , ") }
        #expect(PlaygroundSettingError.unknownFeature("x3").description.hasSuffix("x1, x2, x1sq, x2sq, x1x2, sinx1, sinx2"))
    }
}
