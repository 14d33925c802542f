// Writes N Safe 1.4.1 request files (default 100) into DIR/requests for bench/startup.sh's
// console memory figure: bench/request.json with nonce i and its safeTxHash (ethers v6).
// Usage: node make-requests.js TEMPLATE.json DIR [N]
const { readFileSync, writeFileSync, mkdirSync } = require("node:fs");
const { join } = require("node:path");
const { TypedDataEncoder } = require("ethers");
const { SAFE_TX_TYPES } = require("./safe-tx-types");

const [template, dir, n = "100"] = process.argv.slice(2);
const base = JSON.parse(readFileSync(template, "utf8"));
mkdirSync(join(dir, "requests"), { recursive: true });
for (let i = 0; i < Number(n); i++) {
  const req = structuredClone(base);
  req.tx.nonce = String(i);
  req.meta.description = `bench request ${i}`;
  req.safeTxHash = TypedDataEncoder.hash({ chainId: req.chainId, verifyingContract: req.safe }, SAFE_TX_TYPES, req.tx);
  writeFileSync(join(dir, "requests", `req-${String(i).padStart(3, "0")}.json`), JSON.stringify(req, null, 2));
}
