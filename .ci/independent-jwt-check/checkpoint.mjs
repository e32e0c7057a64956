// Checks the platform's checkpoint note with Node's own crypto (not the platform's or the
// verifier's code): C2SP signed-note parsing, the cosignature/v1 key ID and message, Ed25519 with
// the vkey from the trust root, and that the root hash is the base64 of the JSON view's hex.
// Usage: node checkpoint.mjs checkpoint.txt trust-root.json checkpoint.json
import { createHash, createPublicKey, verify } from 'node:crypto';
import { readFileSync } from 'node:fs';

const [noteFile, rootFile, jsonFile] = process.argv.slice(2);
const note = readFileSync(noteFile, 'utf8');
const root = JSON.parse(readFileSync(rootFile, 'utf8'));
const view = JSON.parse(readFileSync(jsonFile, 'utf8'));

const split = note.lastIndexOf('\n\n');
const text = note.slice(0, split + 1);
const [origin, size, rootHash] = text.split('\n');
const [name, id, material] = root.log.checkpoint_key.match(/^([^+]+)\+([0-9a-f]{8})\+(.+)$/).slice(1);
const raw = Buffer.from(material, 'base64');
if (raw[0] !== 0x04 || raw.length !== 33) throw new Error('the checkpoint key is not a cosignature/v1 Ed25519 key');
const publicKey = raw.subarray(1);
const keyId = createHash('sha256').update(Buffer.concat([Buffer.from(name + '\n'), Buffer.from([0x04]), publicKey])).digest().subarray(0, 4);
if (keyId.toString('hex') !== id) throw new Error('the vkey key ID does not match its key');
if (origin !== root.log.origin || name !== origin) throw new Error('origin mismatch');
if (Buffer.from(rootHash, 'base64').toString('hex') !== view.root_hash || Number(size) !== view.tree_size) throw new Error('note and JSON view disagree');

const spki = Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), publicKey]);
const key = createPublicKey({ key: spki, format: 'der', type: 'spki' });
let verified = false;
for (const line of note.slice(split + 2, -1).split('\n')) {
  const [, lineName, b64] = line.match(/^\u2014 (\S+) (\S+)$/) || [];
  const sig = Buffer.from(b64 || '', 'base64');
  if (lineName !== name || !sig.subarray(0, 4).equals(keyId)) continue;
  const time = sig.readBigUInt64BE(4);
  const message = Buffer.from(`cosignature/v1\ntime ${time}\n${text}`);
  if (!verify(null, message, key, sig.subarray(12))) throw new Error('the log signature does not verify');
  const tampered = Buffer.from(`cosignature/v1\ntime ${time}\n${text.replace(/\n\d+\n/, `\n${Number(size) + 1}\n`)}`);
  if (verify(null, tampered, key, sig.subarray(12))) throw new Error('a changed tree size still verified');
  verified = true;
  console.log(`node:crypto verified checkpoint of ${origin} at size ${size}, signed ${new Date(Number(time) * 1000).toISOString()}`);
}
if (!verified) throw new Error('no signature by the log key');
