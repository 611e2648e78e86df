import CBlackhole

/// The cpu-bound scenario's kernel, the same work as Python's
/// `sum(i * i for i in range(n))`: n multiply-adds, exact in 128 bits.
public enum SumOfSquares {
    /// One task. The counter passes through `pyvs_opaque` on every step, so
    /// the optimiser cannot replace the loop by the closed form
    /// n(n-1)(2n-1)/6 (it does that to the plain loop); time grows with n.
    @inline(never)
    public static func task(n: Int) -> UInt128 {
        var total: UInt128 = 0
        var i: UInt = 0
        let end = UInt(max(n, 0))
        while i < end {
            let value = UInt128(pyvs_opaque(i))
            total &+= value &* value
            i &+= 1
        }
        return total
    }

    /// The closed form, for checking results (never used as the work).
    public static func expected(n: Int, tasks: Int) -> UInt128 {
        guard n > 0 else { return 0 }
        let m = UInt128(n)
        return UInt128(tasks) * ((m - 1) * m * (2 * m - 1) / 6)
    }
}
