package io.countersign.app.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.countersign.app.CliRunner;
import io.countersign.app.session.TestPausePoints;
import io.countersign.eth.devchain.Anvil;
import io.countersign.journal.AuditJournal;
import io.countersign.journal.EntryKind;
import io.countersign.journal.JournalEntry;
import io.countersign.multisig.RequestFile;
import io.countersign.multisig.SafeRequest;
import io.countersign.multisig.SafeSignature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code countersign safe sign} as a real, separate process: a child JVM running
 * {@code io.countersign.app.Main} on the test class path, with officer 5's software key
 * ({@code mnemonic-env:}) and optionally one {@link TestPausePoints} point armed, so a test can
 * kill it there ({@code SIGKILL}, what {@code kill -9} sends) or let another process run first.
 */
final class SigningProcesses {
    static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");
    /** How long a child may take to reach a point or to finish (JVM start on a busy 2-core machine); a failure bound, not a timing. */
    static final Duration PATIENCE = Duration.ofMinutes(3);

    private SigningProcesses() {}

    /** A started {@code safe sign} process; its stdout and stderr go to files beside {@code pauseDir}. */
    record Child(Process process, Path pauseDir, Path out, Path err) {
        /** Blocks until the armed point is reached; fails with the child's output if it ended first. */
        void awaitPoint(String point) {
            Path reached = pauseDir.resolve(point + ".reached");
            Instant deadline = Instant.now().plus(PATIENCE);
            while (!Files.exists(reached)) {
                if (!process.isAlive()) {
                    fail("the signing process ended (exit " + process.exitValue() + ") before reaching " + point + "\n" + output());
                }
                if (Instant.now().isAfter(deadline)) {
                    process.destroyForcibly();
                    fail("the signing process did not reach " + point + "\n" + output());
                }
                try {
                    process.waitFor(20, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }

        /** Lets a process waiting at {@code point} go on. */
        void release(String point) {
            try {
                Files.createFile(pauseDir.resolve(point + ".go"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** SIGKILL (Process.destroyForcibly on Linux and macOS): no shutdown hook, no finally block runs. */
        void kill9() {
            process.destroyForcibly();
            int code = exit();
            assertEquals(128 + 9, code, "killed by SIGKILL\n" + output());
        }

        /** Waits for the process to end and returns its exit code. */
        int exit() {
            try {
                if (!process.waitFor(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    fail("the signing process did not finish\n" + output());
                }
                return process.exitValue();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        String output() {
            try {
                return "--- stdout\n" + Files.readString(out, StandardCharsets.UTF_8) + "--- stderr\n"
                        + Files.readString(err, StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "(no output: " + e + ")";
            }
        }
    }

    /**
     * Starts {@code countersign safe sign REQUEST --offline --signer mnemonic-env:… --path m/44'/60'/0'/0/5
     * --json --data-dir DATA} in a new JVM.
     *
     * @param pauseAt a {@link TestPausePoints} point to stop at, or {@code null} for none
     * @param work a new folder for this child's pause files and output
     */
    static Child startSafeSign(Path data, Path request, String pauseAt, Path work) {
        try {
            Files.createDirectories(work);
            List<String> cmd = new ArrayList<>(List.of(JAVA.toString(), "-XX:TieredStopAtLevel=1", "-Xshare:auto"));
            if (pauseAt != null) {
                cmd.add("-D" + TestPausePoints.DIR_PROPERTY + "=" + work);
                cmd.add("-D" + TestPausePoints.AT_PROPERTY + "=" + pauseAt);
            }
            cmd.addAll(List.of("-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                    "io.countersign.app.Main", "safe", "sign", request.toString(), "--offline", "--signer",
                    PolicyTestbed.signer(5), "--path", PolicyTestbed.path(5).toString(), "--json", "--data-dir", data.toString()));
            ProcessBuilder pb = new ProcessBuilder(cmd);
            pb.environment().put(PolicyTestbed.MNEMONIC_VAR, Anvil.MNEMONIC);
            Path out = work.resolve("stdout.txt");
            Path err = work.resolve("stderr.txt");
            pb.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(
                    Path.of("/dev/null").toFile()));
            return new Child(pb.start(), work, out, err);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<JournalEntry> entries(Path data, EntryKind kind) {
        try (AuditJournal j = AuditJournal.open(data.resolve("journal.sqlite"))) {
            return j.since(kind, Instant.EPOCH);
        }
    }

    /**
     * The invariant docs/threat-model.md claims ("Racing or crashing past a rolling limit"): every
     * signature a request file holds has a SIGNATURE entry in the journal, for that safeTxHash and
     * signer, carrying the request's spend, and the journal's chain verifies.
     */
    static void assertEverySignatureIsJournalled(Path data, Path... requests) {
        List<JournalEntry> signatures = entries(data, EntryKind.SIGNATURE);
        for (Path file : requests) {
            SafeRequest r = RequestFile.read(file);
            for (SafeSignature s : r.signatures()) {
                boolean journalled = signatures.stream().anyMatch(e -> e.payload().path("safeTxHash").asString("")
                        .equalsIgnoreCase(r.hashes().safeTxHashHex())
                        && e.payload().path("signer").asString("").equalsIgnoreCase(s.signer().toString())
                        && e.payload().path("policySpend").isObject());
                assertTrue(journalled, file + " holds " + s.signer() + "'s signature without its SIGNATURE entry and spend");
            }
        }
        CliRunner.Result verify = new CliRunner(data).run("audit", "verify", "--json");
        assertEquals(0, verify.code(), "the journal's chain verifies\n" + verify);
    }
}
