import Foundation
import Testing
@testable import BackpropEngine

@Suite("Optimizers on a two-parameter surface")
struct SurfaceDescentTests {
    @Test func sgdOnAQuadraticFollowsTheClosedForm() {
        // On f = (a x² + b y²)/2 one SGD step multiplies x by (1 − lr·a) and y by (1 − lr·b).
        let descent = SurfaceDescent(surface: .quadratic(a: 1, b: 10), kind: .sgd, learningRate: 0.05, start: (2, 1))
        for _ in 0..<20 { descent.step() }
        #expect(descent.path.count == 21)
        for (t, point) in descent.path.enumerated() {
            let x = 2 * pow(0.95, Double(t)), y = pow(0.5, Double(t))
            #expect(abs(Double(point.x) - x) < 1e-5 && abs(Double(point.y) - y) < 1e-6, "step \(t): \(point) vs (\(x), \(y))")
        }
    }

    @Test func adamsFirstStepIsTheLearningRateInEachCoordinate() {
        let descent = SurfaceDescent(surface: .quadratic(a: 1, b: 100), kind: .adam, learningRate: 0.1, start: (2, 1))
        descent.step()
        #expect(abs(descent.current.x - 1.9) < 1e-5 && abs(descent.current.y - 0.9) < 1e-5,
                "Adam divides by the gradient's size, so both coordinates move by lr whatever the slope")
    }

    @Test func rosenbrockGradientMatchesFiniteDifferences() {
        let surface = LossSurface.rosenbrock(k: 10)
        let (x, y): (Float, Float) = (-0.7, 0.4), h: Float = 1e-3
        let gradient = surface.gradient(x: x, y: y)
        let dx = (surface.value(x: x + h, y: y) - surface.value(x: x - h, y: y)) / (2 * h)
        let dy = (surface.value(x: x, y: y + h) - surface.value(x: x, y: y - h)) / (2 * h)
        #expect(abs(gradient.x - dx) < 1e-2 && abs(gradient.y - dy) < 1e-2)
    }

    @Test func aTooLargeRateDivergesAndStops() {
        let descent = SurfaceDescent(surface: .quadratic(a: 1, b: 10), kind: .sgd, learningRate: 1, start: (2, 1))
        for _ in 0..<200 { descent.step() }
        #expect(descent.hasDiverged)
        #expect(descent.path.count < 201, "no steps are taken past the overflow")
    }
}
