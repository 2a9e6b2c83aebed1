package org.sundaydigest.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What Linux's /proc says of a process: CPU seconds used and peak resident memory. */
final class ProcessStats {

    /** Clock ticks per second of /proc/PID/stat; 100 on Linux/x86_64. */
    private static final double TICKS = 100.0;

    private ProcessStats() {
    }

    static double cpuSeconds(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // Fields 14 and 15 of stat (utime, stime) are the 12th and 13th after the command name.
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS;
    }

    /** Peak resident set size (VmHWM) in MiB. */
    static double peakRssMib(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
            }
        }
        throw new IllegalStateException("no VmHWM for process " + pid);
    }
}
