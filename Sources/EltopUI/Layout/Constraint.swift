/// How much of a row or column one part of a layout asks for, in the manner of ratatui's `Layout`:
/// a fixed length, a ratio of the whole, or a weighted share of what the others leave; each with a
/// minimum it keeps while there is room.
public struct Constraint: Equatable, Sendable {
    public enum Kind: Equatable, Sendable {
        /// Exactly this many cells.
        case length(Int)
        /// `numerator / denominator` of the whole, rounded down.
        case ratio(Int, Int)
        /// A share of what is left after the lengths and ratios, by weight.
        case fill(Int)
    }

    public var kind: Kind
    /// Cells it gets before any fill is served.
    public var minimum: Int

    public static func length(_ cells: Int) -> Constraint { Constraint(kind: .length(max(0, cells)), minimum: max(0, cells)) }
    public static func ratio(_ numerator: Int, _ denominator: Int, min minimum: Int = 0) -> Constraint {
        Constraint(kind: .ratio(max(0, numerator), max(1, denominator)), minimum: max(0, minimum))
    }
    public static func fill(_ weight: Int = 1, min minimum: Int = 0) -> Constraint {
        Constraint(kind: .fill(max(1, weight)), minimum: max(0, minimum))
    }
    /// At least `cells`, growing like `fill(1)`.
    public static func min(_ cells: Int) -> Constraint { .fill(1, min: cells) }

    /// Sizes for `constraints` that add up to `total`.
    ///
    /// Lengths and ratios (each at least its minimum) and the fills' minimums come first; what is left
    /// goes to the fills by weight, the odd cells to the last fill, so two equal halves of an odd width
    /// put the extra column on the right. Without a fill the last part takes the rest. When even the
    /// first claims do not fit, the parts from the end give way, so the first parts stay whole.
    public static func sizes(_ constraints: [Constraint], total: Int) -> [Int] {
        guard !constraints.isEmpty else { return [] }
        let total = Swift.max(0, total)
        var sizes = constraints.map { constraint -> Int in
            switch constraint.kind {
            case .length(let cells): return cells
            case .ratio(let numerator, let denominator): return Swift.max(constraint.minimum, total * numerator / denominator)
            case .fill: return constraint.minimum
            }
        }
        var left = total - sizes.reduce(0, +)
        if left < 0 {
            for index in sizes.indices.reversed() where left < 0 {
                let give = Swift.min(sizes[index], -left)
                sizes[index] -= give
                left += give
            }
            return sizes
        }
        let fills = constraints.indices.compactMap { index -> (Int, Int)? in
            if case .fill(let weight) = constraints[index].kind { return (index, weight) }
            return nil
        }
        guard let lastFill = fills.last?.0 else {
            sizes[sizes.count - 1] += left
            return sizes
        }
        let weights = fills.map(\.1).reduce(0, +)
        var given = 0
        for (index, weight) in fills {
            let share = left * weight / weights
            sizes[index] += share
            given += share
        }
        sizes[lastFill] += left - given
        return sizes
    }
}

extension Rect {
    /// The rectangle cut into rows, top to bottom, sized by `constraints`.
    public func rows(_ constraints: [Constraint]) -> [Rect] {
        var y = self.y
        return Constraint.sizes(constraints, total: height).map { size in
            defer { y += size }
            return Rect(x: x, y: y, width: width, height: size)
        }
    }

    /// The rectangle cut into columns, left to right, sized by `constraints`.
    public func columns(_ constraints: [Constraint]) -> [Rect] {
        var x = self.x
        return Constraint.sizes(constraints, total: width).map { size in
            defer { x += size }
            return Rect(x: x, y: y, width: size, height: height)
        }
    }
}
