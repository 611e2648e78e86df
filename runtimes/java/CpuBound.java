// cpu-bound: T tasks of sum(i*i for i in range(n)), as pyvs_py.cpu_bound
// computes them: in turn (serial), or W threads taking the tasks one at a
// time (threads). The sums exceed 64 bits: a 128-bit total in two longs
// with an unsigned carry, printed in decimal.
//
//     java -cp DIR CpuBound serial|threads N TASKS WORKERS
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

public class CpuBound {
    /** A 128-bit unsigned total. */
    static final class U128 {
        long hi, lo;

        void add(long value) {
            long sum = lo + value;
            if (Long.compareUnsigned(sum, lo) < 0) hi++;
            lo = sum;
        }

        void add(U128 other) {
            add(other.lo);
            hi += other.hi;
        }

        BigInteger value() {
            return new BigInteger(Long.toUnsignedString(hi)).shiftLeft(64).add(new BigInteger(Long.toUnsignedString(lo)));
        }
    }

    /** One task; i*i fits in 63 bits for n up to 3 billion. */
    static U128 task(long n) {
        U128 total = new U128();
        for (long i = 0; i < n; i++) total.add(i * i);
        return total;
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length != 4) {
            System.err.println("usage: CpuBound serial|threads N TASKS WORKERS");
            System.exit(2);
        }
        long n = Long.parseLong(args[1]);
        int tasks = Integer.parseInt(args[2]);
        int workers = Integer.parseInt(args[3]);
        U128 total = new U128();
        if (args[0].equals("serial")) {
            for (int k = 0; k < tasks; k++) total.add(task(n));
        } else if (args[0].equals("threads")) {
            AtomicLong next = new AtomicLong();
            List<Thread> pool = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                Thread thread = new Thread(() -> {
                    U128 mine = new U128();
                    while (next.getAndIncrement() < tasks) mine.add(task(n));
                    synchronized (total) {
                        total.add(mine);
                    }
                });
                thread.start();
                pool.add(thread);
            }
            for (Thread thread : pool) thread.join();
        } else {
            System.err.println("mode: serial or threads");
            System.exit(2);
        }
        System.out.println("{\"result\": \"" + total.value() + "\"}");
    }
}
