/**
 * The signed response document: what it says, and that its PAdES signature holds, checked twice: by poppler's
 * pdfsig (NSS underneath) and by reading the CMS here with node-forge, independently of how it was made.
 */
import { createHash, generateKeyPairSync } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import forge from 'node-forge';
import { beforeAll, describe, expect, it } from 'vitest';
import { issueSignedDocument, renderResponse, type ResponseInput } from '../src/server/modules/documents/response.pdf.ts';
import { SignerRegistry, type DocumentSigner } from '../src/server/platform/signing.ts';
import { checkPdfSignature as checkSignature, firstPageQr, fromDerWithPadding, OIDS, pdfsig, pdftotext } from './support/pdf-signature.ts';

const sha256 = (b: Buffer | string) => createHash('sha256').update(b).digest();

// the signature is read back without the code that wrote it (support/pdf-signature.ts: node-forge and poppler)
let dir: string;

const CASTELROCCA = { slug: 'castelrocca', name: 'Comune di Castelrocca', fiscalCode: '00123450167' };

const input: ResponseInput = {
  kind: 'response',
  tenant: { name: 'Comune di Castelrocca', fiscalCode: '00123450167', type: 'comune', aooCode: 'c_x123', pec: 'protocollo@pec.comune.castelrocca.it' },
  office: {
    name: 'Ufficio Servizi demografici', address: 'Piazza del Municipio 1', postalCode: '38010', city: 'Castelrocca', province: 'TN',
    email: 'anagrafe@comune.castelrocca.it', phone: '0461 123456',
  },
  protocol: { number: '0000123', year: 2026, registeredAt: new Date('2026-11-24T09:30:00Z') },
  application: {
    code: 'CR-2026-7KQ4M2', serviceTitle: 'Cambio di residenza e di abitazione', submittedAt: new Date('2026-11-20T13:05:12Z'),
    incomingProtocol: { number: '0000042', year: 2026 },
  },
  subject: { name: 'Ōtani Đorđević', fiscalCode: 'DRDTNO15A01Z148Y' },
  filer: { name: 'Ngozi Đorđević' },
  title: 'Esito della domanda di cambio di residenza',
  body: [
    'Gentile Ōtani Đorđević,',
    "con riferimento alla domanda indicata in oggetto, si comunica che l'ufficio ha concluso l'istruttoria\ne ha verificato la dimora abituale all'indirizzo dichiarato.",
    'Distinti saluti.',
  ].join('\n\n'),
  decision: 'rejected',
  motivation: "L'accertamento della Polizia locale del 22/11/2026 non ha confermato la dimora abituale all'indirizzo dichiarato.",
  officer: { name: 'Maria Rossi' },
  verificationCode: 'K7QM-4ZPA-X9TD',
  publicUrl: 'https://sportello.comune.castelrocca.it/',
};

// ---------------------------------------------------------------------------------------------------------------
// Damaged copies

/** The same file with one byte of the signed part changed: a letter of the signature's /Location. */
function tampered(pdf: Buffer): Buffer {
  const copy = Buffer.from(pdf);
  const at = copy.indexOf('/Location (') + '/Location ('.length;
  copy[at] = copy[at] === 0x58 ? 0x59 : 0x58;
  return copy;
}

/** The same file with one byte of the RSA signature value changed (the signature ends the CMS, before its padding). */
function forgedSignature(pdf: Buffer): Buffer {
  const copy = Buffer.from(pdf);
  const [, a, b, c] = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)/.exec(copy.toString('latin1'))!.map(Number);
  const hex = copy.toString('latin1', a + b + 1, c - 1);
  const cmsLength = forge.asn1.toDer(fromDerWithPadding(forge.util.hexToBytes(hex))).length();
  const at = a + b + 1 + 2 * cmsLength - 10;
  copy[at] = copy[at] === 0x30 ? 0x31 : 0x30;
  return copy;
}

// ---------------------------------------------------------------------------------------------------------------

describe('signed response document', () => {
  let signer: DocumentSigner;
  let pdf: Buffer;
  let digest: string;
  let text: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'response-'));
    signer = await (await SignerRegistry.load({ mode: 'test', dataDir: dir, signing: null })).forTenant(CASTELROCCA);
    ({ pdf, sha256: digest } = await issueSignedDocument(input, signer));
    text = await pdftotext(pdf);
  });

  it("has a signature poppler's pdfsig finds valid, by the body, over the whole file, PAdES (ETSI.CAdES.detached)", async () => {
    const out = await pdfsig(pdf);
    expect(out).toContain('Signature Validation: Signature is Valid.');
    expect(out).toContain('Signer Certificate Common Name: Comune di Castelrocca');
    expect(out).toContain('Signature Type: ETSI.CAdES.detached');
    expect(out).toContain('Signing Hash Algorithm: SHA-256');
    expect(out).toContain('Total document signed');
    // the claimed time is the outgoing protocol registration's (10:30 in Rome; pdfsig prints UTC)
    expect(out).toContain('Signing Time: Nov 24 2026 09:30:00');
    // a self-signed development certificate is nobody's trusted issuer
    expect(out).toContain('Certificate Validation: Certificate issuer is unknown.');
  });

  it('has a CMS signature that verifies by hand: digest, RSA over the signed attributes, signing-certificate-v2', () => {
    const check = checkSignature(pdf);
    expect(check).toMatchObject({
      subFilter: 'ETSI.CAdES.detached', coversWholeFile: true, digestMatches: true, signatureVerifies: true, certHashMatches: true,
      sidMatches: true, signerCommonName: 'Comune di Castelrocca', certificates: 1,
    });
    // PAdES baseline: the ESS attribute is there, and no signing-time (the claimed time is the dictionary's /M)
    expect(check.attributes.sort()).toEqual([OIDS.contentType, OIDS.messageDigest, OIDS.signingCertificateV2].sort());
    expect(check.attributes).not.toContain(OIDS.signingTime);
  });

  it('is found invalid, by pdfsig and by hand, when one signed byte changes', async () => {
    const changed = tampered(pdf);
    expect(changed.equals(pdf)).toBe(false);
    const out = await pdfsig(changed);
    expect(out).not.toContain('Signature is Valid.');
    expect(out).toContain('Signature Validation: Digest Mismatch.');
    expect(checkSignature(changed)).toMatchObject({ digestMatches: false, signatureVerifies: true });
  });

  it('is found invalid, by pdfsig and by hand, when the signature value itself is altered', async () => {
    const forged = forgedSignature(pdf);
    expect(forged.equals(pdf)).toBe(false);
    expect(await pdfsig(forged)).toContain('Signature Validation: Signature is Invalid.');
    expect(checkSignature(forged)).toMatchObject({ digestMatches: true, signatureVerifies: false });
  });

  it('says who writes, to whom, the protocol reference, the outcome in evidence and its motivation, in Italian', () => {
    const flat = text.replace(/\s+/g, ' ');
    for (const expected of [
      'Comune di Castelrocca', 'Ufficio Servizi demografici', 'Piazza del Municipio 1 · 38010 Castelrocca (TN)',
      'PEC protocollo@pec.comune.castelrocca.it', 'Codice fiscale 00123450167 · AOO c_x123',
      'Prot. n. 0000123 del 24/11/2026', 'Protocollo in uscita', 'Domanda CR-2026-7KQ4M2 del 20/11/2026',
      'Protocollo in entrata n. 0000042/2026', 'Ōtani Đorđević', 'Codice fiscale DRDTNO15A01Z148Y',
      'Domanda presentata da Ngozi Đorđević', 'Castelrocca, 24/11/2026', 'Oggetto: Esito della domanda di cambio di residenza',
      'Esito della domanda RESPINTA', 'La domanda CR-2026-7KQ4M2 è respinta.',
      "l'ufficio ha concluso l'istruttoria e ha verificato la dimora abituale",
      'Motivazione', "L'accertamento della Polizia locale del 22/11/2026 non ha confermato la dimora abituale",
      'ricorso al Tribunale amministrativo regionale', 'Il responsabile del procedimento', 'Maria Rossi',
      'Documento firmato digitalmente ai sensi del D.Lgs. 82/2005 (CAD)', 'K7QM-4ZPA-X9TD', 'Pagina 1 di 1',
    ]) {
      expect(flat).toContain(expected);
    }
    expect(flat).not.toContain('ACCOLTA');
  });

  it('has a QR code that opens the verification page', async () => {
    expect(await firstPageQr(pdf)).toBe('https://sportello.comune.castelrocca.it/verify/K7QM-4ZPA-X9TD');
  });

  it('carries its metadata, and gives the same bytes and SHA-256 for the same input and certificate', async () => {
    const { PDFDocument } = await import('pdf-lib');
    const doc = await PDFDocument.load(pdf, { updateMetadata: false });
    expect(doc.getTitle()).toBe('Esito della domanda di cambio di residenza');
    expect(doc.getAuthor()).toBe('Comune di Castelrocca');
    expect(doc.getSubject()).toBe('Cambio di residenza e di abitazione · Domanda CR-2026-7KQ4M2 · Prot. n. 0000123 del 24/11/2026');
    expect(doc.catalog.get((await import('pdf-lib')).PDFName.of('Lang'))?.toString()).toBe('(it-IT)');
    expect(doc.getCreationDate()?.toISOString()).toBe('2026-11-24T09:30:00.000Z');
    const [w, h] = [doc.getPage(0).getWidth(), doc.getPage(0).getHeight()];
    expect([Math.round(w), Math.round(h)]).toEqual([595, 842]);

    expect(digest).toBe(sha256(pdf).toString('hex'));
    const again = await issueSignedDocument(input, signer);
    expect(again.pdf.equals(pdf)).toBe(true);
    expect(again.sha256).toBe(digest);
  });

  it('flows a long text onto numbered pages and stays signed', async () => {
    const long = Array.from({ length: 30 }, (_, i) =>
      `Punto ${i + 1}. ` + "Visti gli atti d'ufficio e le risultanze dell'istruttoria, ai sensi del DPR 223/1989 e della legge 1228/1954. ".repeat(3)).join('\n\n');
    const { pdf: longPdf } = await issueSignedDocument({ ...input, body: long }, signer);
    const pages = (await pdftotext(longPdf)).split('\f').filter((p) => p.trim());
    expect(pages.length).toBeGreaterThanOrEqual(3);
    pages.forEach((p, i) => expect(p).toContain(`Pagina ${i + 1} di ${pages.length}`));
    // the text continues in order, the running head tells a loose page what it belongs to
    expect(pages.join(' ')).toMatch(/Punto 1\.[\s\S]*Punto 15\.[\s\S]*Punto 30\./);
    expect(pages[1]).toContain('Comune di Castelrocca · Esito della domanda di cambio di residenza · Prot. n. 0000123 del 24/11/2026');
    // the closing (QR code, officer, signature statement) on the last page
    expect(pages[pages.length - 1]).toContain('Documento firmato digitalmente');
    expect(pages[pages.length - 1]).toContain('K7QM-4ZPA-X9TD');
    expect(await pdfsig(longPdf)).toContain('Signature Validation: Signature is Valid.');
  });

  it('as a notice: the text without an outcome or remedies, and without an officer it is signed for the body', async () => {
    const notice: ResponseInput = {
      ...input, kind: 'notice', decision: undefined, motivation: null, officer: null, office: null, filer: null,
      title: 'Avviso di scadenza del termine per integrare la domanda',
      body: 'Le ricordiamo che il termine per inviare i documenti richiesti scade il 30/11/2026.',
    };
    const { pdf: noticePdf } = await issueSignedDocument(notice, signer);
    const flat = (await pdftotext(noticePdf)).replace(/\s+/g, ' ');
    expect(flat).toContain('Oggetto: Avviso di scadenza del termine per integrare la domanda');
    expect(flat).toContain('scade il 30/11/2026');
    expect(flat).toContain('Per Comune di Castelrocca');
    expect(flat).toContain('24/11/2026');
    expect(flat).not.toMatch(/Esito della domanda|ACCOLTA|RESPINTA|Motivazione|ricorso|Domanda presentata da/);
    expect(checkSignature(noticePdf)).toMatchObject({ digestMatches: true, signatureVerifies: true });
  });

  it('renders the same letter unsigned, as a preview', async () => {
    const preview = await renderResponse(input);
    expect(Buffer.from(preview).toString('latin1')).not.toContain('/ByteRange');
    expect((await pdftotext(preview)).replace(/\s+/g, ' ')).toContain('Prot. n. 0000123 del 24/11/2026');
  });
});

describe('signed with a configured certificate', () => {
  it('carries that certificate and its chain instead of the development one, and still verifies', async () => {
    dir ??= await mkdtemp(path.join(tmpdir(), 'response-'));
    // a CA and a seal it issued, as a PKCS#12 file the way a body receives it
    const keys = () => {
      const pem = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
      return forge.pki.privateKeyFromPem(pem) as forge.pki.rsa.PrivateKey;
    };
    const make = (cn: string, key: forge.pki.rsa.PrivateKey, issuer: { cert: forge.pki.Certificate; key: forge.pki.rsa.PrivateKey } | null, ca: boolean) => {
      const cert = forge.pki.createCertificate();
      cert.publicKey = forge.pki.setRsaPublicKey(key.n, key.e);
      cert.serialNumber = ca ? '01' : '02';
      cert.validity.notBefore = new Date(Date.now() - 86400_000);
      cert.validity.notAfter = new Date(Date.now() + 365 * 86400_000);
      cert.setSubject([{ shortName: 'C', value: 'IT' }, { shortName: 'O', value: 'Unione dei Comuni di Prova' }, { shortName: 'CN', value: cn }]);
      cert.setIssuer(issuer ? issuer.cert.subject.attributes : cert.subject.attributes);
      cert.setExtensions([{ name: 'basicConstraints', cA: ca }, { name: 'keyUsage', ...(ca ? { keyCertSign: true } : { digitalSignature: true, nonRepudiation: true }) }]);
      cert.sign(issuer?.key ?? key, forge.md.sha256.create());
      return cert;
    };
    const caKey = keys();
    const caCert = make('CA di prova', caKey, null, true);
    const sealKey = keys();
    const sealCert = make('Sigillo Unione dei Comuni', sealKey, { cert: caCert, key: caKey }, false);
    const p12File = path.join(dir, 'sigillo.p12');
    await writeFile(p12File, Buffer.from(forge.asn1.toDer(forge.pkcs12.toPkcs12Asn1(sealKey, [sealCert, caCert], 'segreto', { algorithm: '3des' })).getBytes(), 'binary'));

    const registry = await SignerRegistry.load({ mode: 'production', dataDir: dir, signing: { kind: 'p12', p12File, passphrase: 'segreto' } });
    const { pdf } = await issueSignedDocument(input, await registry.forTenant(CASTELROCCA));
    const out = await pdfsig(pdf);
    expect(out).toContain('Signature Validation: Signature is Valid.');
    expect(out).toContain('Signer Certificate Common Name: Sigillo Unione dei Comuni');
    expect(out).not.toContain('Common Name: Comune di Castelrocca');
    expect(checkSignature(pdf)).toMatchObject({
      signerCommonName: 'Sigillo Unione dei Comuni', certificates: 2, digestMatches: true, signatureVerifies: true, certHashMatches: true, sidMatches: true,
    });
  });
});
