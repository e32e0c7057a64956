// Verifies a receipt JWT against a JWKS with jose (not the platform's own library), then changes
// every single character of the JWT in turn and requires each changed copy to be rejected.
// Usage: node check.mjs receipt.jwt jwks.json
import { readFileSync } from 'node:fs';
import { createLocalJWKSet, jwtVerify } from 'jose';

const [jwtFile, jwksFile] = process.argv.slice(2);
const jwt = readFileSync(jwtFile, 'utf8').trim();
const jwks = createLocalJWKSet(JSON.parse(readFileSync(jwksFile, 'utf8')));
const options = { algorithms: ['EdDSA', 'ES256'], typ: 'rdk-receipt+jwt' };

async function verifies(token) {
  try {
    await jwtVerify(token, jwks, options);
    return true;
  } catch {
    return false;
  }
}

const { payload, protectedHeader } = await jwtVerify(jwt, jwks, options);
console.log(`jose verified ${payload.sub} (alg ${protectedHeader.alg}, kid ${protectedHeader.kid})`);

const sameBytes = (a, b) =>
  a.split('.').every((segment, k) => Buffer.from(segment, 'base64url').equals(Buffer.from(b.split('.')[k], 'base64url')));

const accepted = [];
let tried = 0;
for (let i = 0; i < jwt.length; i++) {
  if (jwt[i] === '.') continue;
  const replacement = jwt[i] === 'A' ? 'B' : 'A';
  const changed = jwt.slice(0, i) + replacement + jwt.slice(i + 1);
  // The last character of a base64url segment can carry unused bits: a change there that decodes
  // to the same bytes is the same JWT, not a tampered one.
  if (sameBytes(changed, jwt)) continue;
  tried++;
  if (await verifies(changed)) accepted.push(i);
}
if (accepted.length > 0) {
  console.error(`changed JWTs still verified at positions ${accepted.join(', ')}`);
  process.exit(1);
}
console.log(`all ${tried} one-character changes were rejected`);
