/**
 * Reading a signed PDF back without the code that wrote it: the PAdES signature's CMS checked with node-forge
 * (byte range, message digest, the signature over the signed attributes, ESS signing-certificate-v2), poppler's
 * pdfsig, its text (pdftotext) and the QR code of its first page (pdftoppm + jsQR).
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import jsQR from 'jsqr';
import forge from 'node-forge';
import { PNG } from 'pngjs';

const run = promisify(execFile);
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest();

/** A poppler tool, or a clear failure saying how to install it. */
export function popplerTool(name: 'pdfsig' | 'pdftotext' | 'pdftoppm'): string {
  const file = `/usr/bin/${name}`;
  if (!existsSync(file)) throw new Error(`${name} is missing: apt-get install -y poppler-utils`);
  return file;
}

let dir: string | null = null;
let n = 0;
async function saved(pdf: Buffer | Uint8Array): Promise<string> {
  dir ??= await mkdtemp(path.join(tmpdir(), 'sportello-pdf-'));
  const file = path.join(dir, `doc-${++n}.pdf`);
  await writeFile(file, pdf);
  return file;
}

export const pdfsig = async (pdf: Buffer | Uint8Array) => (await run(popplerTool('pdfsig'), [await saved(pdf)])).stdout;
export const pdftotext = async (pdf: Buffer | Uint8Array) => (await run(popplerTool('pdftotext'), ['-enc', 'UTF-8', await saved(pdf), '-'])).stdout;

/** The text of the QR code on the first page, or null. `keepPng` writes the page's image there (to look at it). */
export async function firstPageQr(pdf: Buffer | Uint8Array, keepPng?: string): Promise<string | null> {
  const file = await saved(pdf);
  const out = `${file}-page1`;
  await run(popplerTool('pdftoppm'), ['-r', '150', '-f', '1', '-l', '1', '-singlefile', '-png', file, out]);
  const png = PNG.sync.read(await readFile(`${out}.png`));
  if (keepPng) await writeFile(keepPng, PNG.sync.write(png));
  return jsQR(new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length), png.width, png.height)?.data ?? null;
}

export const OIDS = {
  signedData: '1.2.840.113549.1.7.2',
  data: '1.2.840.113549.1.7.1',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
};

type Node = forge.asn1.Asn1;
/** forge's fromDer also takes options (its types know only `strict`): the CMS is followed by the placeholder's zeros */
export const fromDerWithPadding = (bytes: string) =>
  (forge.asn1.fromDer as unknown as (b: string, options: { parseAllBytes: boolean }) => Node)(bytes, { parseAllBytes: false });
const children = (node: Node) => node.value as Node[];
const bytes = (node: Node) => Buffer.from(node.value as string, 'binary');
const der = (node: Node) => Buffer.from(forge.asn1.toDer(node).getBytes(), 'binary');
const isContext0 = (node: Node) => node.tagClass === forge.asn1.Class.CONTEXT_SPECIFIC && node.type === 0;

export interface SignatureCheck {
  subFilter: string | undefined;
  coversWholeFile: boolean;
  digestMatches: boolean;
  signatureVerifies: boolean;
  certHashMatches: boolean;
  /** the SignerInfo's issuer and serial number are the certificate's */
  sidMatches: boolean;
  /** the OIDs of the signed attributes */
  attributes: string[];
  signerCommonName: string;
  /** how many certificates the CMS carries (the signer's, then its chain) */
  certificates: number;
}

/** The PAdES signature of a PDF, checked by hand with node-forge. */
export function checkPdfSignature(pdf: Buffer): SignatureCheck {
  const text = pdf.toString('latin1');
  const range = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/.exec(text);
  if (!range) throw new Error('no ByteRange: the PDF is not signed');
  const [a, b, c, d] = range.slice(1).map(Number) as [number, number, number, number];
  const signed = Buffer.concat([pdf.subarray(a, a + b), pdf.subarray(c, c + d)]);
  const hex = text.slice(a + b, c);
  if (!/^<[0-9a-fA-F]+>$/.test(hex)) throw new Error('the gap between the byte ranges is not /Contents <hex>');
  const contentInfo = fromDerWithPadding(Buffer.from(hex.slice(1, -1), 'hex').toString('binary'));
  if (forge.asn1.derToOid(children(contentInfo)[0]!.value as string) !== OIDS.signedData) throw new Error('not a CMS SignedData');
  const parts = children(children(children(contentInfo)[1]!)[0]!);
  const certificates = children(parts.find(isContext0)!);
  const signerInfo = children(children(parts[parts.length - 1]!)[0]!);
  const [, sid, , signedAttrs] = signerInfo as [Node, Node, Node, Node];
  if (!isContext0(signedAttrs)) throw new Error('the SignerInfo has no signed attributes');
  const signature = bytes(signerInfo[signerInfo.length - 1]!);
  const attributes = new Map(children(signedAttrs).map((attr) => [forge.asn1.derToOid(children(attr)[0]!.value as string), children(children(attr)[1]!)[0]!]));
  const cert = forge.pki.certificateFromAsn1(certificates[0]!);

  // what is signed is the DER of the attributes as a SET (tag 0x31), not as the [0] they are written with
  const signedAttrsDer = der(signedAttrs);
  signedAttrsDer[0] = 0x31;
  const md = forge.md.sha256.create();
  md.update(signedAttrsDer.toString('binary'));
  let signatureVerifies = false;
  try {
    signatureVerifies = (cert.publicKey as forge.pki.rsa.PublicKey).verify(md.digest().bytes(), signature.toString('binary'));
  } catch {
    signatureVerifies = false;
  }
  const essCertId = children(children(children(attributes.get(OIDS.signingCertificateV2)!)[0]!)[0]!);
  const certHash = essCertId.find((node) => node.type === forge.asn1.Type.OCTETSTRING)!;
  const [issuer, serial] = children(sid) as [Node, Node];
  return {
    subFilter: /\/SubFilter\s*\/([A-Za-z0-9.]+)/.exec(text)?.[1],
    coversWholeFile: a === 0 && c + d === pdf.length,
    digestMatches: bytes(attributes.get(OIDS.messageDigest)!).equals(sha256(signed)),
    signatureVerifies,
    certHashMatches: bytes(certHash).equals(sha256(der(certificates[0]!))),
    sidMatches: der(issuer).equals(der(forge.pki.distinguishedNameToAsn1(cert.issuer))) && forge.util.bytesToHex(serial.value as string) === cert.serialNumber,
    attributes: [...attributes.keys()],
    signerCommonName: forge.util.decodeUtf8(cert.subject.getField('CN').value as string),
    certificates: certificates.length,
  };
}
