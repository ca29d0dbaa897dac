import EltopApp
import XCTest

/// `eltop demo`'s flags are checked before anything starts, each refusal in one line that says what works.
final class DemoOptionsTests: XCTestCase {
    func testTheDefaultsAreValid() {
        XCTAssertNil(DemoOptions().problem)
    }

    func testAScaleBelowOneOrAboveTheMaximumIsRefused() {
        for scale in [0, -1, DemoOptions.maximumScale + 1] {
            var options = DemoOptions()
            options.scale = scale
            XCTAssertNotNil(options.problem, "scale \(scale)")
            XCTAssertTrue(options.problem?.contains("--scale") ?? false)
        }
        var largest = DemoOptions()
        largest.scale = DemoOptions.maximumScale
        XCTAssertNil(largest.problem)
    }

    func testNegativeTrafficIsRefused() {
        var options = DemoOptions()
        options.traffic = -3
        XCTAssertEqual(options.problem, "--traffic must be 0 (off) or a positive number of transactions per second, not -3")
    }

    func testDownTakesNoOtherDemoFlag() {
        var options = DemoOptions()
        options.down = true
        XCTAssertNil(options.problem)
        options.fresh = true
        XCTAssertEqual(options.problem, "--down only stops the demo; it takes no other demo flag")
    }
}
