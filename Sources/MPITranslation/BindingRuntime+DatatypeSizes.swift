/// How large the host's description of a derived datatype grows, checked before the host
/// builds it.
///
/// Host MPIs describe a derived datatype by a list of blocks, and a constructor repeats its
/// old type's list once per block: an indexed type of 2305 blocks of an indexed type of a
/// million blocks asks for 2.4 billion entries. Open MPI 4.1 takes 3.3 GB of host memory for
/// 100 such blocks and crashes for 2305 (natively too); none of it counts against the guest's
/// linear memory. The runtime keeps a bound of each created datatype's blocks and refuses a
/// constructor whose new type would exceed `maxDatatypeBlocks` (MPI_ERR_NO_MEM).
extension BindingRuntime {
    /// About half a gigabyte of host description (Open MPI stores 32 bytes per block, twice).
    public static let maxDatatypeBlocks: Int64 = 1 << 24

    /// The bound for an existing datatype: 1 for predefined ones (and null, refused later).
    func blocks(of datatype: Int32) -> Int64 { datatypeBlocks[datatype] ?? 1 }

    /// Indexed constructors: `count` copies of the old type's blocks, each in a loop of its own.
    public func datatypeBlocks(repeating count: Int64, of old: Int32) throws(TranslationError) -> Int64 {
        try requireBlocks(max(count, 1).multipliedReportingOverflow(by: blocks(of: old) + 2))
    }

    /// MPI_Type_create_struct: each type's blocks, each in a loop of its own.
    public func datatypeBlocks(structOf types: UnsafeMutableBufferPointer<Int32>) throws(TranslationError) -> Int64 {
        var total: Int64 = 1
        for type in types {
            total += blocks(of: type) + 2
            if total > Self.maxDatatypeBlocks { return try requireBlocks((total, false)) }
        }
        return total
    }

    /// Constructors that wrap the old type in `levels` loops (contiguous, vector, subarray and
    /// darray by dimension, dup, resized).
    public func datatypeBlocks(wrapping old: Int32, levels: Int64) throws(TranslationError) -> Int64 {
        try requireBlocks(blocks(of: old).addingReportingOverflow(2 * max(levels, 1)))
    }

    /// A created datatype's bound, for the constructors that use it as their old type.
    public func createdDatatype(_ datatype: Int32, blocks: Int64) {
        if datatype != tables[GuestHandleKind.datatype.rawValue].guestNull, blocks > 1 { datatypeBlocks[datatype] = blocks }
    }

    private func requireBlocks(_ bound: (partialValue: Int64, overflow: Bool)) throws(TranslationError) -> Int64 {
        guard bound.overflow || bound.partialValue > Self.maxDatatypeBlocks else { return bound.partialValue }
        let count = bound.overflow ? "more than 2^63" : "\(bound.partialValue)"
        throw TranslationError(GuestErrorClass.noMem, "the new datatype's description would hold \(count) blocks in the host MPI, more than the \(Self.maxDatatypeBlocks) a rank may use")
    }
}
