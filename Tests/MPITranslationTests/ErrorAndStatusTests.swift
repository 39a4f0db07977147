import CMPI
import MPITranslation
import Testing

@Suite(.serialized) struct ErrorAndStatusTests {
    init() { _ = HostMPI.initialized }

    static func hostClass(_ code: Int32) -> Int32 {
        var errorClass: Int32 = 0
        MPI_Error_class(code, &errorClass)
        return errorClass
    }

    @Test func everyPredefinedClassRoundTrips() {
        let codes = ErrorCodes(constants: .shared)
        let classes = HostConstants.shared.entries.filter { $0.name.hasPrefix("MPI_ERR_") && $0.name != "MPI_ERR_LASTCODE" }
        #expect(classes.count > 50)
        for entry in classes {
            let host = Int32(truncatingIfNeeded: Int64(bitPattern: entry.host))
            #expect(codes.guestCode(host: host, hostClass: Self.hostClass) == Int32(entry.guest), "\(entry.name)")
            #expect(codes.hostCode(guest: Int32(entry.guest)) == host, "\(entry.name)")
        }
        #expect(codes.guestCode(host: MPI_SUCCESS, hostClass: Self.hostClass) == 0)
    }

    @Test func codesAddedByTheProgramPassUnchanged() {
        let codes = ErrorCodes(constants: .shared)
        var newClass: Int32 = 0, newCode: Int32 = 0
        MPI_Add_error_class(&newClass)
        MPI_Add_error_code(newClass, &newCode)
        #expect(codes.guestCode(host: newCode, hostClass: Self.hostClass) == newCode)
        #expect(codes.hostCode(guest: newCode) == newCode)
    }

    @Test func aStatusSurvivesTheTripThroughTheGuestLayout() {
        #expect(GuestStatus.fitsGuest)
        let int = MPI_Datatype(bitPattern: UInt(HostConstants.shared.host("MPI_INT")!))
        var status = MPI_Status()
        status.MPI_SOURCE = 3
        status.MPI_TAG = 77
        status.MPI_ERROR = MPI_ERR_TRUNCATE
        MPI_Status_set_elements(&status, int, 12345)
        MPI_Status_set_cancelled(&status, 1)
        var guest = [UInt8](repeating: 0xEE, count: GuestStatus.guestSize)
        let codes = ErrorCodes(constants: .shared)
        guest.withUnsafeMutableBytes { buffer in
            withUnsafeBytes(of: &status) { GuestStatus.store($0.baseAddress!, to: buffer.baseAddress!) { field, value in field == 2 ? codes.guestCode(host: value, hostClass: Self.hostClass) : value } }
        }
        let fields = guest.withUnsafeBytes { Array($0.bindMemory(to: Int32.self)) }
        #expect(fields[0] == 3 && fields[1] == 77 && fields[2] == 15)
        var back = MPI_Status()
        guest.withUnsafeBytes { buffer in
            withUnsafeMutableBytes(of: &back) { GuestStatus.load(from: buffer.baseAddress!, to: $0.baseAddress!) { field, value in field == 2 ? codes.hostCode(guest: value) : value } }
        }
        var count: Int32 = 0, cancelled: Int32 = 0
        MPI_Get_count(&back, int, &count)
        MPI_Test_cancelled(&back, &cancelled)
        #expect(count == 12345 && cancelled == 1 && back.MPI_ERROR == MPI_ERR_TRUNCATE && back.MPI_SOURCE == 3)
    }

    @Test func aStatusFromMPI_PROC_NULLCarriesTheGuestsConstants() {
        let runtime = BindingRuntime(constants: .shared)
        var status = MPI_Status()
        status.MPI_SOURCE = Int32(truncatingIfNeeded: Int64(bitPattern: HostConstants.shared.host("MPI_PROC_NULL")!))
        status.MPI_TAG = Int32(truncatingIfNeeded: Int64(bitPattern: HostConstants.shared.host("MPI_ANY_TAG")!))
        status.MPI_ERROR = MPI_SUCCESS
        var guest = [UInt8](repeating: 0, count: GuestStatus.guestSize)
        guest.withUnsafeMutableBytes { buffer in withUnsafeBytes(of: &status) { runtime.storeStatus($0.baseAddress!, to: buffer.baseAddress!) } }
        let fields = guest.withUnsafeBytes { Array($0.bindMemory(to: Int32.self)) }
        #expect(fields[0] == -3 && fields[1] == -2 && fields[2] == 0, "MPI_PROC_NULL is -3 and MPI_ANY_TAG -2 in the ABI")
        var back = MPI_Status()
        guest.withUnsafeBytes { buffer in withUnsafeMutableBytes(of: &back) { runtime.loadStatus(from: buffer.baseAddress!, to: $0.baseAddress!) } }
        #expect(back.MPI_SOURCE == status.MPI_SOURCE && back.MPI_TAG == status.MPI_TAG)
    }
}
