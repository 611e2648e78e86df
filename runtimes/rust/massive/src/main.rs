//! massive: T tokio tasks, each sleeping d, all awaited; prints how many
//! woke and the rise of the process's peak resident memory over its
//! resident memory before the first task, per task, as pyvs_py.massive does.
//!
//!     massive TASKS SLEEP_MS
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// VmRSS and VmHWM of this process, in bytes.
fn status() -> (i64, i64) {
    let text = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let (mut rss, mut hwm) = (0, 0);
    for line in text.lines() {
        let mut fields = line.split_whitespace();
        let (key, value) = (fields.next(), fields.next().and_then(|v| v.parse::<i64>().ok()));
        match (key, value) {
            (Some("VmRSS:"), Some(kib)) => rss = kib * 1024,
            (Some("VmHWM:"), Some(kib)) => hwm = kib * 1024,
            _ => {}
        }
    }
    (rss, hwm)
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() != 3 {
        eprintln!("usage: massive TASKS SLEEP_MS");
        std::process::exit(2);
    }
    let tasks: usize = args[1].parse().expect("TASKS");
    let delay = Duration::from_millis(args[2].parse().expect("SLEEP_MS"));
    // Reset the peak to the resident memory now (clear_refs 5).
    let _ = std::fs::write("/proc/self/clear_refs", "5");
    let (before, _) = status();
    let woke = Arc::new(AtomicUsize::new(0));
    let mut handles = Vec::with_capacity(tasks);
    for _ in 0..tasks {
        let woke = Arc::clone(&woke);
        handles.push(tokio::spawn(async move {
            tokio::time::sleep(delay).await;
            woke.fetch_add(1, Ordering::Relaxed);
        }));
    }
    for handle in handles {
        handle.await.expect("a task panicked");
    }
    let woke = woke.load(Ordering::Relaxed);
    if woke != tasks {
        eprintln!("{} of {} tasks woke", woke, tasks);
        std::process::exit(1);
    }
    let (_, peak) = status();
    let per_task = ((peak - before).max(0) as f64) / tasks as f64;
    println!("{{\"result\": \"{} tasks woke\", \"metrics\": {{\"resident_per_task_bytes\": {}}}}}", tasks, per_task);
}
