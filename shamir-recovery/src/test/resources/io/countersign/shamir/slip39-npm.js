// Drives the npm package `slip39` (ilap/slip39-js, 0.1.9) for Slip39NpmCrossTest.
// Usage: node slip39-npm.js <testchain-dir>  < requests.json  > results.json
// Request: {"op":"split","secretHex","passphrase","groupThreshold","groups":[[t,n],...],
//           "iterationExponent","extendable"}        -> {"groups":[[mnemonic,...],...]}
//          {"op":"combine","mnemonics":[...],"passphrase"} -> {"secretHex"} or {"error"}
"use strict";
const path = require("path");
const slip39 = require(path.join(process.argv[2], "node_modules", "slip39"));

let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (c) => (input += c));
process.stdin.on("end", () => {
  const out = JSON.parse(input).map((req) => {
    try {
      if (req.op === "split") {
        const slip = slip39.fromArray(Array.from(Buffer.from(req.secretHex, "hex")), {
          passphrase: req.passphrase,
          threshold: req.groupThreshold,
          groups: req.groups,
          iterationExponent: req.iterationExponent,
          extendableBackupFlag: req.extendable ? 1 : 0,
        });
        return { groups: req.groups.map((_, g) => slip.fromPath("r/" + g).mnemonics) };
      }
      if (req.op === "combine") {
        const secret = slip39.recoverSecret(req.mnemonics, req.passphrase);
        return { secretHex: Buffer.from(secret).toString("hex") };
      }
      return { error: "unknown op " + req.op };
    } catch (e) {
      return { error: String(e && e.message ? e.message : e) };
    }
  });
  process.stdout.write(JSON.stringify(out));
});
