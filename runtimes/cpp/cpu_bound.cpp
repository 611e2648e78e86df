// cpu-bound: T tasks of sum(i*i for i in range(n)), as pyvs_py.cpu_bound
// computes them: in turn (serial), or W std::threads taking the tasks one
// at a time (threads). The sums exceed 64 bits: unsigned __int128, printed
// in decimal. The counter passes through an empty asm statement on every
// step, so the optimiser cannot replace the loop by its closed form.
//
//     cpu_bound serial|threads N TASKS WORKERS
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

using u128 = unsigned __int128;

__attribute__((noinline)) static u128 task(unsigned long n) {
    u128 total = 0;
    for (unsigned long i = 0; i < n; i++) {
        unsigned long value = i;
        asm volatile("" : "+r"(value));
        total += static_cast<u128>(value) * value;
    }
    return total;
}

static std::string decimal(u128 value) {
    if (value == 0) return "0";
    std::string digits;
    while (value > 0) {
        digits.insert(digits.begin(), static_cast<char>('0' + static_cast<int>(value % 10)));
        value /= 10;
    }
    return digits;
}

int main(int argc, char **argv) {
    if (argc != 5) {
        std::fprintf(stderr, "usage: cpu_bound serial|threads N TASKS WORKERS\n");
        return 2;
    }
    unsigned long n = std::strtoul(argv[2], nullptr, 10);
    long tasks = std::strtol(argv[3], nullptr, 10);
    long workers = std::strtol(argv[4], nullptr, 10);
    u128 total = 0;
    if (std::strcmp(argv[1], "serial") == 0) {
        for (long k = 0; k < tasks; k++) total += task(n);
    } else if (std::strcmp(argv[1], "threads") == 0) {
        std::atomic<long> next{0};
        std::mutex lock;
        std::vector<std::thread> pool;
        for (long w = 0; w < workers; w++) {
            pool.emplace_back([&] {
                u128 mine = 0;
                while (next.fetch_add(1) < tasks) mine += task(n);
                std::lock_guard<std::mutex> guard(lock);
                total += mine;
            });
        }
        for (auto &thread : pool) thread.join();
    } else {
        std::fprintf(stderr, "mode: serial or threads\n");
        return 2;
    }
    std::printf("{\"result\": \"%s\"}\n", decimal(total).c_str());
    return 0;
}
