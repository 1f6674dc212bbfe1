/**
 * The online forms of the demo services, one file per service, and a valid sample application for each.
 * The cards in ../services-*.ts attach them with `form: …`.
 */
export { accessoCivicoForm } from './accesso-civico.ts';
export { autoletturaForm } from './autolettura-acquedotto.ts';
export { residenceForm, type ResidenceKind } from './cambio-residenza.ts';
export { idoneitaAlloggiativaForm } from './idoneita-alloggiativa.ts';
export { NIDO_SCHOOL_YEAR, NIDO_WINDOW, nidoForm, nidiOf } from './iscrizione-nido.ts';
export { PANNOLINI_WINDOW, pannoliniLavabiliForm } from './pannolini-lavabili.ts';
export { rimborsoTributiForm } from './rimborso-tributi.ts';
export { sciaEdiliziaForm } from './scia-edilizia.ts';
export { demoPrefillValues, readPointer, requiredAttachmentIds, withPrefill, type DemoSubject, type PrefillValues } from './demo-prefill.ts';
export { DEMO_FORM_SAMPLES, FORM_SERVICE_SLUGS, italianIban, type DemoFormSample } from './samples.ts';
