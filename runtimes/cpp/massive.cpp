// massive: T std::threads, each sleeping d, all joined; prints how many
// woke and the rise of the process's peak resident memory over its resident
// memory before the first thread, per thread, as pyvs_py.massive does.
//
//     massive TASKS SLEEP_MS
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <thread>
#include <vector>

// VmRSS and VmHWM of this process, in bytes.
static void status(long &rss, long &hwm) {
    rss = hwm = 0;
    FILE *file = std::fopen("/proc/self/status", "r");
    if (!file) return;
    char line[256];
    while (std::fgets(line, sizeof line, file)) {
        if (std::strncmp(line, "VmRSS:", 6) == 0) rss = std::atol(line + 6) * 1024;
        if (std::strncmp(line, "VmHWM:", 6) == 0) hwm = std::atol(line + 6) * 1024;
    }
    std::fclose(file);
}

int main(int argc, char **argv) {
    if (argc != 3) {
        std::fprintf(stderr, "usage: massive TASKS SLEEP_MS\n");
        return 2;
    }
    long tasks = std::atol(argv[1]);
    auto delay = std::chrono::milliseconds(std::atol(argv[2]));
    // Reset the peak to the resident memory now (clear_refs 5).
    if (FILE *refs = std::fopen("/proc/self/clear_refs", "w")) { std::fputs("5", refs); std::fclose(refs); }
    long before, ignored;
    status(before, ignored);
    std::atomic<long> woke{0};
    std::vector<std::thread> threads;
    threads.reserve(tasks);
    for (long i = 0; i < tasks; i++) threads.emplace_back([&] { std::this_thread::sleep_for(delay); woke++; });
    for (auto &thread : threads) thread.join();
    if (woke != tasks) {
        std::fprintf(stderr, "%ld of %ld tasks woke\n", woke.load(), tasks);
        return 1;
    }
    long rss, peak;
    status(rss, peak);
    double per = peak > before ? double(peak - before) / tasks : 0;
    std::printf("{\"result\": \"%ld tasks woke\", \"metrics\": {\"resident_per_task_bytes\": %g}}\n", tasks, per);
    return 0;
}
