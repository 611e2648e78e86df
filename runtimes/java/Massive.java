// massive: T Java threads, each sleeping d, all joined; prints how many
// woke and the rise of the process's peak resident memory over its resident
// memory before the first thread, per thread, as pyvs_py.massive does.
// "platform" starts an OS thread per task; "virtual" a virtual thread
// (JDK 21 and later, found by reflection so this compiles on 17).
//
//     java -cp DIR Massive platform|virtual TASKS SLEEP_MS
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

public class Massive {
    /** VmRSS and VmHWM of this process, in bytes. */
    static long[] status() throws Exception {
        long rss = 0, hwm = 0;
        for (String line : Files.readAllLines(Paths.get("/proc/self/status"))) {
            String[] fields = line.trim().split("\\s+");
            if (fields.length < 2) continue;
            if (fields[0].equals("VmRSS:")) rss = Long.parseLong(fields[1]) * 1024;
            if (fields[0].equals("VmHWM:")) hwm = Long.parseLong(fields[1]) * 1024;
        }
        return new long[] {rss, hwm};
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: Massive platform|virtual TASKS SLEEP_MS");
            System.exit(2);
        }
        boolean virtual = args[0].equals("virtual");
        int tasks = Integer.parseInt(args[1]);
        long sleepMS = Long.parseLong(args[2]);
        Method ofVirtual = null;
        if (virtual) {
            try {
                ofVirtual = Thread.class.getMethod("ofVirtual");
            } catch (NoSuchMethodException absent) {
                System.err.println("virtual threads need JDK 21 or later; this is " + System.getProperty("java.version"));
                System.exit(3);
            }
        }
        try {
            Files.write(Paths.get("/proc/self/clear_refs"), "5".getBytes());
        } catch (Exception notAllowed) {
            // The peak so far stands.
        }
        long before = status()[0];
        AtomicInteger woke = new AtomicInteger();
        Runnable sleeper = () -> {
            try {
                Thread.sleep(sleepMS);
                woke.incrementAndGet();
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        };
        List<Thread> threads = new ArrayList<>(tasks);
        for (int i = 0; i < tasks; i++) {
            Thread thread;
            if (ofVirtual != null) {
                Object builder = ofVirtual.invoke(null);
                thread = (Thread) builder.getClass().getMethod("start", Runnable.class).invoke(builder, sleeper);
            } else {
                thread = new Thread(sleeper);
                thread.start();
            }
            threads.add(thread);
        }
        for (Thread thread : threads) thread.join();
        if (woke.get() != tasks) {
            System.err.println(woke.get() + " of " + tasks + " tasks woke");
            System.exit(1);
        }
        double perTask = Math.max(0, status()[1] - before) / (double) tasks;
        System.out.println("{\"result\": \"" + tasks + " tasks woke\", \"metrics\": {\"resident_per_task_bytes\": " + perTask + "}}");
    }
}
