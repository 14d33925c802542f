package io.countersign.bench;

import io.countersign.shamir.GroupSpec;
import io.countersign.shamir.ShamirException;
import io.countersign.shamir.Slip39;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * SLIP-0039 split and combine of a 256-bit secret (group threshold 2, groups 2-of-3 and
 * 3-of-5, iteration exponent 1), next to the bare PBKDF2 work the spec requires for it:
 * 4 rounds of PBKDF2-HMAC-SHA256 with (10000 &lt;&lt; 1) / 4 = 5,000 iterations each, 16-byte
 * output (half the secret) and a 24-byte salt ("shamir" || id || R). The difference between
 * split/combine and the PBKDF2 figure is the cost of sharing, checksums and encoding.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar Shamir -f 1 -wi 2 -i 3}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ShamirBenchmark {
    private static final int ITERATION_EXPONENT = 1;
    private static final int ITERATIONS_PER_ROUND = (10_000 << ITERATION_EXPONENT) / 4;
    private static final List<GroupSpec> LAYOUT = List.of(new GroupSpec(2, 3), new GroupSpec(3, 5));

    private byte[] secret;
    private byte[] passphrase;
    private SecureRandom rng;
    private List<String> recoverySet;
    private char[] roundPassword;
    private byte[] roundSalt;

    @Setup
    public void setUp() throws ShamirException {
        rng = new SecureRandom();
        secret = new byte[32];
        rng.nextBytes(secret);
        passphrase = "TREZOR".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        List<List<String>> shares = Slip39.split(secret, passphrase, 2, LAYOUT, ITERATION_EXPONENT, true, rng);
        recoverySet = new ArrayList<>(shares.get(0).subList(0, 2));
        recoverySet.addAll(shares.get(1).subList(1, 4));
        roundPassword = "\0TREZOR".toCharArray();
        roundSalt = new byte[24];
        rng.nextBytes(roundSalt);
    }

    @Benchmark
    public List<List<String>> split() throws ShamirException {
        return Slip39.split(secret, passphrase, 2, LAYOUT, ITERATION_EXPONENT, true, rng);
    }

    @Benchmark
    public byte[] combine() throws ShamirException {
        return Slip39.combine(recoverySet, passphrase);
    }

    /** The 4 Feistel rounds' PBKDF2 alone: 4 × 5,000 iterations, 16-byte output each. */
    @Benchmark
    public byte[] pbkdf2FourRounds() throws GeneralSecurityException {
        byte[] out = null;
        for (int round = 0; round < 4; round++) {
            roundPassword[0] = (char) round;
            PBEKeySpec spec = new PBEKeySpec(roundPassword, roundSalt, ITERATIONS_PER_ROUND, 128);
            out = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
            spec.clearPassword();
        }
        return out;
    }
}
