// C++ with libc++: a 1-D halo exchange over std::vector, results written with <fstream>
// into the directory given as argv[1], then read back and checked by rank 0.
#include <mpi.h>
#include <cstdio>
#include <fstream>
#include <numeric>
#include <sstream>
#include <string>
#include <vector>

int main(int argc, char **argv) {
    MPI_Init(&argc, &argv);
    int rank = 0, size = 1;
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &size);
    const int local = 8;
    std::vector<double> field(local + 2, 0.0);
    for (int i = 1; i <= local; i++) field[i] = rank * local + (i - 1);
    int left = rank == 0 ? MPI_PROC_NULL : rank - 1;
    int right = rank == size - 1 ? MPI_PROC_NULL : rank + 1;
    for (int step = 0; step < 3; step++) {
        MPI_Sendrecv(&field[local], 1, MPI_DOUBLE, right, 0, &field[0], 1, MPI_DOUBLE, left, 0, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
        MPI_Sendrecv(&field[1], 1, MPI_DOUBLE, left, 1, &field[local + 1], 1, MPI_DOUBLE, right, 1, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
        std::vector<double> next(field);
        for (int i = 1; i <= local; i++) next[i] = (field[i - 1] + field[i] + field[i + 1]) / 3.0;
        if (left == MPI_PROC_NULL) next[1] = field[1];
        if (right == MPI_PROC_NULL) next[local] = field[local];
        field.swap(next);
    }
    double mine = std::accumulate(field.begin() + 1, field.end() - 1, 0.0), total = 0;
    MPI_Allreduce(&mine, &total, 1, MPI_DOUBLE, MPI_SUM, MPI_COMM_WORLD);

    std::string dir = argc > 1 ? argv[1] : ".";
    std::string path = dir + "/cxx_halo." + std::to_string(rank) + ".txt";
    {
        std::ofstream out(path);
        out << total << "\n";
    }
    MPI_Barrier(MPI_COMM_WORLD);
    int failures = 0;
    if (rank == 0) {
        for (int r = 0; r < size; r++) {
            std::ifstream in(dir + "/cxx_halo." + std::to_string(r) + ".txt");
            double value = -1;
            in >> value;
            if (value != total) failures++;
            std::remove((dir + "/cxx_halo." + std::to_string(r) + ".txt").c_str());
        }
        std::ostringstream line;
        line << "cxx_halo: " << (failures == 0 ? "ok" : "files disagree") << " on " << size << " ranks, total " << total;
        std::printf("%s\n", line.str().c_str());
    }
    MPI_Finalize();
    return failures == 0 ? 0 : 1;
}
