package io.countersign.hw.trezor;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import io.countersign.hw.DeviceException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * THP pairings kept in a folder (the data folder's {@code devices/}), encrypted with Tink's AEAD
 * (AES-256-GCM keyset), so the next connection to a paired Trezor needs no code.
 *
 * <p>Two files:
 * <ul>
 *   <li>{@value #PAIRINGS_FILE}: Tink AEAD ciphertext (key-id prefix, 12-byte IV, AES-256-GCM,
 *       16-byte tag) of a JSON document {@code {"version":1,"pairings":[{"trezorStaticPublicKey",
 *       "hostStaticPrivateKey","credential"}]}} (lowercase hex), with the associated data
 *       {@value #ASSOCIATED_DATA}. Written whole to a temporary file and moved into place, so a
 *       crash leaves the previous file or the new one, never half of one.</li>
 *   <li>{@value #KEY_FILE}: the Tink keyset (JSON) that decrypts it, generated at the first
 *       pairing, readable and writable by the owner only where the file system has POSIX
 *       permissions (the folder is owner-only too).</li>
 * </ul>
 * The keyset is not wrapped by a further key: a desktop JVM has no operating-system key store
 * Tink can use, and a password would have to be typed at every connection. Whoever can read both
 * files (this user, an administrator, a backup of the whole data folder) can decrypt the
 * pairings; docs/devices.md says what that gives them. The encryption keeps the pairings file
 * useless on its own (a copy of that one file, sent along with a bug report, say), and its tag
 * makes any change to it a refusal, never a half-read pairing.
 *
 * <p>Failures are {@link DeviceException.PairingsUnreadable}, naming the file and saying to forget
 * the stored pairings and pair again.
 */
public final class ThpCredentialFile implements ThpCredentialStore {
    /** The ciphertext file's name. */
    public static final String PAIRINGS_FILE = "thp-pairings.tink";
    /** The keyset file's name. */
    public static final String KEY_FILE = "thp-pairings.key.json";
    /** AEAD associated data: binds the ciphertext to its purpose and format version. */
    public static final String ASSOCIATED_DATA = "countersign thp-pairings v1";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HexFormat HEX = HexFormat.of();

    static {
        try {
            AeadConfig.register();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Tink AEAD cannot be registered", e);
        }
    }

    private final Path dir;

    /** A store in {@code dir} (created at the first pairing, owner-only). Nothing is read yet. */
    public ThpCredentialFile(Path dir) {
        this.dir = dir;
    }

    /** The ciphertext file. */
    public Path pairingsFile() {
        return dir.resolve(PAIRINGS_FILE);
    }

    /** The keyset file. */
    public Path keyFile() {
        return dir.resolve(KEY_FILE);
    }

    /**
     * @throws DeviceException.PairingsUnreadable if the file does not decrypt (altered, or its
     *     key is missing or another one) or its content is not the format above
     */
    @Override
    public synchronized List<Entry> entries() {
        if (!Files.exists(pairingsFile())) {
            return List.of();
        }
        if (!Files.exists(keyFile())) {
            throw unreadable("its key file " + keyFile() + " is missing");
        }
        byte[] plain;
        try {
            plain = aead(false).decrypt(Files.readAllBytes(pairingsFile()), ad());
        } catch (GeneralSecurityException e) {
            throw unreadable("it does not decrypt with " + keyFile() + " (the file was altered, or written with another key)");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + pairingsFile() + ": " + e.getMessage(), e);
        }
        try {
            JsonNode root = JSON.readTree(plain);
            if (root.path("version").asInt(0) != 1 || !root.path("pairings").isArray()) {
                throw unreadable("its content is not version 1 of the format");
            }
            List<Entry> out = new ArrayList<>();
            for (JsonNode p : root.get("pairings")) {
                out.add(new Entry(hex(p, "trezorStaticPublicKey", 32), hex(p, "hostStaticPrivateKey", 32), hex(p, "credential", -1)));
            }
            return List.copyOf(out);
        } catch (RuntimeException e) {
            if (e instanceof DeviceException de) {
                throw de;
            }
            throw unreadable("its content is not the expected JSON (" + e.getMessage() + ")");
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    /** Adds the pairing (replacing one for the same Trezor key) and rewrites the file. */
    @Override
    public synchronized void save(Entry entry) {
        List<Entry> all = new ArrayList<>(entries());
        all.removeIf(x -> Arrays.equals(x.trezorStaticPublicKey(), entry.trezorStaticPublicKey()));
        all.add(entry);
        write(all);
    }

    /** Deletes both files: every pairing is forgotten, and the next connection asks for a code. */
    @Override
    public synchronized void clear() {
        try {
            Files.deleteIfExists(pairingsFile());
            Files.deleteIfExists(keyFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the THP pairings in " + dir + ": " + e.getMessage(), e);
        }
    }

    private void write(List<Entry> all) {
        ObjectNode root = JSON.createObjectNode().put("version", 1);
        ArrayNode arr = root.putArray("pairings");
        for (Entry e : all) {
            arr.addObject().put("trezorStaticPublicKey", HEX.formatHex(e.trezorStaticPublicKey()))
                    .put("hostStaticPrivateKey", HEX.formatHex(e.hostStaticPrivateKey())).put("credential", HEX.formatHex(e.credential()));
        }
        byte[] plain = JSON.writeValueAsBytes(root);
        try {
            ownerOnlyDir();
            byte[] cipher = aead(true).encrypt(plain, ad());
            Path tmp = dir.resolve(PAIRINGS_FILE + ".tmp");
            Files.deleteIfExists(tmp);
            createOwnerOnly(tmp);
            Files.write(tmp, cipher, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.SYNC);
            try {
                Files.move(tmp, pairingsFile(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, pairingsFile(), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Tink AES-256-GCM failed: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the THP pairing to " + pairingsFile() + ": " + e.getMessage()
                    + "; the Trezor is paired for this run only", e);
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    /** The AEAD of the key file; with {@code create}, a new AES-256-GCM keyset if there is none. */
    private Aead aead(boolean create) throws GeneralSecurityException, IOException {
        Path key = keyFile();
        KeysetHandle handle;
        if (Files.exists(key)) {
            try {
                handle = TinkJsonProtoKeysetFormat.parseKeyset(Files.readString(key, StandardCharsets.UTF_8), InsecureSecretKeyAccess.get());
            } catch (GeneralSecurityException | RuntimeException e) {
                throw unreadable("its key file " + key + " is not a Tink keyset (" + e.getMessage() + ")");
            }
        } else if (create) {
            handle = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
            createOwnerOnly(key);
            Files.writeString(key, TinkJsonProtoKeysetFormat.serializeKeyset(handle, InsecureSecretKeyAccess.get()), StandardCharsets.UTF_8,
                    StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.SYNC);
        } else {
            throw unreadable("its key file " + key + " is missing");
        }
        return handle.getPrimitive(RegistryConfiguration.get(), Aead.class);
    }

    private void ownerOnlyDir() throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        if (posix()) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } else {
            Files.createDirectories(dir);
        }
    }

    private void createOwnerOnly(Path file) throws IOException {
        try {
            if (posix()) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(file);
            }
        } catch (FileAlreadyExistsException e) {
            // a keyset is only created when absent; the temporary file was deleted just before
        }
    }

    private boolean posix() {
        return java.nio.file.FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    private static byte[] ad() {
        return ASSOCIATED_DATA.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] hex(JsonNode p, String field, int length) {
        JsonNode v = p.get(field);
        if (v == null || !v.isString()) {
            throw new IllegalArgumentException(field + " is missing");
        }
        byte[] b = HEX.parseHex(v.asString());
        if (length >= 0 && b.length != length) {
            throw new IllegalArgumentException(field + " is " + b.length + " bytes, not " + length);
        }
        return b;
    }

    private DeviceException.PairingsUnreadable unreadable(String why) {
        return new DeviceException.PairingsUnreadable("the stored Trezor pairings in " + pairingsFile() + " cannot be used: " + why
                + ". Nothing was signed. Forget them with `countersign devices --forget-pairings` (or delete "
                + pairingsFile().getFileName() + " and " + keyFile().getFileName() + "), then pair the Trezor again with the code it shows");
    }
}
