import CMPI
import CMPIShims
import WasmEngine

// Attribute values are guest pointers (32 bits), which the host stores as pointer-sized bit
// patterns. Predefined attributes are host pointers to host values; the guest gets pointers to
// copies in its own memory (MPI_WIN_BASE, itself a base address, becomes a guest address).
extension BindingRuntime {
    /// MPI_*_set_attr: the guest value stored as the host attribute value.
    public func setAttribute(_ object: AttributeObject, _ handle: UInt64, keyval: Int32, value: UInt32) -> Int32 {
        mpiwasm_attr_set(object.rawValue, handle, toHost(keyval, .keyval), UnsafeMutableRawPointer(bitPattern: UInt(value)))
    }

    /// MPI_*_get_attr: writes the guest's value (a guest pointer) at `valueAddress` and the flag.
    public func getAttribute(
        _ guest: any GuestInstance, _ object: AttributeObject, _ handle: UInt64, guestHandle: Int32, keyval: Int32,
        valueAddress: UInt32, flagAddress: UInt32
    ) throws(TranslationError) -> Int32 {
        let valueOut = try bytes(guest, valueAddress, 4), flagOut = try bytes(guest, flagAddress, 4)
        var value: UnsafeMutableRawPointer?
        var flag: Int32 = 0
        let code = mpiwasm_attr_get(object.rawValue, handle, toHost(keyval, .keyval), &value, &flag)
        guard code == MPI_SUCCESS else { return code }
        flagOut.storeBytes(of: flag, as: Int32.self)
        guard flag != 0 else { return code }
        let guestValue: UInt32
        if Self.predefinedKeyvals.contains(keyval) {
            guestValue = try predefinedAttribute(object, guestHandle: guestHandle, keyval: keyval, value)
        } else {
            guestValue = UInt32(truncatingIfNeeded: UInt(bitPattern: value))
        }
        valueOut.storeBytes(of: guestValue, as: UInt32.self)
        return code
    }

    /// MPI_TAG_UB ... MPI_UNIVERSE_SIZE (501-507) and MPI_WIN_BASE ... MPI_WIN_MODEL (601-605).
    static let predefinedKeyvals: Set<Int32> = [501, 502, 503, 504, 505, 506, 507, 601, 602, 603, 604, 605]

    func predefinedAttribute(_ object: AttributeObject, guestHandle: Int32, keyval: Int32, _ value: UnsafeMutableRawPointer?) throws(TranslationError) -> UInt32 {
        guard let value else { return 0 }
        let guestValue: Int32
        switch keyval {
        case 601: // MPI_WIN_BASE: the base address itself
            return guestAddress(of: value) ?? 0
        case 603: // MPI_WIN_SIZE: a pointer to an MPI_Aint
            guestValue = try narrow(value.load(as: Int.self), to: Int32.self)
        case 604: // MPI_WIN_CREATE_FLAVOR
            guestValue = callbacks.allocatedWindows[guestHandle]?.flavor.rawValue ?? guestConstant(value.load(as: Int32.self), prefix: "MPI_WIN_FLAVOR_")
        case 605: // MPI_WIN_MODEL
            guestValue = guestConstant(value.load(as: Int32.self), prefix: "MPI_WIN_UNIFIED", "MPI_WIN_SEPARATE")
        case 502, 503: // MPI_IO, MPI_HOST: a rank, MPI_ANY_SOURCE or MPI_PROC_NULL
            guestValue = toGuest(value.load(as: Int32.self), .rank)
        case 506: // MPI_LASTUSEDCODE
            guestValue = toGuest(value.load(as: Int32.self), .errorCode)
        default:
            guestValue = value.load(as: Int32.self)
        }
        let key = CallbackRegistry.AttributeKey(kind: object.handleKind, handle: guestHandle, keyval: keyval)
        let address: UInt32
        if let existing = callbacks.attributeValues[key] {
            address = existing
        } else {
            address = try guestAllocate(4)
            callbacks.attributeValues[key] = address
        }
        hostPointer(address).storeBytes(of: guestValue, as: Int32.self)
        return address
    }

    /// The guest value of a host constant among those named (by prefix); others unchanged.
    func guestConstant(_ host: Int32, prefix names: String...) -> Int32 {
        let match = constants.entries.first { entry in
            entry.type == "int" && names.contains { entry.name.hasPrefix($0) } && Int32(truncatingIfNeeded: Int64(bitPattern: entry.host)) == host
        }
        return match.map { Int32($0.guest) } ?? host
    }
}
