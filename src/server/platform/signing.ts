/**
 * Digital signatures of the documents a body issues on applications (responses, notices): PAdES baseline B-B.
 *
 * How a document is signed, in two steps:
 *  1. while the PDF is still a pdf-lib document, `addSignaturePlaceholder(doc, signer, …)` adds an invisible
 *     signature field whose dictionary has SubFilter ETSI.CAdES.detached, the claimed signing time (/M), a
 *     ByteRange placeholder and room for the signature (`signer.signatureSize` bytes); the document is then saved;
 *  2. `signer.sign(pdf)` fills in the ByteRange and puts a detached CMS SignedData (CAdES) over those bytes into
 *     /Contents, through @signpdf/signpdf. The caller never handles the placeholder's bytes itself.
 *  The placeholder is added before saving, rather than by `sign`, because adding it afterwards means parsing and
 *  writing the whole PDF a second time.
 *
 * The CMS is built here with node-forge's ASN.1 and signed with node's crypto: @signpdf/signer-p12 (forge's
 * pkcs7) can only put content-type, message-digest and signing-time among the signed attributes, and PAdES B-B
 * needs the ESS signing-certificate-v2 attribute (the SHA-256 of the signer's certificate, so the signature
 * names the one certificate that made it). Signed attributes: content-type, message-digest,
 * signing-certificate-v2. No signing-time attribute: ETSI EN 319 142-1 (PAdES baseline) says it shall not be
 * present, the claimed time being the signature dictionary's /M; validators such as the EU's DSS refuse B-B
 * conformance when it is there. issuerSerial is left out of ESSCertIDv2 as EN 319 122-1 recommends.
 * RSA keys sign with PKCS#1 v1.5 and SHA-256; EC keys (P-256, P-384) with ECDSA and SHA-256.
 *
 * Which certificate:
 *  - SIGNING_P12_FILE (+ SIGNING_P12_PASSPHRASE) or SIGNING_CERT_FILE + SIGNING_KEY_FILE (PEM, the key optionally
 *    encrypted with SIGNING_KEY_PASSPHRASE): one certificate (an e-seal, usually) for every body of the
 *    deployment. Read and checked once at start: unreadable, unparsable, expired, or a key that does not belong
 *    to the certificate stops the start with a message saying which variable and what is wrong.
 *  - Nothing configured (development and test only; production refuses to start): a self-signed certificate per
 *    body, made on first use and kept in DATA_DIR/signing/<slug>.pem so that it stays the same across restarts.
 *    Subject CN and O = the body's name, organizationIdentifier = VATIT-<fiscal code>, C = IT; key usage
 *    digitalSignature + nonRepudiation; valid three years. A body renamed gets a new one.
 */
import { createHash, createPrivateKey, generateKeyPairSync, randomBytes, sign as cryptoSign, X509Certificate, type KeyObject } from 'node:crypto';
import { chmod, link, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pdflibAddPlaceholder } from '@signpdf/placeholder-pdf-lib';
import { SignPdf } from '@signpdf/signpdf';
import { Signer, SUBFILTER_ETSI_CADES_DETACHED } from '@signpdf/utils';
import forge from 'node-forge';
import type { PDFDocument, PDFPage } from 'pdf-lib';
import { ConfigError, type Config, type SigningConfig } from '../config.ts';

/** A signer of PDF documents with one certificate. */
export interface DocumentSigner {
  /** the certificate's subject on one line: "CN=Comune di Castelrocca, O=Comune di Castelrocca, …" */
  readonly subject: string;
  /** the subject's common name (what PDF readers show as the signer) */
  readonly commonName: string;
  /** the signing certificate (node's X509Certificate: PEM in `.toString()`, `fingerprint256`, `validTo`, …) */
  readonly certificate: X509Certificate;
  /** true for the development certificate made by Sportello itself, false for a configured one */
  readonly selfSigned: boolean;
  /** the largest CMS signature this signer makes, in bytes (addSignaturePlaceholder reserves room for it) */
  readonly signatureSize: number;
  /**
   * Signs a PDF that already carries a placeholder from addSignaturePlaceholder: the same bytes with the
   * ByteRange filled in and the CMS signature in /Contents.
   */
  sign(pdf: Uint8Array | Buffer): Promise<Buffer>;
}

export interface PlaceholderOptions {
  /** the claimed signing time, written as /M (PAdES carries it there, not in the CMS) */
  signedAt: Date;
  /** why it is signed: what the document is */
  reason: string;
  /** where: the office's town, or the body */
  location: string;
  /** how to reach the signer: the body's PEC or e-mail */
  contactInfo?: string;
  /** the page holding the (invisible) signature field; the first page when omitted */
  page?: PDFPage;
}

/** Letters with a stroke have no decomposition to lose an accent from: their base letters, by hand. */
const STROKED: Record<string, string> = { Đ: 'D', đ: 'd', Ł: 'L', ł: 'l', Ħ: 'H', ħ: 'h', ı: 'i', Œ: 'OE', œ: 'oe' };

/**
 * Text for a literal string of the signature dictionary, which the placeholder writes byte for byte: Latin-1
 * only (a letter beyond it loses its accent, anything else becomes "?"), with \ ( ) escaped.
 */
function literal(text: string): string {
  let out = '';
  for (const ch of text.normalize('NFC')) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) out += ' ';
    else if (cp <= 0xff) out += ch;
    else {
      const base = STROKED[ch] ?? ch.normalize('NFD').replace(/\p{M}+/gu, '');
      out += /^[\x20-\xff]+$/.test(base) ? base : '?';
    }
  }
  return out.replace(/[\\()]/g, (c) => `\\${c}`);
}

/** Adds an invisible PAdES signature field to `doc`, to be saved and then given to `signer.sign`. */
export function addSignaturePlaceholder(doc: PDFDocument, signer: DocumentSigner, opts: PlaceholderOptions): void {
  pdflibAddPlaceholder({
    pdfDoc: doc,
    ...(opts.page ? { pdfPage: opts.page } : {}),
    reason: literal(opts.reason),
    location: literal(opts.location),
    contactInfo: literal(opts.contactInfo ?? ''),
    name: literal(signer.commonName),
    signingTime: opts.signedAt,
    // the placeholder is written as that many characters between < >, and the signature goes in as hex
    signatureLength: 2 * signer.signatureSize,
    subFilter: SUBFILTER_ETSI_CADES_DETACHED,
    appName: 'Sportello',
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Keys and certificates

interface KeyMaterial {
  key: KeyObject;
  /** the signer's certificate first, then the rest of the chain, as DER */
  certificates: Buffer[];
  x509: X509Certificate;
  subject: { type: string; label: string; value: string }[];
}

const commonNameOf = (m: Pick<KeyMaterial, 'subject'>) => m.subject.find((f) => f.label === 'CN')?.value ?? subjectLine(m);
/** "CN=…, O=…, C=IT": most specific first, as RFC 4514 writes a name */
const subjectLine = (m: Pick<KeyMaterial, 'subject'>) => [...m.subject].reverse().map((f) => `${f.label}=${f.value}`).join(', ');

const NAME_LABELS: Record<string, string> = {
  '2.5.4.3': 'CN', '2.5.4.4': 'SN', '2.5.4.42': 'GN', '2.5.4.5': 'serialNumber', '2.5.4.6': 'C', '2.5.4.7': 'L',
  '2.5.4.8': 'ST', '2.5.4.10': 'O', '2.5.4.11': 'OU', '2.5.4.46': 'dnQualifier', '2.5.4.97': 'organizationIdentifier',
  '1.2.840.113549.1.9.1': 'emailAddress',
};

/** The attributes of a certificate's subject in the order they are written, with their values decoded. */
function subjectFields(certificateDer: Buffer): { type: string; label: string; value: string }[] {
  const { tbs, offset } = tbsOf(certificateDer);
  // tbsCertificate: [0] version, serialNumber, signature, issuer, validity, subject, …
  const name = tbs[offset + 4].value as forge.asn1.Asn1[];
  return name.flatMap((rdn) =>
    (rdn.value as forge.asn1.Asn1[]).map((atv) => {
      const [typeNode, valueNode] = atv.value as forge.asn1.Asn1[];
      const type = forge.asn1.derToOid(typeNode.value as string);
      const raw = Buffer.from(valueNode.value as string, 'binary');
      const value =
        valueNode.type === forge.asn1.Type.UTF8 ? raw.toString('utf8')
        : valueNode.type === forge.asn1.Type.BMPSTRING ? Buffer.from(raw).swap16().toString('utf16le')
        : raw.toString('latin1');
      return { type, label: NAME_LABELS[type] ?? type, value };
    }),
  );
}

const pemBlocks = (text: string, label: string) =>
  text.match(new RegExp(`-----BEGIN ${label}-----[\\s\\S]+?-----END ${label}-----`, 'g')) ?? [];

const utc = (d: Date) => d.toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC');

/**
 * Checks that the key belongs to one of the certificates and that the key can sign; puts that certificate first.
 * `where` names the setting in messages.
 */
function keyMaterial(key: KeyObject, certificates: Buffer[], where: string, now = new Date()): KeyMaterial {
  if (key.asymmetricKeyType !== 'rsa' && key.asymmetricKeyType !== 'ec') {
    throw new ConfigError(`${where}: the key is ${key.asymmetricKeyType ?? 'of an unknown type'}; documents are signed with RSA or EC (P-256, P-384) keys`);
  }
  const parsed = certificates.map((der) => ({ der, x509: new X509Certificate(der) }));
  const own = parsed.find((c) => c.x509.checkPrivateKey(key));
  if (!own) throw new ConfigError(`${where}: the private key does not belong to the certificate (their public keys differ)`);
  const subject = subjectFields(own.der);
  const validFrom = new Date(own.x509.validFrom);
  const validTo = new Date(own.x509.validTo);
  if (validTo <= now) throw new ConfigError(`${where}: the certificate "${commonNameOf({ subject })}" expired on ${utc(validTo)}`);
  if (validFrom > now) throw new ConfigError(`${where}: the certificate "${commonNameOf({ subject })}" is valid only from ${utc(validFrom)}`);
  return { key, certificates: [own.der, ...parsed.filter((c) => c !== own).map((c) => c.der)], x509: own.x509, subject };
}

async function readSetting(file: string, variable: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'it is a folder' : (err as Error).message;
    throw new ConfigError(`${variable}: cannot read ${file} (${why})`);
  }
}

const forgeBytes = (buf: Buffer) => forge.util.createBuffer(buf.toString('binary'));
const derOf = (node: forge.asn1.Asn1) => Buffer.from(forge.asn1.toDer(node).getBytes(), 'binary');

/** The fields of a certificate's tbsCertificate; `offset` skips the [0] version, present in v2 and v3. */
function tbsOf(certificateDer: Buffer): { tbs: forge.asn1.Asn1[]; offset: number } {
  const tbs = (forge.asn1.fromDer(forgeBytes(certificateDer)).value as forge.asn1.Asn1[])[0].value as forge.asn1.Asn1[];
  return { tbs, offset: tbs[0].tagClass === forge.asn1.Class.CONTEXT_SPECIFIC ? 1 : 0 };
}

async function loadP12(config: Extract<SigningConfig, { kind: 'p12' }>): Promise<KeyMaterial> {
  const where = `SIGNING_P12_FILE (${config.p12File})`;
  const bytes = await readSetting(config.p12File, 'SIGNING_P12_FILE');
  let p12: forge.pkcs12.Pkcs12Pfx;
  try {
    p12 = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(forgeBytes(bytes)), false, config.passphrase);
  } catch (err) {
    const message = (err as Error).message;
    if (/password|MAC|decrypt/i.test(message)) {
      throw new ConfigError(`${where}: cannot open it with SIGNING_P12_PASSPHRASE (wrong passphrase?)`);
    }
    throw new ConfigError(`${where}: not a PKCS#12 file (${message})`);
  }
  const bags = (type: string) => p12.getBags({ bagType: type })[type] ?? [];
  const keyBags = [...bags(forge.pki.oids.pkcs8ShroudedKeyBag!), ...bags(forge.pki.oids.keyBag!)];
  if (keyBags.length === 0) throw new ConfigError(`${where}: the file holds no private key`);
  if (keyBags.length > 1) throw new ConfigError(`${where}: the file holds ${keyBags.length} private keys; export the one that signs, with its certificate`);
  const keyBag = keyBags[0];
  // forge reads RSA keys itself; any other key is handed over as its PKCS#8 structure
  const pkcs8 = keyBag.key
    ? derOf(forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(keyBag.key as forge.pki.rsa.PrivateKey)))
    : keyBag.asn1
      ? derOf(keyBag.asn1)
      : null;
  if (!pkcs8) throw new ConfigError(`${where}: the private key cannot be read`);
  const certificates = bags(forge.pki.oids.certBag!).flatMap((bag) =>
    bag.cert ? [derOf(forge.pki.certificateToAsn1(bag.cert))] : bag.asn1 ? [derOf(bag.asn1)] : [],
  );
  if (certificates.length === 0) throw new ConfigError(`${where}: the file holds no certificate`);
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' });
  } catch (err) {
    throw new ConfigError(`${where}: the private key cannot be read (${(err as Error).message})`);
  }
  return keyMaterial(key, certificates, where);
}

async function loadPem(config: Extract<SigningConfig, { kind: 'pem' }>): Promise<KeyMaterial> {
  const certText = (await readSetting(config.certFile, 'SIGNING_CERT_FILE')).toString('utf8');
  const keyText = (await readSetting(config.keyFile, 'SIGNING_KEY_FILE')).toString('utf8');
  const blocks = pemBlocks(certText, 'CERTIFICATE');
  if (blocks.length === 0) throw new ConfigError(`SIGNING_CERT_FILE (${config.certFile}): no PEM certificate in it (-----BEGIN CERTIFICATE-----)`);
  const certificates = blocks.map((pem, i) => {
    try {
      return new X509Certificate(pem).raw;
    } catch (err) {
      throw new ConfigError(`SIGNING_CERT_FILE (${config.certFile}): certificate ${i + 1} cannot be read (${(err as Error).message})`);
    }
  });
  const where = `SIGNING_KEY_FILE (${config.keyFile})`;
  if (!/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(keyText)) throw new ConfigError(`${where}: no PEM private key in it (-----BEGIN PRIVATE KEY-----)`);
  const encrypted = /-----BEGIN ENCRYPTED PRIVATE KEY-----|Proc-Type: 4,ENCRYPTED/.test(keyText);
  if (encrypted && !config.keyPassphrase) throw new ConfigError(`${where}: the key is encrypted; set SIGNING_KEY_PASSPHRASE`);
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: keyText, format: 'pem', ...(encrypted ? { passphrase: config.keyPassphrase } : {}) });
  } catch (err) {
    if (encrypted) throw new ConfigError(`${where}: cannot decrypt the key with SIGNING_KEY_PASSPHRASE (wrong passphrase?)`);
    throw new ConfigError(`${where}: the private key cannot be read (${(err as Error).message})`);
  }
  return keyMaterial(key, certificates, `${where} and SIGNING_CERT_FILE (${config.certFile})`);
}

// ---------------------------------------------------------------------------------------------------------------
// Development certificates, one per body

export interface TenantIdentity {
  slug: string;
  name: string;
  fiscalCode: string;
}

const ORGANIZATION_IDENTIFIER = '2.5.4.97';
const DEV_VALIDITY_YEARS = 3;
/** a development certificate this close to its end is replaced rather than used */
const RENEW_BEFORE_MS = 30 * 86400_000;

const organizationIdentifier = (t: TenantIdentity) => `VATIT-${t.fiscalCode.toUpperCase()}`;

function makeSelfSigned(t: TenantIdentity, now: Date): { pem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const keyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' }).toString());
  // a positive serial of 16 random bytes (the top bit cleared so that DER needs no sign byte)
  const serial = randomBytes(16);
  serial[0] &= 0x7f;
  cert.serialNumber = serial.toString('hex');
  // a minute back, so that a verifier whose clock is a little behind does not see a certificate from the future
  cert.validity.notBefore = new Date(Math.floor(now.getTime() / 1000) * 1000 - 60_000);
  const notAfter = new Date(cert.validity.notBefore);
  notAfter.setUTCFullYear(notAfter.getUTCFullYear() + DEV_VALIDITY_YEARS);
  cert.validity.notAfter = notAfter;
  const utf8 = forge.asn1.Type.UTF8;
  const attrs = [
    { shortName: 'C', value: 'IT' },
    { name: 'organizationName', value: t.name, valueTagClass: utf8 },
    { type: ORGANIZATION_IDENTIFIER, value: organizationIdentifier(t), valueTagClass: utf8 },
    { name: 'commonName', value: t.name, valueTagClass: utf8 },
  ] as forge.pki.CertificateField[];
  cert.setSubject(attrs);
  cert.setIssuer(attrs);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false, critical: true },
    { name: 'keyUsage', digitalSignature: true, nonRepudiation: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  cert.sign(forge.pki.privateKeyFromPem(keyPem), forge.md.sha256.create());
  return { pem: `${keyPem.trimEnd()}\n${forge.pki.certificateToPem(cert).trimEnd()}\n` };
}

function materialFromPem(pem: string, where: string, now: Date): KeyMaterial {
  const keyPem = pemBlocks(pem, 'PRIVATE KEY')[0];
  const certs = pemBlocks(pem, 'CERTIFICATE');
  if (!keyPem || certs.length === 0) throw new Error(`${where}: no key or certificate in it`);
  return keyMaterial(createPrivateKey(keyPem), certs.map((c) => new X509Certificate(c).raw), where, now);
}

/** Does a stored development certificate still fit the body (same name and fiscal code, not near its end)? */
function fits(material: KeyMaterial, t: TenantIdentity, now: Date): boolean {
  const field = (label: string) => material.subject.find((f) => f.label === label)?.value;
  return (
    field('CN') === t.name &&
    field('O') === t.name &&
    field('organizationIdentifier') === organizationIdentifier(t) &&
    new Date(material.x509.validTo).getTime() - now.getTime() > RENEW_BEFORE_MS
  );
}

/** A file name for a slug: slugs are already [a-z0-9-], anything else is hashed rather than trusted in a path. */
function fileNameFor(slug: string): string {
  return /^[a-z0-9][a-z0-9-]{0,62}$/.test(slug) ? `${slug}.pem` : `tenant-${createHash('sha256').update(slug).digest('hex').slice(0, 24)}.pem`;
}

async function developmentMaterial(dir: string, t: TenantIdentity, now = new Date()): Promise<KeyMaterial> {
  const file = path.join(dir, fileNameFor(t.slug));
  const where = `development signing certificate ${file}`;
  let stored: string | null = null;
  try {
    stored = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  if (stored !== null) {
    try {
      const material = materialFromPem(stored, where, now);
      if (fits(material, t, now)) return material;
    } catch {
      // unreadable, expired or not ours: made again below
    }
  }
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const { pem } = makeSelfSigned(t, now);
  const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(temp, pem, { mode: 0o600 });
  await chmod(temp, 0o600); // whatever the umask
  try {
    if (stored !== null) {
      // replacing one that no longer fits: the new file appears whole or not at all
      await rename(temp, file);
      return materialFromPem(pem, where, now);
    }
    // Another process may be making the same body's first certificate right now: link() fails when the name
    // exists, so the first one written wins and the others use it, and two processes never sign with two
    // different certificates.
    try {
      await link(temp, file);
      return materialFromPem(pem, where, now);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      return materialFromPem(await readFile(file, 'utf8'), where, now);
    }
  } finally {
    await rm(temp, { force: true });
  }
}

// ---------------------------------------------------------------------------------------------------------------
// CMS (CAdES) SignedData

const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  sha256: '2.16.840.1.101.3.4.2.1',
  rsaEncryption: '1.2.840.113549.1.1.1',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
};

const { asn1 } = forge;
const U = asn1.Class.UNIVERSAL;
const seq = (items: forge.asn1.Asn1[]) => asn1.create(U, asn1.Type.SEQUENCE, true, items);
const set = (items: forge.asn1.Asn1[]) => asn1.create(U, asn1.Type.SET, true, items);
const oid = (id: string) => asn1.create(U, asn1.Type.OID, false, asn1.oidToDer(id).getBytes());
const octets = (bytes: Buffer) => asn1.create(U, asn1.Type.OCTETSTRING, false, bytes.toString('binary'));
const integer = (n: number) => asn1.create(U, asn1.Type.INTEGER, false, asn1.integerToDer(n).getBytes());
const nullValue = () => asn1.create(U, asn1.Type.NULL, false, '');
const explicit = (tag: number, items: forge.asn1.Asn1[]) => asn1.create(asn1.Class.CONTEXT_SPECIFIC, tag, true, items);
const parse = (der: Buffer) => asn1.fromDer(forgeBytes(der));
const attribute = (type: string, value: forge.asn1.Asn1) => seq([oid(type), set([value])]);

/** The issuer Name and serialNumber INTEGER of a certificate, as they are written in it. */
function issuerAndSerial(certificateDer: Buffer): forge.asn1.Asn1 {
  const { tbs, offset } = tbsOf(certificateDer);
  return seq([tbs[offset + 2], tbs[offset]]);
}

/** A detached CMS SignedData over `content`, with the PAdES B-B signed attributes. */
function cadesSignature(content: Buffer, material: KeyMaterial): Buffer {
  const [signerDer] = material.certificates;
  const digest = createHash('sha256').update(content).digest();
  const certHash = createHash('sha256').update(signerDer).digest();
  const attributes = [
    attribute(OID.contentType, oid(OID.data)),
    attribute(OID.messageDigest, octets(digest)),
    // SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2 }; ESSCertIDv2 with the default
    // hashAlgorithm (SHA-256, so left out as DER requires) and no issuerSerial
    attribute(OID.signingCertificateV2, seq([seq([seq([octets(certHash)])])])),
  ];
  // DER writes a SET OF in the order of its elements' encodings; what is signed is the SET, tag and all
  const sorted = attributes.map(derOf).sort(Buffer.compare);
  const toBeSigned = derOf(set(sorted.map(parse)));
  const ec = material.key.asymmetricKeyType === 'ec';
  const signature = cryptoSign('sha256', toBeSigned, ec ? { key: material.key, dsaEncoding: 'der' } : material.key);
  const signatureAlgorithm = ec ? seq([oid(OID.ecdsaWithSha256)]) : seq([oid(OID.rsaEncryption), nullValue()]);
  const sha256 = () => seq([oid(OID.sha256)]);
  const signerInfo = seq([
    integer(1),
    issuerAndSerial(signerDer),
    sha256(),
    explicit(0, sorted.map(parse)), // [0] IMPLICIT SET OF Attribute
    signatureAlgorithm,
    octets(signature),
  ]);
  const signedData = seq([
    integer(1),
    set([sha256()]),
    seq([oid(OID.data)]), // detached: no content
    explicit(0, material.certificates.map(parse)), // [0] IMPLICIT CertificateSet
    set([signerInfo]),
  ]);
  return derOf(seq([oid(OID.signedData), explicit(0, [signedData])]));
}

/** @signpdf's Signer: given the bytes the ByteRange covers, answers the CMS to put in /Contents. */
class CadesSigner extends Signer {
  constructor(private readonly material: KeyMaterial) {
    super();
  }

  override async sign(content: Buffer): Promise<Buffer> {
    return cadesSignature(content, this.material);
  }
}

function documentSigner(material: KeyMaterial, selfSigned: boolean): DocumentSigner {
  const signer = new CadesSigner(material);
  const signPdf = new SignPdf();
  const keyBytes = material.key.asymmetricKeyType === 'rsa' ? Math.ceil((material.key.asymmetricKeyDetails?.modulusLength ?? 4096) / 8) : 160;
  return {
    subject: subjectLine(material),
    commonName: commonNameOf(material),
    certificate: material.x509,
    selfSigned,
    // the certificates, the signature and about 400 bytes of structure and attributes, with room to spare
    signatureSize: material.certificates.reduce((sum, c) => sum + c.length, 0) + keyBytes + 2048,
    sign: (pdf) => signPdf.sign(Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength), signer),
  };
}

// ---------------------------------------------------------------------------------------------------------------

/** The signer of each body's documents: the configured certificate, or a development one per body. */
export class SignerRegistry {
  private readonly signers = new Map<string, Promise<DocumentSigner>>();

  private constructor(
    private readonly shared: DocumentSigner | null,
    private readonly developmentDir: string,
  ) {}

  /**
   * Reads and checks the configured certificate (ConfigError with a message naming the variable when it cannot
   * be used). Without one, production is refused; development and test will make certificates per body.
   */
  static async load(config: Pick<Config, 'mode' | 'dataDir' | 'signing'>): Promise<SignerRegistry> {
    const developmentDir = path.join(config.dataDir, 'signing');
    if (config.signing) {
      const material = config.signing.kind === 'p12' ? await loadP12(config.signing) : await loadPem(config.signing);
      return new SignerRegistry(documentSigner(material, false), developmentDir);
    }
    if (config.mode === 'production') {
      throw new ConfigError('a signing certificate is required in production: set SIGNING_P12_FILE and SIGNING_P12_PASSPHRASE, or SIGNING_CERT_FILE and SIGNING_KEY_FILE');
    }
    return new SignerRegistry(null, developmentDir);
  }

  /** True when documents are signed with a configured certificate rather than development ones. */
  get configured(): boolean {
    return this.shared !== null;
  }

  /** The signer of a body's documents (the same object for the same body, made once per process). */
  async forTenant(tenant: TenantIdentity): Promise<DocumentSigner> {
    if (this.shared) return this.shared;
    const cacheKey = `${tenant.slug}\n${tenant.name}\n${tenant.fiscalCode}`;
    let signer = this.signers.get(cacheKey);
    if (!signer) {
      signer = developmentMaterial(this.developmentDir, tenant).then((material) => documentSigner(material, true));
      this.signers.set(cacheKey, signer);
      // a failure (a full disk) is not kept: the next document tries again
      signer.catch(() => this.signers.delete(cacheKey));
    }
    return signer;
  }
}
