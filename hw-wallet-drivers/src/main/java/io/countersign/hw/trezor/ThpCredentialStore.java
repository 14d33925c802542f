package io.countersign.hw.trezor;

import java.util.ArrayList;
import java.util.List;

/**
 * Where the host keeps its THP pairing credentials: for each paired Trezor its static public key,
 * the host static private key used with it, and the opaque credential the Trezor issued
 * (specification.md, "Credential phase"). The host static private key is a secret.
 */
public interface ThpCredentialStore {

    /**
     * One pairing.
     *
     * @param trezorStaticPublicKey 32 bytes, from ThpCredentialResponse
     * @param hostStaticPrivateKey 32 bytes
     * @param credential the Trezor's credential bytes
     */
    record Entry(byte[] trezorStaticPublicKey, byte[] hostStaticPrivateKey, byte[] credential) {}

    /** Every stored pairing. */
    List<Entry> entries();

    /** Adds a pairing, replacing one for the same Trezor key. */
    void save(Entry entry);

    /** Removes every pairing ("forget"). */
    void clear();

    /** A store that lives as long as the object (tests, or a session that must not persist). */
    static ThpCredentialStore inMemory() {
        return new ThpCredentialStore() {
            private final List<Entry> list = new ArrayList<>();

            @Override
            public synchronized List<Entry> entries() {
                return List.copyOf(list);
            }

            @Override
            public synchronized void save(Entry e) {
                list.removeIf(x -> java.util.Arrays.equals(x.trezorStaticPublicKey(), e.trezorStaticPublicKey()));
                list.add(e);
            }

            @Override
            public synchronized void clear() {
                list.clear();
            }
        };
    }
}
