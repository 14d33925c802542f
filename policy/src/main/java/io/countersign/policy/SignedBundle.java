package io.countersign.policy;

import io.countersign.eth.Address;
import io.countersign.eth.Eip191;
import io.countersign.eth.Hex;
import io.countersign.eth.Signature;
import io.countersign.eth.Signer;
import io.countersign.eth.json.JsonErrors;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.web3j.crypto.Hash;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A policy and its admins' signatures, as one JSON file (docs/policy.md, Signed bundle):
 * <pre>
 * {"format": "countersign-policy-bundle/1", "version": 3, "bundleHash": "0x…32 bytes",
 *  "policy": "…the YAML text…", "signatures": [{"signer": "0x…", "signature": "0x…65 bytes"}]}
 * </pre>
 * The canonical bytes are the UTF-8 bytes of the {@code policy} string exactly (the YAML file as
 * written, byte for byte); {@code bundleHash} is their keccak-256; each signature is an EIP-191
 * personal-message signature whose message is the 32 raw bytes of {@code bundleHash}.
 *
 * @param policyYaml the YAML text
 * @param signatures in the order they were added
 */
public record SignedBundle(String policyYaml, String bundleHash, List<BundleSignature> signatures) {
    /** The value of the {@code format} field. */
    public static final String FORMAT = "countersign-policy-bundle/1";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * @param signer the address the signature claims
     * @param signature 65 bytes r ‖ s ‖ v, v 27/28
     */
    public record BundleSignature(Address signer, Signature signature) {}

    public SignedBundle {
        Objects.requireNonNull(policyYaml, "policyYaml");
        Objects.requireNonNull(bundleHash, "bundleHash");
        signatures = List.copyOf(signatures);
    }

    /** An unsigned bundle of YAML text (checked to parse). */
    public static SignedBundle unsigned(String policyYaml) {
        PolicyParser.parse(policyYaml);
        return new SignedBundle(policyYaml, hashOf(policyYaml), List.of());
    }

    /** {@code 0x} + 64 hex: keccak-256 of the UTF-8 bytes of the text. */
    public static String hashOf(String policyYaml) {
        return Hex.encode(Hash.sha3(policyYaml.getBytes(StandardCharsets.UTF_8)));
    }

    /** The digest each admin signs: EIP-191 personal-message hash of the 32 bundle-hash bytes. */
    public static byte[] signingDigest(String bundleHash) {
        return Eip191.hashPersonalMessage(Hex.decode(bundleHash, "bundleHash", 32));
    }

    /**
     * Adds {@code signer}'s signature (EIP-191 personal message over the 32-byte bundle hash; a
     * device shows the hash). The hash is recomputed from the text first, and the returned
     * signature is checked by recovering its address.
     *
     * @throws PolicyException.TamperedBundleException if the text does not match {@code bundleHash}
     *     or the device returned a signature of another key
     */
    public SignedBundle signedBy(Signer signer) {
        requireIntact();
        Signature sig = signer.signPersonalMessage(Hex.decode(bundleHash, "bundleHash", 32));
        Address who = signer.address();
        if (!who.equals(sig.recover(signingDigest(bundleHash)))) {
            throw new PolicyException.TamperedBundleException("the signature from " + signer.label()
                    + " does not recover to its address " + who);
        }
        List<BundleSignature> all = new ArrayList<>(signatures.stream().filter(s -> !s.signer().equals(who)).toList());
        all.add(new BundleSignature(who, sig));
        return new SignedBundle(policyYaml, bundleHash, all);
    }

    /** @throws PolicyException.TamperedBundleException when the text does not hash to {@code bundleHash} */
    public void requireIntact() {
        String actual = hashOf(policyYaml);
        if (!actual.equalsIgnoreCase(bundleHash)) {
            throw new PolicyException.TamperedBundleException("the policy text hashes to " + actual
                    + " but the bundle records " + bundleHash + ": the policy was changed after signing");
        }
    }

    /** The bundle file's JSON text (pretty-printed, stable key order). */
    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", PolicyParser.parse(policyYaml).version());
        root.put("bundleHash", bundleHash);
        root.put("policy", policyYaml);
        ArrayNode sigs = root.putArray("signatures");
        for (BundleSignature s : signatures) {
            sigs.addObject().put("signer", s.signer().toString()).put("signature", s.signature().toHex());
        }
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
    }

    /**
     * Reads a bundle file strictly (a field given twice or an out-of-range {@code version} is an
     * error naming it). Does not verify signatures ({@link BundleVerifier} does).
     *
     * @throws PolicyException.InvalidPolicyException when it is not a bundle of this format
     */
    public static SignedBundle fromJson(String json) {
        return fromJson(json, null);
    }

    /**
     * As {@link #fromJson(String)}, naming the file in messages:
     * {@code "NAME: not valid JSON: the file ends inside an object (line 3, column 1)"}.
     *
     * @param name the file name for messages, or null
     */
    public static SignedBundle fromJson(String json, String name) {
        String prefix = name == null ? "" : name + ": ";
        JsonNode root;
        try {
            io.countersign.eth.StrictJson.requireNoDuplicateKeys(JSON, json, "bundle");
            root = JsonErrors.readTree(JSON, null, json);
        } catch (io.countersign.eth.EthException e) {
            throw new PolicyException.InvalidPolicyException(prefix + e.getMessage(), e);
        }
        try {
            if (!root.isObject() || !FORMAT.equals(root.path("format").asString(""))) {
                throw new PolicyException.InvalidPolicyException(prefix + "not a signed policy bundle (format " + FORMAT + ")");
            }
            if (root.has("version")) {
                io.countersign.eth.StrictJson.integer(root.get("version"), "bundle.version", 1, Long.MAX_VALUE);
            }
            List<BundleSignature> sigs = new ArrayList<>();
            for (JsonNode s : root.path("signatures")) {
                sigs.add(new BundleSignature(Address.parse(s.path("signer").asString(""), "signatures[].signer"),
                        Signature.parse(s.path("signature").asString(""))));
            }
            String policy = root.path("policy").asString(null);
            String hash = root.path("bundleHash").asString(null);
            if (policy == null || hash == null) {
                throw new PolicyException.InvalidPolicyException(prefix + "signed bundle lacks \"policy\" or \"bundleHash\"");
            }
            return new SignedBundle(policy, hash, sigs);
        } catch (JacksonException | io.countersign.eth.EthException e) {
            throw new PolicyException.InvalidPolicyException(prefix + "not a readable signed policy bundle: " + e.getMessage(), e);
        }
    }
}
