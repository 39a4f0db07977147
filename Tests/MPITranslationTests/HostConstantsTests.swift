import CMPI
import MPIModel
import MPITranslation
import Testing

@Suite(.serialized) struct HostConstantsTests {
    let constants = HostConstants.shared

    init() { _ = HostMPI.initialized }

    @Test func theTableHasTheHostsValuesForTheGuestsConstants() throws {
        #expect(constants.entries.count > 250)
        let world = try #require(constants.byName["MPI_COMM_WORLD"])
        #expect(world.guest == 0x101 && world.type == "MPI_Comm")
        #expect(constants.byName["MPI_ANY_TAG"].map { Int64(bitPattern: $0.host) } == Int64(MPI_ANY_TAG))
        #expect(constants.byName["MPI_ANY_TAG"]?.guest == -2)
        #expect(constants.byName["MPI_PROC_NULL"].map { Int64(bitPattern: $0.host) } == Int64(MPI_PROC_NULL))
        #expect(constants.byName["MPI_IN_PLACE"]?.guest == 1)
        #expect(constants.byName["MPI_VERSION"] == nil, "the host's version is not a translated constant")
    }

    @Test func aPredefinedHandleFromTheTableWorksWithTheHostMPI() throws {
        let world = try #require(constants.host("MPI_COMM_WORLD"))
        var size: Int32 = 0, rank: Int32 = -1
        let comm = MPI_Comm(bitPattern: UInt(world))
        #expect(MPI_Comm_size(comm, &size) == MPI_SUCCESS && size == 1)
        #expect(MPI_Comm_rank(comm, &rank) == MPI_SUCCESS && rank == 0)
        let int = MPI_Datatype(bitPattern: UInt(try #require(constants.host("MPI_INT"))))
        var bytes: Int32 = 0
        #expect(MPI_Type_size(int, &bytes) == MPI_SUCCESS && bytes == 4)
    }

    @Test func groupsOfIntegerConstantsTranslate() {
        let domains = ValueDomains(constants: constants)
        #expect(domains.toHost(16, .fileMode) == Int64(MPI_MODE_RDONLY))
        #expect(domains.toHost(2 | 32, .fileMode) == Int64(MPI_MODE_CREATE | MPI_MODE_RDWR))
        #expect(domains.toHost(4096, .threadLevel) == Int64(MPI_THREAD_MULTIPLE))
        #expect(domains.toGuest(Int64(MPI_PROC_NULL), .rank) == -3)
        #expect(domains.toHost(7, .rank) == 7, "ordinary ranks pass unchanged")
    }
}
