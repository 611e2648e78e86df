//! cpu-bound: T tasks of sum(i*i for i in range(n)), as pyvs_py.cpu_bound
//! computes them: in turn (serial), or W threads taking the tasks one at a
//! time (threads). The sums exceed 64 bits: u128. The counter is read back
//! through a volatile load on every step, so the optimiser cannot replace
//! the loop by its closed form (Rust 1.63, Debian's, has no black_box).
//!
//!     cpu_bound serial|threads N TASKS WORKERS
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

#[inline(never)]
fn task(n: u64) -> u128 {
    let mut total: u128 = 0;
    let mut i: u64 = 0;
    while i < n {
        // SAFETY: a read of a live local variable.
        let value = unsafe { std::ptr::read_volatile(&i) } as u128;
        total += value * value;
        i += 1;
    }
    total
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() != 5 {
        eprintln!("usage: cpu_bound serial|threads N TASKS WORKERS");
        std::process::exit(2);
    }
    let n: u64 = args[2].parse().expect("N");
    let tasks: usize = args[3].parse().expect("TASKS");
    let workers: usize = args[4].parse().expect("WORKERS");
    let total: u128 = match args[1].as_str() {
        "serial" => (0..tasks).map(|_| task(n)).sum(),
        "threads" => {
            let next = AtomicUsize::new(0);
            let total = Mutex::new(0u128);
            std::thread::scope(|scope| {
                for _ in 0..workers {
                    scope.spawn(|| {
                        let mut mine: u128 = 0;
                        while next.fetch_add(1, Ordering::Relaxed) < tasks {
                            mine += task(n);
                        }
                        *total.lock().unwrap() += mine;
                    });
                }
            });
            total.into_inner().unwrap()
        }
        _ => {
            eprintln!("mode: serial or threads");
            std::process::exit(2);
        }
    };
    println!("{{\"result\": \"{}\"}}", total);
}
