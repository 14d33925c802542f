// The reference ERC-4527 implementation (Keystone's @keystonehq/bc-ur-registry-eth, with
// @ngraveio/bc-ur for the UR and fountain layer) and ethers 5 for EIP-712, driven by the
// QR interop tests. Reads one JSON request on stdin, prints one JSON answer on stdout.
// Runs locally; no network.
//
//   {"op":"make-request", "request": <Countersign request file>, "path", "xfp", "uuid", "address", "origin", "fragment"}
//       builds the SafeTx typed data from the request's fields itself (as Safe{Wallet} would),
//       returns {"parts": [...], "typedData": "..."}
//   {"op":"read-signature", "parts": [...]}  -> {"requestId", "signature", "origin"}
//   {"op":"verify", "typedData": "...", "signature": "0x.."} -> {"signer"}
//   {"op":"read-request-and-sign", "parts": [...], "mnemonic", "path"}
//       decodes our eth-sign-request, hashes its typed data with ethers, signs it with the key at
//       path, returns {"requestId", "dataType", "chainId", "path", "xfp", "address", "origin",
//       "safeTxHash", "signer", "signature", "parts": [eth-signature parts]}
const path = require('path');
const root = process.argv[2];
const req = (m) => require(path.join(root, 'node_modules', m));
const eth = req('@keystonehq/bc-ur-registry-eth');
const { URDecoder, UREncoder } = req('@ngraveio/bc-ur');
const { ethers } = req('ethers');
const uuid = req('uuid');

function decode(parts) {
  const d = new URDecoder();
  for (const p of parts) d.receivePart(p);
  if (!d.isComplete() || !d.isSuccess()) throw new Error('UR not complete: ' + (d.resultError ? d.resultError() : ''));
  return d.resultUR();
}

function safeTypes() {
  return {
    SafeTx: [
      { name: 'to', type: 'address' }, { name: 'value', type: 'uint256' }, { name: 'data', type: 'bytes' },
      { name: 'operation', type: 'uint8' }, { name: 'safeTxGas', type: 'uint256' }, { name: 'baseGas', type: 'uint256' },
      { name: 'gasPrice', type: 'uint256' }, { name: 'gasToken', type: 'address' }, { name: 'refundReceiver', type: 'address' },
      { name: 'nonce', type: 'uint256' },
    ],
  };
}

function run(input) {
  switch (input.op) {
    case 'make-request': {
      const r = input.request;
      const doc = {
        types: Object.assign({ EIP712Domain: [{ name: 'chainId', type: 'uint256' }, { name: 'verifyingContract', type: 'address' }] }, safeTypes()),
        primaryType: 'SafeTx',
        domain: { chainId: Number(r.chainId), verifyingContract: r.safe },
        message: {
          to: r.tx.to, value: r.tx.value, data: r.tx.data, operation: r.tx.operation, safeTxGas: r.tx.safeTxGas,
          baseGas: r.tx.baseGas, gasPrice: r.tx.gasPrice, gasToken: r.tx.gasToken, refundReceiver: r.tx.refundReceiver, nonce: r.tx.nonce,
        },
      };
      const typedData = JSON.stringify(doc);
      const request = eth.EthSignRequest.constructETHRequest(Buffer.from(typedData, 'utf8'), eth.DataType.typedData,
        input.path, input.xfp, input.uuid, Number(r.chainId), input.address, input.origin);
      const ur = request.toUR();
      const parts = new UREncoder(ur, input.fragment || 200, 0).encodeWhole();
      return { parts, typedData };
    }
    case 'read-signature': {
      const ur = decode(input.parts);
      if (ur.type !== 'eth-signature') throw new Error('not an eth-signature: ' + ur.type);
      const s = eth.ETHSignature.fromCBOR(ur.cbor);
      return {
        requestId: s.getRequestId() ? uuid.stringify(s.getRequestId()) : null,
        signature: '0x' + s.getSignature().toString('hex'),
        origin: s.getOrigin() || null,
      };
    }
    case 'verify': {
      const doc = JSON.parse(input.typedData);
      const types = Object.assign({}, doc.types);
      delete types.EIP712Domain;
      return { signer: ethers.utils.verifyTypedData(doc.domain, types, doc.message, input.signature) };
    }
    case 'read-request-and-sign': {
      const ur = decode(input.parts);
      if (ur.type !== 'eth-sign-request') throw new Error('not an eth-sign-request: ' + ur.type);
      const r = eth.EthSignRequest.fromCBOR(ur.cbor);
      const doc = JSON.parse(r.getSignData().toString('utf8'));
      const types = Object.assign({}, doc.types);
      delete types.EIP712Domain;
      const safeTxHash = ethers.utils._TypedDataEncoder.hash(doc.domain, types, doc.message);
      const wallet = ethers.Wallet.fromMnemonic(input.mnemonic, input.path);
      const digest = ethers.utils.arrayify(safeTxHash);
      const sig = ethers.utils.joinSignature(wallet._signingKey().signDigest(digest));
      const answer = new eth.ETHSignature(Buffer.from(sig.slice(2), 'hex'), r.getRequestId(), 'keystone-test');
      const parts = new UREncoder(answer.toUR(), 200, 0).encodeWhole();
      return {
        requestId: r.getRequestId() ? uuid.stringify(r.getRequestId()) : null,
        dataType: r.getDataType(),
        chainId: r.getChainId() === undefined ? null : Number(r.getChainId()),
        path: r.getDerivationPath(),
        xfp: r.getSourceFingerprint() ? r.getSourceFingerprint().toString('hex') : null,
        address: r.getSignRequestAddress() ? ethers.utils.getAddress('0x' + r.getSignRequestAddress().toString('hex')) : null,
        origin: r.getOrigin() || null,
        safeTxHash,
        signer: wallet.address,
        signature: sig,
        parts,
      };
    }
    default:
      throw new Error('unknown op ' + input.op);
  }
}

let text = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (c) => { text += c; });
process.stdin.on('end', () => {
  try {
    process.stdout.write(JSON.stringify(run(JSON.parse(text))));
  } catch (e) {
    process.stderr.write(String(e && e.stack || e) + '\n');
    process.exit(1);
  }
});
