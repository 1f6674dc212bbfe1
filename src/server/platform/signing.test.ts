import { execFileSync } from 'node:child_process';
import { generateKeyPairSync, X509Certificate } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import forge from 'node-forge';
import { beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, type SigningConfig } from '../config.ts';
import { SignerRegistry } from './signing.ts';

const CASTELROCCA = { slug: 'castelrocca', name: 'Comune di Castelrocca', fiscalCode: '00123450167' };
const VALLE = { slug: 'val-di-sole', name: 'Comunità della Valle di Sole, Pejo e Rabbi', fiscalCode: '92012345678' };

const tempDir = () => mkdtemp(path.join(tmpdir(), 'signing-'));
const dev = (dataDir: string) => SignerRegistry.load({ mode: 'test', dataDir, signing: null });
const configured = (dataDir: string, signing: SigningConfig) => SignerRegistry.load({ mode: 'production', dataDir, signing });

interface TestCertificate {
  keyPem: string;
  certPem: string;
  key: forge.pki.rsa.PrivateKey;
  cert: forge.pki.Certificate;
}

/** An RSA certificate for the tests: self-signed, or issued by `issuer` (a CA made the same way). */
function makeCertificate(cn: string, opts: { notBefore?: Date; notAfter?: Date; issuer?: TestCertificate; ca?: boolean } = {}): TestCertificate {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const keyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const key = forge.pki.privateKeyFromPem(keyPem) as forge.pki.rsa.PrivateKey;
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.setRsaPublicKey(key.n, key.e);
  cert.serialNumber = '0' + Math.floor(Math.random() * 1e12).toString(16);
  cert.validity.notBefore = opts.notBefore ?? new Date(Date.now() - 86400_000);
  cert.validity.notAfter = opts.notAfter ?? new Date(Date.now() + 365 * 86400_000);
  const subject = [{ shortName: 'C', value: 'IT' }, { shortName: 'CN', value: cn, valueTagClass: forge.asn1.Type.UTF8 }] as forge.pki.CertificateField[];
  cert.setSubject(subject);
  cert.setIssuer(opts.issuer ? opts.issuer.cert.subject.attributes : subject);
  cert.setExtensions(opts.ca
    ? [{ name: 'basicConstraints', cA: true, critical: true }, { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true }]
    : [{ name: 'basicConstraints', cA: false }, { name: 'keyUsage', digitalSignature: true, nonRepudiation: true, critical: true }]);
  cert.sign(opts.issuer?.key ?? key, forge.md.sha256.create());
  return { keyPem, certPem: forge.pki.certificateToPem(cert), key, cert };
}

function p12Of(c: TestCertificate, passphrase: string, chain: TestCertificate[] = []): Buffer {
  const asn1 = forge.pkcs12.toPkcs12Asn1(c.key, [c.cert, ...chain.map((x) => x.cert)], passphrase, { algorithm: '3des' });
  return Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary');
}

describe('development certificates, one per body', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await tempDir();
  });

  it("are made on first use with the body's name and fiscal code, for signing only, valid three years", async () => {
    const signer = await (await dev(dataDir)).forTenant(CASTELROCCA);
    expect(signer.selfSigned).toBe(true);
    expect(signer.commonName).toBe('Comune di Castelrocca');
    expect(signer.subject).toBe('CN=Comune di Castelrocca, organizationIdentifier=VATIT-00123450167, O=Comune di Castelrocca, C=IT');

    const cert = forge.pki.certificateFromPem(signer.certificate.toString());
    const keyUsage = cert.getExtension('keyUsage') as { critical: boolean; digitalSignature: boolean; nonRepudiation: boolean; keyCertSign: boolean };
    expect(keyUsage).toMatchObject({ critical: true, digitalSignature: true, nonRepudiation: true, keyCertSign: false });
    expect(cert.getExtension('basicConstraints')).toMatchObject({ cA: false });
    const years = (cert.validity.notAfter.getTime() - cert.validity.notBefore.getTime()) / (365.25 * 86400_000);
    expect(years).toBeCloseTo(3, 1);
    expect(cert.validity.notBefore.getTime()).toBeLessThanOrEqual(Date.now());
    // issued by itself: subject and issuer are the same
    expect(signer.certificate.issuer).toBe(signer.certificate.subject);

    // kept in DATA_DIR/signing/<slug>.pem, readable by its owner only
    const file = path.join(dataDir, 'signing', 'castelrocca.pem');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it('stay the same across restarts, differ between bodies, and are made once per process', async () => {
    const first = await dev(dataDir);
    const a = await first.forTenant(CASTELROCCA);
    const again = await (await dev(dataDir)).forTenant(CASTELROCCA);
    expect(again.certificate.fingerprint256).toBe(a.certificate.fingerprint256);
    expect(await first.forTenant(CASTELROCCA)).toBe(a);
    const other = await first.forTenant(VALLE);
    expect(other.certificate.fingerprint256).not.toBe(a.certificate.fingerprint256);
    // a name with an accent and a comma is written as it is, and found the same at the next start
    expect(other.commonName).toBe('Comunità della Valle di Sole, Pejo e Rabbi');
    expect((await (await dev(dataDir)).forTenant(VALLE)).certificate.fingerprint256).toBe(other.certificate.fingerprint256);
  });

  it('are the same for two processes that ask for the first time at once', async () => {
    const dir = await tempDir();
    const [a, b] = await Promise.all([(await dev(dir)).forTenant(CASTELROCCA), (await dev(dir)).forTenant(CASTELROCCA)]);
    expect(a.certificate.fingerprint256).toBe(b.certificate.fingerprint256);
    expect(await readdir(path.join(dir, 'signing'))).toEqual(['castelrocca.pem']);
  });

  it('follow a renamed body', async () => {
    const dir = await tempDir();
    const before = await (await dev(dir)).forTenant(CASTELROCCA);
    const after = await (await dev(dir)).forTenant({ ...CASTELROCCA, name: 'Comune di Castelrocca Alta' });
    expect(after.commonName).toBe('Comune di Castelrocca Alta');
    expect(after.certificate.fingerprint256).not.toBe(before.certificate.fingerprint256);
  });

  it('keep a strange slug inside the signing folder', async () => {
    const dir = await tempDir();
    await (await dev(dir)).forTenant({ ...CASTELROCCA, slug: '../../etc/x' });
    const files = await readdir(path.join(dir, 'signing'));
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^tenant-[0-9a-f]{24}\.pem$/);
  });

  it('are refused in production, where a configured certificate is required', async () => {
    const load = SignerRegistry.load({ mode: 'production', dataDir, signing: null });
    await expect(load).rejects.toBeInstanceOf(ConfigError);
    await expect(SignerRegistry.load({ mode: 'production', dataDir, signing: null })).rejects.toThrow(/SIGNING_P12_FILE and SIGNING_P12_PASSPHRASE, or SIGNING_CERT_FILE and SIGNING_KEY_FILE/);
  });
});

describe('a configured certificate', () => {
  let dir: string;
  let seal: TestCertificate;
  let ca: TestCertificate;
  let issued: TestCertificate;
  beforeAll(async () => {
    dir = await tempDir();
    seal = makeCertificate('Sigillo di Sportello');
    ca = makeCertificate('CA di prova', { ca: true });
    issued = makeCertificate('Unione dei Comuni – Sigillo', { issuer: ca });
  });

  it('from a PKCS#12 file signs for every body instead of the development certificates', async () => {
    const file = path.join(dir, 'seal.p12');
    await writeFile(file, p12Of(seal, 'segreto'));
    const registry = await configured(dir, { kind: 'p12', p12File: file, passphrase: 'segreto' });
    expect(registry.configured).toBe(true);
    const a = await registry.forTenant(CASTELROCCA);
    expect(a).toBe(await registry.forTenant(VALLE));
    expect(a.selfSigned).toBe(false);
    expect(a.commonName).toBe('Sigillo di Sportello');
    expect(a.certificate.fingerprint256).toBe(new X509Certificate(seal.certPem).fingerprint256);
    expect(existsSync(path.join(dir, 'signing'))).toBe(false);
  });

  it('from PEM files: an encrypted key and a certificate followed by its chain', async () => {
    const certFile = path.join(dir, 'chain.pem');
    const keyFile = path.join(dir, 'key.pem');
    await writeFile(certFile, issued.certPem + ca.certPem);
    const encrypted = forge.pki.encryptRsaPrivateKey(issued.key, 'parola', { algorithm: 'aes256' });
    await writeFile(keyFile, encrypted);
    const signer = await (await configured(dir, { kind: 'pem', certFile, keyFile, keyPassphrase: 'parola' })).forTenant(CASTELROCCA);
    expect(signer.commonName).toBe('Unione dei Comuni – Sigillo');
    expect(signer.certificate.issuer).toBe('C=IT\nCN=CA di prova');
    // room for both certificates in the signature
    expect(signer.signatureSize).toBeGreaterThan(issued.certPem.length * 0.75 + ca.certPem.length * 0.75);
  });

  it('whichever certificate of the chain comes first, signs with the one that belongs to the key', async () => {
    const certFile = path.join(dir, 'chain-reversed.pem');
    const keyFile = path.join(dir, 'issued-key.pem');
    await writeFile(certFile, ca.certPem + issued.certPem);
    await writeFile(keyFile, issued.keyPem);
    const signer = await (await configured(dir, { kind: 'pem', certFile, keyFile })).forTenant(CASTELROCCA);
    expect(signer.commonName).toBe('Unione dei Comuni – Sigillo');
  });

  const openssl = ['/usr/bin/openssl', '/usr/local/bin/openssl'].find((p) => existsSync(p));
  it.skipIf(!openssl)('from files OpenSSL 3 writes: a PKCS#12 with AES and an EC key', async () => {
    const run = (...args: string[]) => execFileSync(openssl!, args, { cwd: dir, stdio: 'pipe' });
    run('req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-keyout', 'ec-key.pem', '-passout', 'pass:chiave',
      '-out', 'ec-cert.pem', '-days', '30', '-subj', '/C=IT/O=Provincia di Prova/CN=Provincia di Prova');
    run('pkcs12', '-export', '-inkey', 'ec-key.pem', '-passin', 'pass:chiave', '-in', 'ec-cert.pem', '-passout', 'pass:p12', '-out', 'ec.p12');
    const fromP12 = await (await configured(dir, { kind: 'p12', p12File: path.join(dir, 'ec.p12'), passphrase: 'p12' })).forTenant(CASTELROCCA);
    expect(fromP12.commonName).toBe('Provincia di Prova');
    const fromPem = await (await configured(dir, { kind: 'pem', certFile: path.join(dir, 'ec-cert.pem'), keyFile: path.join(dir, 'ec-key.pem'), keyPassphrase: 'chiave' })).forTenant(CASTELROCCA);
    expect(fromPem.certificate.fingerprint256).toBe(fromP12.certificate.fingerprint256);
  });

  it('that cannot be used stops the start with a message naming the variable and what is wrong', async () => {
    const write = async (name: string, content: string | Buffer) => {
      const file = path.join(dir, name);
      await writeFile(file, content);
      return file;
    };
    const refused = (signing: SigningConfig) => configured(dir, signing).then(() => 'loaded', (err: Error) => `${err.constructor.name}: ${err.message}`);
    const p12 = await write('refused.p12', p12Of(seal, 'segreto'));
    const sealCert = await write('seal-cert.pem', seal.certPem);
    const sealKey = await write('seal-key.pem', seal.keyPem);
    const otherKey = await write('other-key.pem', issued.keyPem);
    const encryptedKey = await write('encrypted-key.pem', forge.pki.encryptRsaPrivateKey(seal.key, 'parola', { algorithm: 'aes256' }));

    expect(await refused({ kind: 'p12', p12File: path.join(dir, 'missing.p12'), passphrase: '' }))
      .toMatch(/^ConfigError: SIGNING_P12_FILE: cannot read .*missing\.p12 \(no such file\)$/);
    expect(await refused({ kind: 'p12', p12File: p12, passphrase: 'sbagliata' })).toMatch(/SIGNING_P12_FILE .* cannot open it with SIGNING_P12_PASSPHRASE \(wrong passphrase\?\)/);
    expect(await refused({ kind: 'p12', p12File: sealCert, passphrase: '' })).toMatch(/SIGNING_P12_FILE .* not a PKCS#12 file/);
    expect(await refused({ kind: 'pem', certFile: sealKey, keyFile: sealKey })).toMatch(/SIGNING_CERT_FILE .* no PEM certificate in it/);
    expect(await refused({ kind: 'pem', certFile: await write('garbled.pem', '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n'), keyFile: sealKey }))
      .toMatch(/SIGNING_CERT_FILE .* certificate 1 cannot be read/);
    expect(await refused({ kind: 'pem', certFile: sealCert, keyFile: sealCert })).toMatch(/SIGNING_KEY_FILE .* no PEM private key in it/);
    expect(await refused({ kind: 'pem', certFile: sealCert, keyFile: otherKey })).toMatch(/the private key does not belong to the certificate \(their public keys differ\)/);
    expect(await refused({ kind: 'pem', certFile: sealCert, keyFile: encryptedKey })).toMatch(/SIGNING_KEY_FILE .* the key is encrypted; set SIGNING_KEY_PASSPHRASE/);
    expect(await refused({ kind: 'pem', certFile: sealCert, keyFile: encryptedKey, keyPassphrase: 'altra' })).toMatch(/cannot decrypt the key with SIGNING_KEY_PASSPHRASE/);
    expect(await refused({ kind: 'pem', certFile: sealCert, keyFile: encryptedKey, keyPassphrase: 'parola' })).toBe('loaded');

    const expired = makeCertificate('Sigillo scaduto', { notBefore: new Date('2020-01-01T00:00:00Z'), notAfter: new Date('2023-01-01T00:00:00Z') });
    expect(await refused({ kind: 'pem', certFile: await write('expired.pem', expired.certPem), keyFile: await write('expired-key.pem', expired.keyPem) }))
      .toMatch(/the certificate "Sigillo scaduto" expired on 2023-01-01 00:00:00 UTC/);
    const future = makeCertificate('Sigillo futuro', { notBefore: new Date(Date.now() + 10 * 86400_000), notAfter: new Date(Date.now() + 400 * 86400_000) });
    expect(await refused({ kind: 'pem', certFile: await write('future.pem', future.certPem), keyFile: await write('future-key.pem', future.keyPem) }))
      .toMatch(/the certificate "Sigillo futuro" is valid only from/);
  });
});
