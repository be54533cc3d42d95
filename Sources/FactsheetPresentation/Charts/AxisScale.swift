import Foundation

/// A linear count axis from zero with "nice" whole-number ticks (steps of 1, 2 or 5 × 10ⁿ, after Heckbert).
struct AxisScale: Sendable, Hashable {
    /// Tick values from 0 to ``top``, evenly spaced.
    let ticks: [Int]

    /// The axis end: the smallest tick at or above the largest value.
    var top: Int { ticks.last ?? 1 }

    /// Builds ticks covering `0…maximum` with about `target` intervals.
    init(maximum: Int, target: Int = 5) {
        guard maximum > 0 else {
            ticks = [0, 1]
            return
        }
        let raw = Double(maximum) / Double(max(1, target))
        let magnitude = pow(10, floor(log10(raw)))
        let fraction = raw / magnitude
        let nice: Double = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10
        let step = max(1, Int((nice * magnitude).rounded()))
        let top = (maximum + step - 1) / step * step
        ticks = Array(stride(from: 0, through: top, by: step))
    }

    /// Position of `value` as a fraction of the axis, 0…1.
    func fraction(_ value: Int) -> Double {
        Double(value) / Double(top)
    }
}
