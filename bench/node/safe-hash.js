// Reference for bench/startup.sh: prints the safeTxHash of a Countersign request file
// (Safe 1.4.1, EIP-712 SafeTx) the way a few lines of ethers v6 would.
const { readFileSync } = require("node:fs");
const { TypedDataEncoder } = require("ethers");
const { SAFE_TX_TYPES } = require("./safe-tx-types");

const req = JSON.parse(readFileSync(process.argv[2], "utf8"));
const domain = { chainId: req.chainId, verifyingContract: req.safe };
console.log(JSON.stringify({ safeTxHash: TypedDataEncoder.hash(domain, SAFE_TX_TYPES, req.tx) }));
