import MPIModel

/// Guest-ABI and host values of each value domain's constants, both ways.
public struct ValueDomains: Sendable {
    struct Maps: Sendable {
        var toHost: [Int64: Int64] = [:]
        var toGuest: [Int64: Int64] = [:]
        var bits: [(guest: Int64, host: Int64)] = []
    }

    private var maps: [ValueDomain: Maps] = [:]
    /// Whether every rank and tag constant is negative on both sides, so that values >= 0 (the
    /// ranks and tags of nearly every call) pass unchanged without a lookup.
    @usableFromInline let ranksAndTagsNegative: Bool

    public init(constants: HostConstants) {
        for domain in ValueDomain.allCases {
            var map = Maps()
            for entry in constants.entries where entry.type == "int" && domain.contains(entry.name) {
                let host = Int64(bitPattern: entry.host)
                map.toHost[entry.guest] = map.toHost[entry.guest] ?? host
                map.toGuest[host] = map.toGuest[host] ?? entry.guest
                map.bits.append((entry.guest, host))
            }
            maps[domain] = map
        }
        let rankAndTagConstants = (maps[.rank]?.bits ?? []) + (maps[.tag]?.bits ?? [])
        ranksAndTagsNegative = rankAndTagConstants.allSatisfy { $0.guest < 0 && $0.host < 0 }
    }

    /// The host's value for a guest value: a constant of the domain translated, anything else
    /// (a rank, a count, a user's error code) unchanged; bitmasks bit by bit.
    @inlinable @inline(__always)
    public func toHost(_ value: Int64, _ domain: ValueDomain) -> Int64 {
        if value >= 0, ranksAndTagsNegative, domain == .rank || domain == .tag { return value }
        return translateToHost(value, domain)
    }

    @inlinable @inline(__always)
    public func toGuest(_ value: Int64, _ domain: ValueDomain) -> Int64 {
        if value >= 0, ranksAndTagsNegative, domain == .rank || domain == .tag { return value }
        return translateToGuest(value, domain)
    }

    @usableFromInline
    func translateToHost(_ value: Int64, _ domain: ValueDomain) -> Int64 {
        guard let map = maps[domain] else { return value }
        if domain.isBitmask { return Self.translateBits(value, map.bits.map { ($0.guest, $0.host) }) }
        return map.toHost[value] ?? value
    }

    @usableFromInline
    func translateToGuest(_ value: Int64, _ domain: ValueDomain) -> Int64 {
        guard let map = maps[domain] else { return value }
        if domain.isBitmask { return Self.translateBits(value, map.bits.map { ($0.host, $0.guest) }) }
        return map.toGuest[value] ?? value
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
