// Independent peer for the importer's tests: encodes every contractMethod transaction of a Safe
// Transaction Builder batch the way the Builder does (apps/tx-builder/src/utils.ts in
// safe-global/safe-react-apps: parseInputValue, then web3-eth-abi, which delegates to the ethers v5
// ABI coder). Written from the Builder's algorithm; the encoding is ethers' own.
// Usage: node tx-builder-encode.cjs BATCH.json  ->  JSON array, one entry per transaction:
//        the calldata hex, null when the transaction has no contractMethod, or {"error": "..."}.
'use strict';
const fs = require('fs');
const { ethers } = require('ethers');

const intType = /^(u?int)(8|16|24|32|40|48|56|64|72|80|88|96|104|112|120|128|136|144|152|160|168|176|184|192|200|208|216|224|232|240|248|256)?$/;
const arrayType = /[^\]]((\[([1-9]+[0-9]*)?\])+)$/;

function parseBoolean(v) {
  const s = v.trim().toLowerCase();
  if (s === 'true' || s === '1') return true;
  if (s === 'false' || s === '0') return false;
  throw new Error('Invalid Boolean value ' + v);
}

function parseInt_(v) {
  const s = v.replace(/"/g, '').replace(/'/g, '').trim();
  if (s === '') throw new Error('empty integer');
  return ethers.BigNumber.from(s).toString();
}

// "[a, [b, c], d]" -> ["a", "[b,c]", "d"]: split on top-level commas, white space dropped
function splitArray(value) {
  const out = [];
  let depth = 0;
  let i = 0;
  for (const ch of value.trim().slice(1, -1)) {
    if (ch === ',' && depth === 0) { i++; continue; }
    if (ch === '[') depth++;
    if (ch === ']') depth--;
    out[i] = ((out[i] || '') + ch).trim();
  }
  return out;
}

function baseType(t) { return t.replace(/(\[[0-9]*\])+$/, ''); }

function parseArray(value, type) {
  const v = value.trim();
  if (!(v.startsWith('[') && v.endsWith(']'))) throw new Error('Invalid Array value');
  return splitArray(v).map(item => item.startsWith('[') && item.endsWith(']')
    ? parseArray(item, type)
    : parseValue(baseType(type), item.replace(/"/g, '').replace(/'/g, '')));
}

function parseValue(type, value) {
  const v = typeof value === 'string' ? value.trim() : value;
  if (type === 'bool') return parseBoolean(v);
  if (intType.test(type)) return parseInt_(v);
  if (/^tuple/.test(type)) return JSON.parse(v);
  if (type.startsWith('string') && arrayType.test(type)) return JSON.parse(v);
  if (arrayType.test(type)) return parseArray(v, type);
  return value;
}

const batch = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const result = batch.transactions.map(tx => {
  const m = tx.contractMethod;
  if (!m) return null;
  try {
    const values = (m.inputs || []).map((input, i) => parseValue(input.type, (tx.contractInputsValues || {})[input.name || i] || ''));
    const iface = new ethers.utils.Interface([{ type: 'function', name: m.name, inputs: m.inputs || [], outputs: [], stateMutability: m.payable ? 'payable' : 'nonpayable' }]);
    return iface.encodeFunctionData(m.name, values);
  } catch (e) {
    return { error: String(e.message || e).split('\n')[0] };
  }
});
process.stdout.write(JSON.stringify(result) + '\n');
