/// The choices a fuzz target makes for one input, all derived from the input so that a saved
/// crash input replays exactly.
///
/// An input is `TEXT` or `TEXT NUL CONTROL`: the text to parse, and bytes that steer the
/// choices (libFuzzer mutates them like the rest; no YAML or JSON text holds a NUL). When the
/// control bytes run out, choices come from a generator seeded with a hash of the whole input,
/// so every seed file, which has no NUL, still gets varied edits.
struct FuzzChoices {
    private var control: ArraySlice<UInt8>
    private var state: UInt64

    /// The text part of `input` and the choices its control part and hash make.
    static func split(_ input: [UInt8]) -> (text: [UInt8], choices: FuzzChoices) {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in input { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3 }
        guard let separator = input.lastIndex(of: 0) else {
            return (input, FuzzChoices(control: [], state: hash))
        }
        return (Array(input[..<separator]), FuzzChoices(control: input[(separator + 1)...], state: hash))
    }

    /// A number in `0..<bound` (0 when `bound` is 0 or less).
    mutating func next(_ bound: Int) -> Int {
        guard bound > 1 else { return 0 }
        if let byte = control.popFirst() { return Int(byte) % bound }
        // splitmix64
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        mixed ^= mixed >> 31
        return Int(mixed % UInt64(bound))
    }

    /// True about `percent` times in a hundred.
    mutating func chance(_ percent: Int) -> Bool { next(100) < percent }

    /// One of `options`.
    mutating func pick<T>(_ options: [T]) -> T { options[next(options.count)] }
}
