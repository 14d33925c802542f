// Cross-check peer for ThpNpmCrossTest: Trezor's own @trezor/protocol (installed in testchain/)
// computes THP handshake and CPace values for keys the Java test injects. Reads a JSON array of
// cases on stdin, writes a JSON array of results on stdout. Local only, no network.
//
// The Trezor's side of the handshake (HandshakeInitiationResponse) is built here from the
// package's own primitives (curve25519, aesgcm, hkdf, hashOfTwo), following the specification's
// state TH1; the host side is the package's handleHandshakeInit. Random bytes the package draws
// (host static key when no credential matches, CPace private key) are injected by replacing
// crypto.randomBytes before the package is loaded.
import crypto from 'node:crypto';
import { syncBuiltinESMExports } from 'node:module';
import { pathToFileURL } from 'node:url';
import path from 'node:path';

const root = path.join(process.argv[2], 'node_modules', '@trezor', 'protocol', 'lib', 'protocol-thp');
const queue = [];
const realRandomBytes = crypto.randomBytes;
crypto.randomBytes = (n, cb) => {
    if (cb || queue.length === 0) throw new Error('unexpected randomBytes(' + n + ')');
    const b = queue.shift();
    if (b.length !== n) throw new Error('injected ' + b.length + ' bytes for randomBytes(' + n + ')');
    return Buffer.from(b);
};
syncBuiltinESMExports();

const load = (p) => import(pathToFileURL(path.join(root, p)).href);
const thp = await load('index.js');
const { curve25519 } = await load('crypto/curve25519.js');
const { aesgcm } = await load('crypto/aesgcm.js');
const { hkdf, hashOfTwo, sha256, getIvFromNonce } = await load('crypto/tools.js');

const hex = (b) => Buffer.from(b).toString('hex');
const buf = (h) => Buffer.from(h, 'hex');
const protocolName = Buffer.concat([Buffer.from('Noise_XX_25519_AESGCM_SHA256'), Buffer.alloc(4)]);

// protobuf ThpHandshakeCompletionReqNoisePayload { optional bytes host_pairing_credential = 1; }
const protobufEncoder = (name, data) => {
    if (name !== 'ThpHandshakeCompletionReqNoisePayload') throw new Error('unexpected message ' + name);
    const c = data.host_pairing_credential;
    if (c === undefined) return { message: Buffer.alloc(0) };
    const cred = buf(c);
    if (cred.length > 127) throw new Error('credential too long for this encoder');
    return { message: Buffer.concat([Buffer.from([0x0a, cred.length]), cred]) };
};

const input = JSON.parse(await new Promise((resolve) => {
    let s = '';
    process.stdin.on('data', (d) => (s += d));
    process.stdin.on('end', () => resolve(s));
}));

const out = [];
for (const c of input) {
    const props = buf(c.deviceProperties);
    const unlock = c.tryToUnlock;
    const hostE = thp.getCurve25519KeyPair(buf(c.hostEphemeralPrivate));
    const trezorE = thp.getCurve25519KeyPair(buf(c.trezorEphemeralPrivate));
    const trezorS = thp.getCurve25519KeyPair(buf(c.trezorStaticPrivate));

    // Trezor, state TH1
    let h = thp.getHandshakeHash(props);
    h = hashOfTwo(h, hostE.publicKey);
    h = hashOfTwo(h, Buffer.from([unlock]));
    h = hashOfTwo(h, trezorE.publicKey);
    let [ck, k] = hkdf(protocolName, curve25519(trezorE.privateKey, hostE.publicKey));
    const mask = sha256(Buffer.concat([trezorS.publicKey, trezorE.publicKey]));
    const masked = curve25519(mask, trezorS.publicKey);
    let aes = aesgcm(k, getIvFromNonce(0));
    aes.auth(h);
    const encStatic = Buffer.concat([aes.encrypt(masked), aes.finish()]);
    h = hashOfTwo(h, encStatic);
    [ck, k] = hkdf(ck, curve25519(mask, curve25519(trezorS.privateKey, hostE.publicKey)));
    aes = aesgcm(k, getIvFromNonce(0));
    aes.auth(h);
    aes.encrypt(Buffer.alloc(0));
    const tag = aes.finish();
    const initResponse = Buffer.concat([trezorE.publicKey, encStatic, tag]);

    // host: the package's handshake
    const thpState = new thp.ThpState();
    thpState.updateHandshakeCredentials({ handshakeHash: thp.getHandshakeHash(props) });
    const knownCredentials = c.credential
        ? [
              { host_static_key: c.otherHostStaticPrivate, trezor_static_public_key: hex(thp.getCurve25519KeyPair(buf(c.otherTrezorStaticPrivate)).publicKey), credential: 'aa' },
              { host_static_key: c.hostStaticPrivate, trezor_static_public_key: hex(trezorS.publicKey), credential: c.credential },
          ]
        : [];
    if (!c.credential) queue.push(buf(c.hostStaticPrivate));
    const r = thp.handleHandshakeInit({
        handshakeInitResponse: { trezorEphemeralPubkey: trezorE.publicKey, trezorEncryptedStaticPubkey: encStatic, tag },
        thpState,
        knownCredentials,
        hostEphemeralKeys: hostE,
        tryToUnlock: unlock,
        protobufEncoder,
    });

    // CPace with the package's functions; the host's private key is injected. The Trezor's CPace
    // public key is an input (any curve point gives a shared secret to compare).
    queue.push(buf(c.hostCpacePrivate));
    const cpace = thp.getCpaceHostKeys(Buffer.from(c.code, 'ascii'), r.handshakeHash);
    out.push({
        initRequest: hex(Buffer.concat([hostE.publicKey, Buffer.from([unlock])])),
        initResponse: hex(initResponse),
        trezorMaskedStaticPubkey: hex(r.trezorMaskedStaticPubkey),
        credentialFound: r.credentials !== undefined,
        completionRequest: hex(Buffer.concat([r.hostEncryptedStaticPubkey, r.encryptedPayload])),
        handshakeHash: hex(r.handshakeHash),
        hostKey: hex(r.hostKey),
        trezorKey: hex(r.trezorKey),
        cpaceHostPublicKey: hex(cpace.publicKey),
        cpaceTag: hex(thp.getSharedSecret(buf(c.trezorCpacePublic), cpace.privateKey)),
    });
    if (queue.length !== 0) throw new Error('injected random bytes left over');
}
crypto.randomBytes = realRandomBytes;
process.stdout.write(JSON.stringify(out));
