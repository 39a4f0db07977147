import MPIModel

/// Guest-ABI and host values of each value domain's constants, both ways.
public struct ValueDomains: Sendable {
    @usableFromInline typealias Pair = (guest: Int64, host: Int64)

    /// Each domain's constants as (guest, host) pairs, indexed by the domain's ordinal: a
    /// handful per domain, found by a linear scan (an MPI_PROC_NULL or MPI_ANY_SOURCE on every
    /// halo exchange costs no hashing). The first pair of a value wins, both ways.
    @usableFromInline let pairs: [[Pair]]
    /// Per domain: whether every constant is negative on both sides, so that values >= 0 (the
    /// ranks and tags of nearly every call) pass unchanged without a scan.
    @usableFromInline let onlyNegativeConstants: [Bool]

    public init(constants: HostConstants) {
        precondition(ValueDomain.allCases.enumerated().allSatisfy { Self.ordinal($1) == $0 }, "ValueDomain's ordinals are its case order")
        pairs = ValueDomain.allCases.map { domain in
            constants.entries.filter { $0.type == "int" && domain.contains($0.name) }.map { ($0.guest, Int64(bitPattern: $0.host)) }
        }
        onlyNegativeConstants = pairs.map { $0.allSatisfy { $0.guest < 0 && $0.host < 0 } }
    }

    /// The domain's position in `ValueDomain.allCases` (a payload-free enum is its case index;
    /// `init` checks it).
    @usableFromInline @inline(__always)
    static func ordinal(_ domain: ValueDomain) -> Int { Int(unsafeBitCast(domain, to: UInt8.self)) }

    /// The host's value for a guest value: a constant of the domain translated, anything else
    /// (a rank, a count, a user's error code) unchanged; bitmasks bit by bit.
    @inlinable @inline(__always)
    public func toHost(_ value: Int64, _ domain: ValueDomain) -> Int64 {
        let ordinal = Self.ordinal(domain)
        if value >= 0, onlyNegativeConstants[ordinal] { return value }
        return translateToHost(value, domain)
    }

    @inlinable @inline(__always)
    public func toGuest(_ value: Int64, _ domain: ValueDomain) -> Int64 {
        let ordinal = Self.ordinal(domain)
        if value >= 0, onlyNegativeConstants[ordinal] { return value }
        return translateToGuest(value, domain)
    }

    /// The host's value for an input of a closed domain (`ValueDomain.isClosed`): one of the
    /// domain's guest constants translated, any other value `notAHostConstant`, which no host
    /// takes for one of its own: the host refuses it with its own class, after its own checks
    /// of the other arguments (both check a null datatype before an order, for instance).
    public func closedToHost(_ value: Int64, _ domain: ValueDomain) -> Int64 {
        pairs[Self.ordinal(domain)].first { $0.guest == value }?.host ?? Self.notAHostConstant
    }

    /// Int32.min: no constant of either host, nor their MPI_UNDEFINED.
    public static let notAHostConstant = Int64(Int32.min)

    @usableFromInline
    func translateToHost(_ value: Int64, _ domain: ValueDomain) -> Int64 {
        let domainPairs = pairs[Self.ordinal(domain)]
        if domain.isBitmask { return Self.translateBits(value, domainPairs.map { ($0.guest, $0.host) }) }
        return domainPairs.first { $0.guest == value }?.host ?? value
    }

    @usableFromInline
    func translateToGuest(_ value: Int64, _ domain: ValueDomain) -> Int64 {
        let domainPairs = pairs[Self.ordinal(domain)]
        if domain.isBitmask { return Self.translateBits(value, domainPairs.map { ($0.host, $0.guest) }) }
        return domainPairs.first { $0.host == value }?.guest ?? value
    }

    static func translateBits(_ value: Int64, _ pairs: [(from: Int64, to: Int64)]) -> Int64 {
        var result: Int64 = 0, rest = value
        for (from, to) in pairs where from != 0 && value & from == from {
            result |= to
            rest &= ~from
        }
        return result | rest
    }
}
